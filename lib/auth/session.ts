/**
 * Sign-in cookies, sealed: a JWE (dir + A256GCM, jose) whose key is derived from
 * SWITCHYARD_SESSION_SECRET, so the browser can neither read nor change one (a changed byte
 * fails the GCM tag). Two of them:
 * - `switchyard_user`: the session (its id, the user's sub, name and claim values), with an
 *   expiry inside the seal and the cookie's own Max-Age; the server also keeps the session id,
 *   so signing out ends it there (lib/auth/store);
 * - `switchyard_oidc`: one sign-in under way (state, nonce, PKCE verifier, where to go after),
 *   ten minutes, cleared by the callback whatever happens.
 * Both HttpOnly and SameSite=Lax: the provider sends the browser back with a top-level GET from
 * its own site, which Strict would not let carry them. Changes are guarded by the Origin check.
 */
import { hkdfSync } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';

export const USER_COOKIE = 'switchyard_user';
export const FLOW_COOKIE = 'switchyard_oidc';
export const FLOW_SECONDS = 600;

export interface UserSession {
  sid: string;
  sub: string;
  name: string;
  /** The role claim's values at sign-in; the roles are mapped from them on each request (lib/auth/roles). */
  values: string[];
  /** Seconds since the epoch. */
  exp: number;
}

export interface SignInFlow {
  state: string;
  nonce: string;
  verifier: string;
  /** A path on this site to go to after signing in. */
  next: string;
}

const keys = new Map<string, Uint8Array>();
function keyOf(secret: string, purpose: string): Uint8Array {
  const id = `${purpose}\0${secret}`;
  let k = keys.get(id);
  if (!k) {
    k = new Uint8Array(hkdfSync('sha256', secret, 'switchyard', `switchyard ${purpose} cookie`, 32));
    keys.set(id, k);
  }
  return k;
}

async function seal(payload: Record<string, unknown>, secret: string, purpose: string, expSeconds: number): Promise<string> {
  return new EncryptJWT(payload)
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setIssuedAt()
    .setExpirationTime(expSeconds)
    .setAudience(`switchyard:${purpose}`)
    .encrypt(keyOf(secret, purpose));
}

/** The payload, 'expired' (sealed by us, but past its time), or null (tampered, another key, not a JWE). */
async function open(value: string, secret: string, purpose: string): Promise<Record<string, unknown> | 'expired' | null> {
  try {
    const { payload } = await jwtDecrypt(value, keyOf(secret, purpose), { audience: `switchyard:${purpose}` });
    return payload as Record<string, unknown>;
  } catch (err) {
    // jose checks the time only after the GCM tag: an expired one is authentic.
    return (err as { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'expired' : null;
  }
}

export const sealSession = (s: UserSession, secret: string) =>
  seal({ sid: s.sid, sub: s.sub, name: s.name, values: s.values }, secret, 'session', s.exp);

/** The session a cookie holds, 'expired', or null (tampered, sealed with another secret, not ours). */
export async function openSession(value: string, secret: string): Promise<UserSession | 'expired' | null> {
  const p = await open(value, secret, 'session');
  if (p === 'expired') return p;
  if (!p || typeof p.sid !== 'string' || typeof p.sub !== 'string' || typeof p.name !== 'string' || !Array.isArray(p.values) || typeof p.exp !== 'number') return null;
  return { sid: p.sid, sub: p.sub, name: p.name, values: p.values.filter((v): v is string => typeof v === 'string'), exp: p.exp };
}

export const sealFlow = (f: SignInFlow, secret: string) =>
  seal({ ...f }, secret, 'sign-in', Math.floor(Date.now() / 1000) + FLOW_SECONDS);

export async function openFlow(value: string, secret: string): Promise<SignInFlow | null> {
  const p = await open(value, secret, 'sign-in');
  if (p === 'expired' || !p || typeof p.state !== 'string' || typeof p.nonce !== 'string' || typeof p.verifier !== 'string' || typeof p.next !== 'string') return null;
  return { state: p.state, nonce: p.nonce, verifier: p.verifier, next: safeNext(p.next) };
}

/** A path on this site only: anything else (another origin, `//host`, a backslash trick) goes to /. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\') || next.length > 2000) return '/';
  return next;
}

export function cookie(name: string, value: string, maxAge: number, secure: boolean): string {
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

/** One cookie's value from a request's Cookie header (undefined: not sent). */
export function cookieOf(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(/;\s*/)) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq) === name) return part.slice(eq + 1);
  }
  return undefined;
}
