/**
 * Traffic as the API answers it: the engine's sampler (./sampler), the flows filtered to a
 * container or a network, and one flow's history. A container or network the engine does
 * not have is a 400 naming the field (the filter is input, not a path).
 */
import 'server-only';
import { ApiError } from '@/lib/api/errors';
import { settings } from '@/lib/config/env';
import type { Flow, FlowHistory, Traffic } from '@/lib/schemas/traffic';
import type { TopologyStore } from '@/lib/store/topology-store';
import { findContainer, findNetwork } from '@/lib/topology/select';
import { firewallReader } from '@/lib/host/firewall';
import { samplerOf, type TrafficSampler } from './sampler';

export function trafficSampler(store: TopologyStore): TrafficSampler {
  const s = settings();
  return samplerOf(store, { hostFacts: s.SWITCHYARD_HOST_LINKS, paths: { sys: '/sys', proc: s.SWITCHYARD_PROC }, cpuShare: s.SWITCHYARD_TRAFFIC_CPU / 100, firewall: () => firewallReader().current() });
}

export interface TrafficFilter {
  container?: string;
  network?: string;
  interval: number | null;
}

export async function trafficOf(store: TopologyStore, q: TrafficFilter): Promise<Traffic> {
  const t = await store.current();
  const c = q.container ? findContainer(t, q.container) : null;
  if (q.container && !c) throw new ApiError('bad_request', `container: no container "${q.container.slice(0, 64)}" on this engine`, 'a container id, id prefix or name from GET /api/topology');
  const n = q.network ? findNetwork(t, q.network) : null;
  if (q.network && !n) throw new ApiError('bad_request', `network: no network "${q.network.slice(0, 64)}" on this engine`, 'a network id, id prefix or name from GET /api/topology');
  const traffic = await trafficSampler(store).current(q.interval ?? undefined);
  if (!c && !n) return traffic;
  const keep = (f: Flow) => (!c || f.client.containerId === c.id || f.server.containerId === c.id || (c.sharesNetworkWith !== null && (f.client.containerId === c.sharesNetworkWith || f.server.containerId === c.sharesNetworkWith))) && (!n || f.networkId === n.id);
  return { ...traffic, flows: traffic.flows.filter(keep) };
}

export async function flowHistory(store: TopologyStore, id: string): Promise<FlowHistory> {
  const h = trafficSampler(store).flowHistory(id);
  if (!h) throw new ApiError('not_found', `no flow "${id.slice(0, 120)}" has been seen in the last 15 minutes`, 'flow ids come from GET /api/traffic');
  return h;
}
