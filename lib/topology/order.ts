/**
 * The one order of a topology's lists, used by buildTopology and by applyPatch so that a
 * patched topology is the same, element for element, as one built afresh. Pure.
 */
import type { TopoEndpoint } from './types';

type Named = { id: string; name: string };

/** Networks and containers: by name, then id (network names need not be unique). */
export function byName(a: Named, b: Named): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Endpoints: by network name, then container name (ids break ties). */
export function endpointOrder(netName: (id: string) => string, ctrName: (id: string) => string) {
  return (a: TopoEndpoint, b: TopoEndpoint): number => {
    const na = netName(a.networkId), nb = netName(b.networkId);
    if (na !== nb) return na < nb ? -1 : 1;
    const ca = ctrName(a.containerId), cb = ctrName(b.containerId);
    if (ca !== cb) return ca < cb ? -1 : 1;
    if (a.networkId !== b.networkId) return a.networkId < b.networkId ? -1 : 1;
    return a.containerId < b.containerId ? -1 : a.containerId > b.containerId ? 1 : 0;
  };
}

/** The key an endpoint goes by in patches and maps: `<networkId>:<containerId>`. */
export function endpointKey(e: Pick<TopoEndpoint, 'networkId' | 'containerId'>): string {
  return `${e.networkId}:${e.containerId}`;
}
