/** What the access log records (lib/auth/store): sign-ins and their failures, sign-outs, token use and its refusals, tokens made and revoked. Pure. */
export const ACCESS_KINDS = ['sign-in', 'sign-in-failed', 'sign-out', 'token-used', 'token-refused', 'token-created', 'token-revoked'] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];
