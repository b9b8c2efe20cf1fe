/** Finding one network or container in a topology by id, unique id prefix or name. Pure. */
import type { Topology, TopoContainer, TopoEndpoint, TopoNetwork } from './types';

function findBy<T extends { id: string; name: string }>(items: readonly T[], ref: string): T | null {
  const exact = items.find((i) => i.id === ref || i.name === ref);
  if (exact) return exact;
  const prefixed = items.filter((i) => i.id.startsWith(ref));
  return prefixed.length === 1 ? prefixed[0]! : null;
}

export function findNetwork(t: Pick<Topology, 'networks'>, ref: string): TopoNetwork | null {
  return findBy(t.networks, ref);
}

export function findContainer(t: Pick<Topology, 'containers'>, ref: string): TopoContainer | null {
  return findBy(t.containers, ref.startsWith('/') ? ref.slice(1) : ref);
}

export function endpointsOf(t: Pick<Topology, 'endpoints'>, by: { networkId?: string; containerId?: string }): TopoEndpoint[] {
  return t.endpoints.filter((e) => (!by.networkId || e.networkId === by.networkId) && (!by.containerId || e.containerId === by.containerId));
}
