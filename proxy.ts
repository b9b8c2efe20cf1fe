// Every request passes here before any route: Host / Origin guard, access token (when one
// is configured), read-only mode, and a bound on body size (see lib/security).
import { NextResponse, type NextRequest } from 'next/server';
import { isAuthorized, isPublicPath, SESSION_COOKIE } from '@/lib/security/auth';
import { securityConfig, startupProblem, type SecurityConfig } from '@/lib/security/config';
import { checkRequest } from '@/lib/security/request-guard';
import { errorResponse, type ApiErrorCode } from '@/lib/api/errors';
import { MAX_BODY_BYTES } from '@/lib/api/limits';

// The server exits on a bad environment or an unsafe configuration at start
// (lib/security/startup.ts); until it has, serve nothing.
let config: SecurityConfig = { listenHost: '127.0.0.1', token: null, readOnly: true, allowedHosts: [] };
let unsafe: string | null;
try {
  config = securityConfig();
  unsafe = startupProblem(config);
} catch (err) {
  unsafe = err instanceof Error ? err.message : String(err);
}
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const refuse = (code: ApiErrorCode, message: string, hint: string | null = null) => errorResponse(code, message, hint);

export function proxy(request: NextRequest) {
  if (unsafe) return refuse('unsafe_configuration', unsafe);
  const path = request.nextUrl.pathname;
  const verdict = checkRequest({ method: request.method, header: (n) => request.headers.get(n), allowedHosts: config.allowedHosts });
  if (!verdict.ok) return refuse(verdict.code, verdict.message);

  if (config.token && !isPublicPath(path)) {
    const ok = isAuthorized(config.token, request.headers.get('authorization'), request.cookies.get(SESSION_COOKIE)?.value ?? null);
    if (!ok) {
      if (path.startsWith('/api/')) return refuse('unauthorized', 'an access token is required', 'log in at /login, or send Authorization: Bearer <SWITCHYARD_TOKEN>');
      const login = request.nextUrl.clone();
      login.pathname = '/login';
      login.search = '';
      return NextResponse.redirect(login);
    }
  }

  if (MUTATING.has(request.method) && path.startsWith('/api/') && path !== '/api/login') {
    if (config.readOnly) {
      return refuse('read_only', 'Switchyard runs read-only here: changes are turned off', 'unset SWITCHYARD_READ_ONLY to allow changes');
    }
    const length = Number(request.headers.get('content-length') ?? '0');
    if (length > MAX_BODY_BYTES) return refuse('body_too_large', `the body is ${length} bytes; at most ${MAX_BODY_BYTES} are accepted`);
  }
  return NextResponse.next();
}
