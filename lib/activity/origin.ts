/**
 * Who asked for a change, as the request shows it: who the proxy let in (lib/auth: loopback,
 * SWITCHYARD_TOKEN, a signed-in user, an API token) and how (no token set, so only this machine
 * can ask; the login session; sign-in; a bearer token), whether Switchyard's own page sent it,
 * and the peer's address where Next.js passed it on. Pure: headers in, an origin out.
 */
import { decodePrincipal, PRINCIPAL_HEADER } from '@/lib/identity/principal-header';
import { LOOPBACK_PRINCIPAL } from '@/lib/identity/roles';
import type { ActivityOrigin } from '@/lib/schemas/activity';

export function originOf(header: (name: string) => string | null, tokenSet: boolean): ActivityOrigin {
  const auth = header('authorization');
  const p = decodePrincipal(header(PRINCIPAL_HEADER));
  const via = !tokenSet ? 'loopback' : p?.kind === 'user' ? 'sign-in' : auth?.startsWith('Bearer ') ? 'bearer' : 'session';
  const client = header('sec-fetch-site') === 'same-origin' ? 'page' : 'api';
  const forwarded = header('x-forwarded-for')?.split(',')[0]?.trim() || null;
  const address = forwarded ? forwarded.replace(/^::ffff:/, '').slice(0, 64) : null;
  const who = p ?? (!tokenSet ? LOOPBACK_PRINCIPAL : null);
  const actor = who ? { kind: who.kind, id: who.id, name: who.name } : null;
  return { via, client, address, actor };
}
