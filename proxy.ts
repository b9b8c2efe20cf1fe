// Every request passes here before any route: Host / Origin guard, who is asking and whether
// their role allows it (lib/auth/gate), read-only mode, and a bound on body size (see lib/security).
import { NextResponse, type NextRequest } from 'next/server';
import { admit } from '@/lib/auth/gate';
import { encodePrincipal, PRINCIPAL_HEADER } from '@/lib/identity/principal-header';
import { isPublicPath } from '@/lib/security/auth';
import { securityConfig, startupProblem, type SecurityConfig } from '@/lib/security/config';
import { checkRequest } from '@/lib/security/request-guard';
import { errorResponse, type ApiErrorCode } from '@/lib/api/errors';
import { MAX_BODY_BYTES } from '@/lib/api/limits';

// The server exits on a bad environment or an unsafe configuration at start
// (lib/security/startup.ts); until it has, serve nothing.
let config: SecurityConfig = { listenHost: '127.0.0.1', token: null, oidc: null, readOnly: true, allowedHosts: [] };
let unsafe: string | null;
try {
  config = securityConfig();
  unsafe = startupProblem(config);
} catch (err) {
  unsafe = err instanceof Error ? err.message : String(err);
}
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Requests that change nothing on the engine, so read-only mode lets them through. */
const SIGN_IN_PATHS = new Set(['/api/login', '/api/auth/logout']);

const refuse = (code: ApiErrorCode, message: string, hint: string | null = null) => errorResponse(code, message, hint);

export async function proxy(request: NextRequest) {
  if (unsafe) return refuse('unsafe_configuration', unsafe);
  const path = request.nextUrl.pathname;
  const verdict = checkRequest({ method: request.method, header: (n) => request.headers.get(n), allowedHosts: config.allowedHosts });
  if (!verdict.ok) return refuse(verdict.code, verdict.message);
  const gate = isPublicPath(path) ? { ok: true as const, principal: null } : await admit({
    method: request.method, path, search: request.nextUrl.searchParams,
    header: (n) => request.headers.get(n), cookie: (n) => request.cookies.get(n)?.value ?? null,
  }, config);
  if (!gate.ok) {
    if (!path.startsWith('/api/') && gate.code !== 'too_many_requests') {
      // A page: to the sign-in page, with where to come back to, or why there is nothing to show
      // (a session whose groups no longer give a role: SWITCHYARD_OIDC_ROLES changed since).
      const login = request.nextUrl.clone();
      login.pathname = '/login';
      login.search = gate.code === 'forbidden' ? `?error=${encodeURIComponent(gate.message)}` : path === '/' ? '' : `?next=${encodeURIComponent(path + request.nextUrl.search)}`;
      return NextResponse.redirect(login);
    }
    const r = refuse(gate.code, gate.message, gate.hint);
    if (gate.retryAfter) r.headers.set('retry-after', String(gate.retryAfter));
    return r;
  }

  if (MUTATING.has(request.method) && path.startsWith('/api/') && !SIGN_IN_PATHS.has(path)) {
    if (config.readOnly) {
      return refuse('read_only', 'Switchyard runs read-only here: changes are turned off', 'unset SWITCHYARD_READ_ONLY to allow changes');
    }
    const length = Number(request.headers.get('content-length') ?? '0');
    if (length > MAX_BODY_BYTES) return refuse('body_too_large', `the body is ${length} bytes; at most ${MAX_BODY_BYTES} are accepted`);
  }
  // The routes learn who asked from this header only: whatever a client sent under its name is replaced.
  const headers = new Headers(request.headers);
  headers.delete(PRINCIPAL_HEADER);
  if (gate.principal) headers.set(PRINCIPAL_HEADER, encodePrincipal(gate.principal));
  return NextResponse.next({ request: { headers } });
}
