/**
 * The principal a request was let in as travels from the proxy to the routes in one request
 * header, which the proxy always sets (overwriting whatever a client sent). Pure.
 */
import type { Principal } from './roles';

export const PRINCIPAL_HEADER = 'x-switchyard-principal';

export const encodePrincipal = (p: Principal): string => Buffer.from(JSON.stringify(p)).toString('base64url');

export function decodePrincipal(value: string | null): Principal | null {
  if (!value) return null;
  try {
    const p = JSON.parse(Buffer.from(value, 'base64url').toString()) as Principal;
    return typeof p.id === 'string' && typeof p.name === 'string' && Array.isArray(p.grants) ? p : null;
  } catch {
    return null;
  }
}
