/**
 * The OpenAPI side of who may do what: the routes of sign-in, who-am-I, tokens and the access
 * log, and (applyRoles) each operation's security and role, from the one table the proxy uses
 * (lib/auth/policy), so the document and the server cannot disagree.
 */
import type { OpenAPIRegistry, ResponseConfig } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { needOf } from '@/lib/identity/policy';
import {
  accessAnswer, accessQuery, createTokenAnswer, createTokenBody, logoutAnswer, meAnswer, revokeTokenAnswer, signInQuery, tokenParams, tokensAnswer,
} from '@/lib/schemas/auth';
import type { ApiErrorCode } from '@/lib/api/errors';

type Errors = (...codes: ApiErrorCode[]) => Record<string, ResponseConfig>;
const json = (schema: z.ZodTypeAny) => ({ 'application/json': { schema } });
const redirect = (what: string): ResponseConfig => ({ description: what, headers: { Location: { schema: { type: 'string' } } } });

export function registerAuthPaths(registry: OpenAPIRegistry, errors: Errors) {
  const changes: ApiErrorCode[] = ['bad_request', 'read_only', 'cross_origin', 'cross_site', 'json_required', 'body_too_large'];
  registry.registerPath({
    method: 'get', path: '/api/auth/login', summary: 'Start a sign-in at the identity provider (authorization code with PKCE)',
    description: 'Sets a sealed cookie (state, nonce, PKCE verifier; ten minutes) and redirects to the provider. If the provider cannot be reached, or the address failed too often, redirects to /login?error=.',
    request: { query: signInQuery },
    responses: { 303: redirect('To the identity provider, or to /login?error='), ...errors('bad_request') },
  });
  registry.registerPath({
    method: 'get', path: '/api/auth/callback', summary: 'Where the identity provider sends the browser back',
    description: 'The code is traded for tokens (once: a code used before is refused by the provider), the ID token checked (signature, issuer, audience, expiry, nonce), the roles mapped from the role claim; a user with no role is refused. Success sets the session cookie and redirects to where the sign-in began; every failure redirects to /login?error= and is in the access log.',
    responses: { 303: redirect('Signed in: to the page; else to /login?error='), ...errors('bad_request') },
  });
  registry.registerPath({
    method: 'post', path: '/api/auth/logout', summary: 'Sign out: the session ends on the server and the cookies are cleared',
    responses: { 200: { description: 'Signed out', content: json(logoutAnswer) }, ...errors(...changes) },
  });
  registry.registerPath({
    method: 'get', path: '/api/me', summary: 'Who the request was let in as, and the role on each engine',
    responses: { 200: { description: 'The principal and roles', content: json(meAnswer) }, ...errors() },
  });
  registry.registerPath({
    method: 'get', path: '/api/tokens', summary: 'Every API token (only hashes are kept: never the token)',
    responses: { 200: { description: 'The tokens, newest first', content: json(tokensAnswer) }, ...errors() },
  });
  registry.registerPath({
    method: 'post', path: '/api/tokens', summary: 'Make an API token (shown once)',
    description: 'A role, optionally one engine, and a lifetime (default 90 days). The same as `npm run token -- create`.',
    request: { body: { required: true, content: json(createTokenBody) } },
    responses: { 201: { description: 'The token (this once) and its record', content: json(createTokenAnswer) }, ...errors(...changes) },
  });
  registry.registerPath({
    method: 'delete', path: '/api/tokens/{id}', summary: 'Revoke an API token',
    request: { params: tokenParams },
    responses: { 200: { description: 'Revoked', content: json(revokeTokenAnswer) }, ...errors(...changes, 'not_found', 'conflict') },
  });
  registry.registerPath({
    method: 'get', path: '/api/access', summary: 'The access log: sign-ins, failed sign-ins, sign-outs, token use, tokens made and revoked',
    request: { query: accessQuery },
    responses: { 200: { description: 'Newest first', content: json(accessAnswer) }, ...errors('bad_request') },
  });
}

type Operation = { security?: unknown; description?: string; responses?: Record<string, unknown>; 'x-switchyard-role'?: string };

/**
 * Each operation's security and role (`x-switchyard-role`: viewer, operator, admin, signed-in
 * or public; `x-switchyard-role-scope`: engine or every-engine), and the 403 and 429 every
 * protected one can give.
 */
export function applyRoles(paths: Record<string, unknown>) {
  const errorRef = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(item as Record<string, Operation>)) {
      if (!op || typeof op !== 'object' || !('responses' in op)) continue;
      const need = needOf(method, path.replace(/\{[^}]+\}/g, 'x'));
      if (need.kind === 'public') {
        op.security = [];
        op['x-switchyard-role'] = 'public';
        continue;
      }
      op.security = [{ bearer: [] }, { session: [] }, { signIn: [] }];
      op['x-switchyard-role'] = need.kind === 'role' ? need.role : 'signed-in';
      if (need.kind === 'role') (op as Record<string, unknown>)['x-switchyard-role-scope'] = need.scope;
      const who = need.kind === 'role' ? `Needs ${need.role}${need.scope === 'every-engine' ? ' on every engine' : ' on the engine'}.` : 'Needs a role on at least one engine.';
      op.description = op.description ? `${who} ${op.description}` : who;
      op.responses ??= {};
      const forbidden = op.responses['403'] as { description: string } | undefined;
      if (forbidden) { if (!forbidden.description.includes('forbidden')) forbidden.description += ', forbidden'; } else op.responses['403'] = { description: 'error: forbidden (the hint names the role needed)', content: errorRef };
      op.responses['429'] ??= { description: 'error: too_many_requests (too many failed sign-ins or token checks from this address; Retry-After says when to try)', content: errorRef };
    }
  }
}
