/** Largest request body any route accepts (bytes). */
export const MAX_BODY_BYTES = 16 * 1024;
