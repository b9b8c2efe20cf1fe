/**
 * Who is asking, and may they: run by the proxy on every request before any route.
 *
 * Authentication, in this order: `Authorization: Bearer` (SWITCHYARD_TOKEN, or an API token
 * looked up by its hash), the sign-in cookie (sealed, and its session still live on the
 * server), the token-login cookie. With neither a token nor sign-in configured, every request
 * is the loopback principal (admin: the server only listens on loopback then). A bearer that is
 * wrong, expired or revoked, and a sign-in cookie that does not open, count against the client's
 * address (lib/auth/limiter); past the limit it gets 429 before anything is checked.
 *
 * Authorization: the route's need (lib/auth/policy) on the engine the request names; a 403 says
 * which role would do.
 */
import 'server-only';
import { catalog } from '@/lib/engines/catalog';
import { authRequired, type SecurityConfig } from '@/lib/security/config';
import { isAuthorized, SESSION_COOKIE, tokenMatches } from '@/lib/security/auth';
import { authLimiter } from './limiter';
import { describeNeed, engineNamed, needOf } from '@/lib/identity/policy';
import { ADMIN_TOKEN_PRINCIPAL, atLeast, grantsFor, LOOPBACK_PRINCIPAL, roleOn, type Principal, type Role } from '@/lib/identity/roles';
import { authStore } from './server';
import { openSession, USER_COOKIE } from './session';

export interface GateInput {
  method: string;
  path: string;
  search: URLSearchParams;
  header: (name: string) => string | null;
  cookie: (name: string) => string | null;
}

export type GateVerdict =
  | { ok: true; principal: Principal | null }
  | { ok: false; code: 'unauthorized' | 'forbidden' | 'too_many_requests'; message: string; hint: string | null; retryAfter?: number };


/** The client's address as Next.js passes it on (X-Forwarded-For's first hop). */
export function clientAddress(header: (name: string) => string | null): string {
  return header('x-forwarded-for')?.split(',')[0]?.trim().replace(/^::ffff:/, '').slice(0, 64) || 'unknown';
}

const unauthorized = (message: string, hint: string | null): GateVerdict => ({ ok: false, code: 'unauthorized', message, hint });

async function authenticate(req: GateInput, c: SecurityConfig, address: string): Promise<Principal | GateVerdict | null> {
  const limiter = authLimiter();
  const auth = req.header('authorization');
  if (auth?.startsWith('Bearer ')) {
    const wait = limiter.wait(address);
    if (wait !== null) return { ok: false, code: 'too_many_requests', message: `too many failed attempts from ${address}: try again in ${wait} s`, hint: null, retryAfter: wait };
    const given = auth.slice('Bearer '.length).trim();
    if (c.token && tokenMatches(c.token, given)) return ADMIN_TOKEN_PRINCIPAL;
    const store = authStore();
    const check = store.checkToken(given);
    if (check.ok) {
      const t = check.token;
      const principal: Principal = { kind: 'token', id: t.id, name: t.name, grants: [{ role: t.role, engine: t.engine }] };
      if (store.noteTokenUse(t.id)) store.log({ kind: 'token-used', actor: { kind: 'token', id: t.id, name: t.name }, address, detail: { request: `${req.method} ${req.path}`, note: 'first use within the hour' } });
      return principal;
    }
    limiter.fail(address);
    const t = check.token;
    store.log({ kind: 'token-refused', actor: t && check.why !== 'unknown' ? { kind: 'token', id: t.id, name: t.name } : null, address, detail: { why: check.why, request: `${req.method} ${req.path}` } });
    const said = { unknown: 'that token is not known here', expired: `the token ${t?.name ?? ''} has expired`, revoked: `the token ${t?.name ?? ''} was revoked` }[check.why];
    return unauthorized(said, 'make a new one: npm run token -- create --role viewer --name NAME (or on the page, as an admin)');
  }
  const userCookie = c.oidc ? req.cookie(USER_COOKIE) : null;
  if (userCookie && c.oidc) {
    const s = await openSession(userCookie, c.oidc.sessionSecret);
    if (s && s !== 'expired' && authStore().sessionLive(s.sid)) {
      return { kind: 'user', id: s.sub, name: s.name, grants: grantsFor(s.values, c.oidc.rules) };
    }
    // A cookie we did not seal is a guess; an expired or signed-out one is not.
    if (!s) limiter.fail(address);
  }
  if (c.token && isAuthorized(c.token, null, req.cookie(SESSION_COOKIE))) return ADMIN_TOKEN_PRINCIPAL;
  return null;
}

/** The engine a request is about: the path's, else `?engine=`, else the current one. */
export const engineOfRequest = (path: string, search: URLSearchParams): string => engineNamed(path, search) ?? catalog().current;

/** The engines a request's role is checked on. */
function enginesFor(scope: 'engine' | 'every-engine', req: GateInput): string[] {
  if (scope === 'every-engine') return catalog().engines.map((e) => e.name);
  return [engineOfRequest(req.path, req.search)];
}

/** The first engine (of those named) on which the principal lacks the role, or null. */
export function lacking(principal: Principal, role: Role, engines: readonly string[]): string | null {
  return engines.find((e) => !atLeast(roleOn(principal.grants, e), role)) ?? null;
}

export async function admit(req: GateInput, c: SecurityConfig): Promise<GateVerdict> {
  const need = needOf(req.method, req.path);
  if (need.kind === 'public') return { ok: true, principal: null };
  if (!authRequired(c)) return { ok: true, principal: LOOPBACK_PRINCIPAL };
  const address = clientAddress(req.header);
  const who = await authenticate(req, c, address);
  if (who === null) {
    return unauthorized(c.oidc ? 'sign in first' : 'an access token is required',
      c.oidc ? 'sign in at /login, or send Authorization: Bearer <token>' : 'log in at /login, or send Authorization: Bearer <SWITCHYARD_TOKEN>');
  }
  if ('ok' in who) return who;
  if (who.grants.length === 0) {
    return { ok: false, code: 'forbidden', message: `${who.name} has no role on any engine here`, hint: 'ask an admin to add you to a group that SWITCHYARD_OIDC_ROLES gives a role' };
  }
  if (need.kind === 'signed-in') return { ok: true, principal: who };
  const engines = enginesFor(need.scope, req);
  const missing = lacking(who, need.role, engines);
  if (missing !== null) {
    const has = roleOn(who.grants, missing);
    return {
      ok: false, code: 'forbidden',
      message: `this needs ${describeNeed(need, missing)}; ${who.name} is ${has ? `${has} there` : `not given a role on ${missing}`}`,
      hint: `role needed: ${need.role}`,
    };
  }
  return { ok: true, principal: who };
}
