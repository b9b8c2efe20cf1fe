/**
 * Access-token checks. The session cookie holds a digest of the token (never the token),
 * HttpOnly and SameSite=Strict; scripts send `Authorization: Bearer <token>`. Comparisons
 * take constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'switchyard_session';

export function sessionValue(token: string): string {
  return createHash('sha256').update(`switchyard-session\0${token}`).digest('hex');
}

function same(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}

export function tokenMatches(token: string, given: string): boolean {
  return same(token, given);
}

/** Whether a request carries the token (bearer header) or a valid session cookie. */
export function isAuthorized(token: string, authorization: string | null, cookie: string | null): boolean {
  if (authorization?.startsWith('Bearer ')) return same(token, authorization.slice('Bearer '.length).trim());
  if (cookie) return same(sessionValue(token), cookie);
  return false;
}

/** The app's icons and manifest (public/): a login page shows them too. */
const PUBLIC_FILES = new Set(['/icon.svg', '/favicon.ico', '/apple-touch-icon.png', '/icon-192.png', '/icon-512.png', '/manifest.webmanifest']);

/** Paths reachable without a token or sign-in: the login page, its API, starting and finishing a sign-in, static assets. */
export function isPublicPath(path: string): boolean {
  return path === '/login' || path === '/api/login' || path === '/api/auth/login' || path === '/api/auth/callback'
    || path.startsWith('/_next/static/') || PUBLIC_FILES.has(path);
}
