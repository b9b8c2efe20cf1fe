/** POST /api/login: the access token for a session cookie. Pure. */
import { z } from 'zod';

export const loginBodySchema = z.object({
  token: z.string({ required_error: '"token" is required', invalid_type_error: '"token" must be a string' }).max(1024, '"token" is too long'),
}).strict().describe('The access token (SWITCHYARD_TOKEN).');
export const loginAnswer = z.object({ ok: z.literal(true) });
