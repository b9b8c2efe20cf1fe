/**
 * The store's cheap safety check: one GET /containers/json?all=1 compared with what the store
 * holds. It finds what the engine does not announce and anything an event might have missed.
 * Seen on Engine 20.10: `docker network connect` on a stopped container emits no event, and a
 * `docker start` that fails (its static address is taken) sets the exit code to 128 without
 * one. The list has names, state, the exit code (in its Status text) and per network its name
 * and configured addresses, which is what such changes touch; a mismatch costs one inspect of
 * that container. Pure.
 */
import type { RawContainer, RawContainerSummary, RawEndpointSettings } from '@/lib/docker/engine-types';

type Nets = Record<string, Pick<RawEndpointSettings, 'IPAMConfig'>> | null | undefined;

/** Exit codes are compared where the list shows one: exited containers ("Exited (137) 2 hours ago"). */
const SHOWS_EXIT = new Set(['exited', 'dead']);

function fingerprint(name: string, state: string, exitCode: number | null, nets: Nets): string {
  const n = Object.entries(nets ?? {})
    .map(([net, s]) => `${net}=${s.IPAMConfig?.IPv4Address ?? ''}/${s.IPAMConfig?.IPv6Address ?? ''}`)
    .sort();
  return `${name}|${state}|${SHOWS_EXIT.has(state) ? exitCode ?? '' : ''}|${n.join(',')}`;
}

/** By object: a held container is replaced, never changed, when it is read again. */
const inspected = new WeakMap<object, string>();

export function inspectFingerprint(c: Pick<RawContainer, 'Name' | 'State' | 'NetworkSettings'>): string {
  let f = inspected.get(c);
  if (f === undefined) {
    f = fingerprint(c.Name, c.State?.Status ?? '', c.State?.ExitCode ?? null, c.NetworkSettings?.Networks);
    inspected.set(c, f);
  }
  return f;
}

/** A list row's own name is the one with a single slash ("/web"; "/app/web" is a link name). */
export function summaryFingerprint(s: Pick<RawContainerSummary, 'Names' | 'State' | 'Status' | 'NetworkSettings'>): string {
  const name = s.Names?.find((n) => n.lastIndexOf('/') === 0) ?? s.Names?.[0] ?? '';
  const exit = /^Exited \((-?\d+)\)/.exec(s.Status ?? '');
  return fingerprint(name, s.State ?? '', exit ? Number(exit[1]) : null, s.NetworkSettings?.Networks);
}

/** What the check keeps of a list row: its id and fingerprint (the row itself is dropped as read). */
export interface ListedRow {
  id: string;
  fingerprint: string;
}
export const listedRow = (s: RawContainerSummary): ListedRow => ({ id: s.Id, fingerprint: summaryFingerprint(s) });

/**
 * Containers to inspect again: listed but unknown or different, and known but not listed
 * (an inspect says whether they are gone; the list may be older than the store's state).
 */
export function containersToRecheck(list: readonly ListedRow[], held: ReadonlyMap<string, RawContainer>): string[] {
  const out: string[] = [];
  const listed = new Set<string>();
  for (const s of list) {
    listed.add(s.id);
    const c = held.get(s.id);
    if (!c || inspectFingerprint(c) !== s.fingerprint) out.push(s.id);
  }
  for (const id of held.keys()) if (!listed.has(id)) out.push(id);
  return out;
}
