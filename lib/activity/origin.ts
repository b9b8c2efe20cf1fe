/**
 * Who asked for a change, as the request shows it: how it was let in (no token set, so only
 * this machine can ask; the login session; a bearer token), whether Switchyard's own page sent
 * it, and the peer's address where Next.js passed it on. Pure: headers in, an origin out.
 */
import type { ActivityOrigin } from '@/lib/schemas/activity';

export function originOf(header: (name: string) => string | null, tokenSet: boolean): ActivityOrigin {
  const auth = header('authorization');
  const via = !tokenSet ? 'loopback' : auth?.startsWith('Bearer ') ? 'bearer' : 'session';
  const client = header('sec-fetch-site') === 'same-origin' ? 'page' : 'api';
  const forwarded = header('x-forwarded-for')?.split(',')[0]?.trim() || null;
  const address = forwarded ? forwarded.replace(/^::ffff:/, '').slice(0, 64) : null;
  return { via, client, address };
}
