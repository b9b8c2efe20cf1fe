/**
 * The live connections a change would cut, read just before it is made, for its activity
 * entry (`detail.cuts`): those open over the network at the container (or at any member, for a
 * network's removal). Where traffic cannot be read, the entry says why instead.
 */
import 'server-only';
import type { TopologyStore } from '@/lib/store/topology-store';
import { findContainer, findNetwork } from '@/lib/topology/select';
import { describeCuts, flowsThrough } from './apply';
import { trafficSampler } from './service';

export type Cuts = { connections: number; text: string | null; flows: { client: string; server: string; port: number; connections: number }[] } | { unknown: string };

export async function cutsBefore(store: TopologyStore, networkRef: string, containerRef: string | null): Promise<Cuts> {
  try {
    const t = await store.current();
    const n = findNetwork(t, networkRef);
    const c = containerRef ? findContainer(t, containerRef) : null;
    if (!n || (containerRef && !c)) return { unknown: 'the network or container was not found' };
    const ids = c ? [c.id, ...t.containers.filter((x) => x.sharesNetworkWith === c.id).map((x) => x.id)] : null;
    const traffic = await trafficSampler(store).current(undefined, { lease: false });
    if (traffic.basis === 'none') return { unknown: traffic.reason ?? 'traffic cannot be read' };
    const flows = flowsThrough(traffic.flows, n.id, ids);
    return {
      connections: flows.reduce((s, f) => s + f.connections, 0),
      text: describeCuts(flows),
      flows: flows.map((f) => ({ client: f.client.name, server: f.server.name, port: f.server.port, connections: f.connections })),
    };
  } catch (err) {
    return { unknown: `live connections could not be read (${err instanceof Error ? err.message : String(err)})` };
  }
}
