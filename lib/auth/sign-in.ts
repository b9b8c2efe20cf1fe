/**
 * The sign-in routes' work: start (a sealed flow cookie and the provider's URL), finish (the
 * code traded, the user's roles mapped, a session started and logged), sign out. Every outcome
 * is logged in the access log without a secret; a failed finish counts against the address.
 */
import 'server-only';
import { randomBytes } from 'node:crypto';
import { ApiError } from '@/lib/api/errors';
import { securityConfig } from '@/lib/security/config';
import { SESSION_COOKIE } from '@/lib/security/auth';
import { clientAddress } from './gate';
import { authLimiter } from './limiter';
import { beginSignIn, finishSignIn } from './oidc';
import type { OidcConfig } from '@/lib/identity/oidc-config';
import { grantsFor } from '@/lib/identity/roles';
import { authStore } from './server';
import { cookie, cookieOf, FLOW_COOKIE, FLOW_SECONDS, openFlow, openSession, safeNext, sealFlow, sealSession, USER_COOKIE } from './session';

const headerOf = (req: Request) => (n: string) => req.headers.get(n);
const secure = (c: OidcConfig) => c.publicUrl.startsWith('https:');

function oidcOrThrow(): OidcConfig {
  const c = securityConfig().oidc;
  if (!c) throw new ApiError('bad_request', 'sign-in through an identity provider is not configured here', 'set SWITCHYARD_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET, SWITCHYARD_PUBLIC_URL and SWITCHYARD_SESSION_SECRET');
  return c;
}

/** Where the login page shows a failure. */
const toLogin = (c: OidcConfig, error: string) => `${c.publicUrl}/login?error=${encodeURIComponent(error.slice(0, 300))}`;

function redirect(location: string, cookies: string[] = []): Response {
  const headers = new Headers({ location, 'cache-control': 'no-store' });
  for (const c of cookies) headers.append('set-cookie', c);
  return new Response(null, { status: 303, headers });
}

export async function startSignIn(req: Request, next: string | undefined): Promise<Response> {
  const c = oidcOrThrow();
  const wait = authLimiter().wait(clientAddress(headerOf(req)));
  if (wait !== null) return redirect(toLogin(c, `too many failed sign-ins from here: try again in ${wait} s`));
  try {
    const { url, flow } = await beginSignIn(c, safeNext(next));
    return redirect(url.href, [cookie(FLOW_COOKIE, await sealFlow(flow, c.sessionSecret), FLOW_SECONDS, secure(c))]);
  } catch (err) {
    console.error('[switchyard] sign-in could not start:', err);
    return redirect(toLogin(c, `the identity provider at ${c.issuer} could not be reached or read: ${(err as Error).message}`));
  }
}

/** What went wrong, with the provider's own error code and description where it sent them (never a token). */
function said(err: unknown): string {
  const e = err as { message?: string; error?: unknown; error_description?: unknown; cause?: { error?: unknown; error_description?: unknown } };
  const code = e.error ?? e.cause?.error;
  const description = e.error_description ?? e.cause?.error_description;
  const provider = typeof code === 'string' ? ` (the provider said ${code}${typeof description === 'string' ? `: ${description.slice(0, 160)}` : ''})` : '';
  return `${String(e.message ?? err).slice(0, 160)}${provider}`;
}

export async function finishCallback(req: Request): Promise<Response> {
  const c = oidcOrThrow();
  const address = clientAddress(headerOf(req));
  const clearFlow = cookie(FLOW_COOKIE, '', 0, secure(c));
  const store = authStore();
  const fail = (why: string, actor: { id: string; name: string } | null = null) => {
    authLimiter().fail(address);
    store.log({ kind: 'sign-in-failed', actor: actor ? { kind: 'user', ...actor } : null, address, detail: { why } });
    return redirect(toLogin(c, why), [clearFlow]);
  };
  const wait = authLimiter().wait(address);
  if (wait !== null) return redirect(toLogin(c, `too many failed sign-ins from here: try again in ${wait} s`), [clearFlow]);
  const url = new URL(req.url);
  const providerError = url.searchParams.get('error');
  if (providerError) return fail(`the identity provider said: ${providerError.slice(0, 80)}${url.searchParams.get('error_description') ? ` (${url.searchParams.get('error_description')!.slice(0, 200)})` : ''}`);
  const flowCookie = cookieOf(req.headers.get('cookie'), FLOW_COOKIE);
  const flow = flowCookie ? await openFlow(flowCookie, c.sessionSecret) : null;
  if (!flow) return fail('this sign-in was not started here, or took longer than ten minutes: sign in again');
  let who;
  try {
    who = await finishSignIn(c, url.search, flow);
  } catch (err) {
    return fail(`the sign-in was refused: ${said(err)}`);
  }
  const grants = grantsFor(who.values, c.rules);
  if (grants.length === 0) {
    return fail(`${who.name} signed in, but has no role here: the ${c.roleClaim} claim (${who.values.slice(0, 10).join(', ') || 'empty'}) matches none of SWITCHYARD_OIDC_ROLES`, { id: who.sub, name: who.name });
  }
  const sid = randomBytes(18).toString('base64url');
  const exp = Math.floor(Date.now() / 1000) + c.sessionSeconds;
  store.startSession({ id: sid, sub: who.sub, name: who.name, expiresAt: exp * 1000 });
  store.log({ kind: 'sign-in', actor: { kind: 'user', id: who.sub, name: who.name }, address, detail: { roles: grants.map((g) => (g.engine ? `${g.role}@${g.engine}` : g.role)) } });
  const session = await sealSession({ sid, sub: who.sub, name: who.name, values: who.values, exp }, c.sessionSecret);
  return redirect(`${c.publicUrl}${flow.next}`, [clearFlow, cookie(USER_COOKIE, session, c.sessionSeconds, secure(c))]);
}

/** Ends this browser's session (on the server too) and clears both cookies. */
export async function signOut(req: Request): Promise<Response> {
  const c = securityConfig();
  const value = cookieOf(req.headers.get('cookie'), USER_COOKIE);
  if (value && c.oidc) {
    const s = await openSession(value, c.oidc.sessionSecret);
    if (s && s !== 'expired' && authStore().endSession(s.sid)) {
      authStore().log({ kind: 'sign-out', actor: { kind: 'user', id: s.sub, name: s.name }, address: clientAddress(headerOf(req)), detail: {} });
    }
  }
  const isSecure = new URL(req.url).protocol === 'https:' || (c.oidc !== null && secure(c.oidc));
  const headers = new Headers({ 'cache-control': 'no-store' });
  headers.append('set-cookie', cookie(USER_COOKIE, '', 0, isSecure));
  headers.append('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
  return Response.json({ ok: true }, { headers });
}
