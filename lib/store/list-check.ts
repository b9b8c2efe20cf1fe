/**
 * The store's cheap safety check: one GET /containers/json?all=1 compared with what the store
 * holds. It finds what the engine does not announce (`docker network connect` on a stopped
 * container emits no event) and anything an event might have missed. The list has names,
 * state, and per network its name and configured addresses, which is what such changes
 * touch; a mismatch costs one inspect of that container. Pure.
 */
import type { RawContainer, RawContainerSummary, RawEndpointSettings } from '@/lib/docker/engine-types';

type Nets = Record<string, Pick<RawEndpointSettings, 'IPAMConfig'>> | null | undefined;

function fingerprint(name: string, state: string, nets: Nets): string {
  const n = Object.entries(nets ?? {})
    .map(([net, s]) => `${net}=${s.IPAMConfig?.IPv4Address ?? ''}/${s.IPAMConfig?.IPv6Address ?? ''}`)
    .sort();
  return `${name}|${state}|${n.join(',')}`;
}

export function inspectFingerprint(c: Pick<RawContainer, 'Name' | 'State' | 'NetworkSettings'>): string {
  return fingerprint(c.Name, c.State?.Status ?? '', c.NetworkSettings?.Networks);
}

/** A list row's own name is the one with a single slash ("/web"; "/app/web" is a link name). */
export function summaryFingerprint(s: Pick<RawContainerSummary, 'Names' | 'State' | 'NetworkSettings'>): string {
  const name = s.Names?.find((n) => n.lastIndexOf('/') === 0) ?? s.Names?.[0] ?? '';
  return fingerprint(name, s.State ?? '', s.NetworkSettings?.Networks);
}

/**
 * Containers to inspect again: listed but unknown or different, and known but not listed
 * (an inspect says whether they are gone; the list may be older than the store's state).
 */
export function containersToRecheck(list: readonly RawContainerSummary[], held: ReadonlyMap<string, RawContainer>): string[] {
  const out: string[] = [];
  const listed = new Set<string>();
  for (const s of list) {
    listed.add(s.Id);
    const c = held.get(s.Id);
    if (!c || inspectFingerprint(c) !== summaryFingerprint(s)) out.push(s.Id);
  }
  for (const id of held.keys()) if (!listed.has(id)) out.push(id);
  return out;
}
