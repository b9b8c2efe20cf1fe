/**
 * The routes' side of authorization: who the proxy let in (lib/auth/principal-header), and the
 * checks a route makes itself where the role depends on the body (an undo of a network's
 * creation, a plan that removes a network). Server only.
 */
import 'server-only';
import { ApiError } from '@/lib/api/errors';
import { authRequired, securityConfig } from '@/lib/security/config';
import { engineOfRequest } from './gate';
import { decodePrincipal, PRINCIPAL_HEADER } from '@/lib/identity/principal-header';
import { atLeast, LOOPBACK_PRINCIPAL, roleOn, type Principal, type Role } from '@/lib/identity/roles';

/**
 * Who asked: the proxy always says, for every route that is not public. A route called without
 * the proxy (a test calling the handler) is loopback's only where nothing is configured.
 */
export function principalOf(req: Request): Principal {
  const p = decodePrincipal(req.headers.get(PRINCIPAL_HEADER));
  if (p) return p;
  if (!authRequired(securityConfig())) return LOOPBACK_PRINCIPAL;
  throw new ApiError('unauthorized', 'the request did not pass the sign-in check', null);
}


/** Throws 403 unless the principal has `role` on the request's engine; `what` says what needs it. */
export function requireRole(req: Request, role: Role, what: string): Principal {
  const p = principalOf(req);
  const url = new URL(req.url);
  const engine = engineOfRequest(url.pathname, url.searchParams);
  const has = roleOn(p.grants, engine);
  if (!atLeast(has, role)) {
    throw new ApiError('forbidden', `${what} needs ${role} on ${engine}; ${p.name} is ${has ?? 'not given a role'} there`, `role needed: ${role}`);
  }
  return p;
}
