/**
 * Sign-in, who am I, API tokens and the access log: queries, bodies and answers. Pure.
 */
import { z } from 'zod';
import { ROLES } from '@/lib/identity/roles';
import { ACCESS_KINDS } from '@/lib/identity/access-kinds';
import { parseLifetime } from '@/lib/identity/tokens';
import { issue, wholeNumberParam } from './common';

const role = z.enum(ROLES, { errorMap: () => ({ message: `"role" must be one of ${ROLES.join(', ')}` }) });
const engineName = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$/, '"engine" must be an engine\'s name');

export const signInQuery = z.object({
  next: z.string().max(2000).optional().describe('Where to go after signing in: a path on this site (anything else goes to /).'),
}).strict();

export const principalSchema = z.object({
  kind: z.enum(['loopback', 'admin-token', 'user', 'token']).describe('loopback: nothing is configured, only this machine can ask; admin-token: SWITCHYARD_TOKEN; user: signed in through the identity provider; token: an API token.'),
  id: z.string().describe("The provider's sub for a user, a token's id."),
  name: z.string(),
});

export const meAnswer = z.object({
  principal: principalSchema,
  roles: z.array(z.object({ engine: z.string(), role: z.enum(ROLES).nullable() })).describe('The role on each engine (null: none).'),
  signIn: z.object({
    oidc: z.boolean().describe('Sign-in through an OpenID Connect provider is configured.'),
    token: z.boolean().describe('SWITCHYARD_TOKEN is set.'),
  }),
  readOnly: z.boolean(),
});

export const logoutAnswer = z.object({ ok: z.literal(true) });

export const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  engine: z.string().nullable().describe('The one engine it may be used on (null: every engine).'),
  createdAt: z.string(),
  createdBy: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
  lastUsedAt: z.string().nullable().describe('Updated at most once an hour.'),
});

export const tokensAnswer = z.object({ tokens: z.array(tokenSchema) });

export const createTokenBody = z.object({
  name: z.string({ required_error: '"name" is required' }).regex(/^[a-zA-Z0-9][a-zA-Z0-9 _.@-]{0,63}$/, '"name" must be 1-64 letters, digits, spaces or _.@- (starting with a letter or digit)'),
  role,
  engine: engineName.nullable().optional().describe('Only this engine (default: every engine).'),
  expires: z.string().optional().transform((v, ctx) => {
    const r = parseLifetime(v ?? '90d');
    if ('problem' in r) return issue(ctx, `"expires": ${r.problem}`), z.NEVER;
    return r.ms;
  }).openapi({ type: 'string', description: 'Lifetime: 90m, 12h, 30d, or never (default 90d).' }),
}).strict();

export const createTokenAnswer = z.object({
  token: z.string().describe('The token itself: shown this once, kept only as a hash.'),
  record: tokenSchema,
});

export const tokenParams = z.object({ id: z.string().regex(/^[0-9a-f]{12}$/, 'a token id is 12 hex digits') });
export const revokeTokenAnswer = z.object({ revoked: tokenSchema });

export const accessRecordSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  kind: z.enum(ACCESS_KINDS),
  actor: z.object({ kind: z.string(), id: z.string(), name: z.string() }).nullable().describe('Who, as far as is known (null: an unknown token, a failed sign-in before the provider said who).'),
  address: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).describe('Why a sign-in failed, which request a token made; never a secret.'),
});

const int = wholeNumberParam;

export const accessQuery = z.object({
  actor: z.string().max(200).optional().describe("Only this user's or token's records (name or id, exactly)."),
  kind: z.string().optional().transform((v, ctx) => {
    if (v === undefined || v === '') return null;
    const kinds = v.split(',').map((k) => k.trim()).filter(Boolean);
    const bad = kinds.find((k) => !(ACCESS_KINDS as readonly string[]).includes(k));
    if (bad) return issue(ctx, `"kind" ${JSON.stringify(bad.slice(0, 40))} is not a kind of access record`, `kinds: ${ACCESS_KINDS.join(', ')}`), z.NEVER;
    return kinds as (typeof ACCESS_KINDS)[number][];
  }),
  before: int('before', 1, Number.MAX_SAFE_INTEGER),
  limit: int('limit', 1, 500),
}).strict();

export const accessAnswer = z.object({ entries: z.array(accessRecordSchema), next: z.number().int().nullable() });
