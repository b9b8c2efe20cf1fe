/** Which parts of a topology a view shows, and which match its search. Pure. */
import type { Topology, TopoContainer, TopoEndpoint, TopoNetwork } from '@/lib/topology/types';

export interface VisibleTopology {
  networks: TopoNetwork[];
  containers: TopoContainer[];
  endpoints: TopoEndpoint[];
  /** Ids (network, container) that match the search; null when there is no search. */
  matches: Set<string> | null;
}

const RUNNING = new Set(['running', 'paused', 'restarting']);

export function isRunning(c: Pick<TopoContainer, 'state'>): boolean {
  return RUNNING.has(c.state);
}

/** A compose project's containers, and the networks they are on or that belong to it. */
export function onlyProject<C extends Pick<TopoContainer, 'id' | 'composeProject'>, N extends Pick<TopoNetwork, 'id' | 'composeProject'>>(
  endpoints: readonly Pick<TopoEndpoint, 'containerId' | 'networkId'>[], containers: C[], networks: N[], project: string,
): { containers: C[]; networks: N[] } {
  const kept = containers.filter((c) => c.composeProject === project);
  const ids = new Set(kept.map((c) => c.id));
  const used = new Set(endpoints.filter((e) => ids.has(e.containerId)).map((e) => e.networkId));
  return { containers: kept, networks: networks.filter((n) => used.has(n.id) || n.composeProject === project) };
}

/** What a view filters by (the fields of lib/graph/view-state's ViewState that it reads). */
export interface TopologyFilter {
  q: string;
  network: string | null;
  project: string | null;
  hideStopped: boolean;
  hideBuiltin: boolean;
}

export function visibleTopology(t: Topology, v: TopologyFilter): VisibleTopology {
  let containers = t.containers;
  let networks = t.networks;
  if (v.hideStopped) containers = containers.filter(isRunning);
  if (v.hideBuiltin) networks = networks.filter((n) => !n.builtin);
  if (v.project) ({ containers, networks } = onlyProject(t.endpoints, containers, networks, v.project));
  if (v.network) {
    const net = networks.find((n) => n.name === v.network || n.id === v.network);
    networks = net ? [net] : [];
    const members = new Set(t.endpoints.filter((e) => e.networkId === net?.id).map((e) => e.containerId));
    // A container sharing a member's namespace is on that network too.
    containers = containers.filter((c) => members.has(c.id) || (c.sharesNetworkWith !== null && members.has(c.sharesNetworkWith)));
  }
  const ctrIds = new Set(containers.map((c) => c.id));
  const netIds = new Set(networks.map((n) => n.id));
  const endpoints = t.endpoints.filter((e) => ctrIds.has(e.containerId) && netIds.has(e.networkId));
  return { networks, containers, endpoints, matches: v.q.trim() ? searchMatches(t, v.q) : null };
}

/** Ids of networks and containers whose name, IP, alias, DNS name, subnet or image contains q. */
export function searchMatches(t: Pick<Topology, 'networks' | 'containers' | 'endpoints'>, q: string): Set<string> {
  const needle = q.trim().toLowerCase();
  const hit = (...values: (string | null | undefined)[]) => values.some((x) => x?.toLowerCase().includes(needle));
  const out = new Set<string>();
  for (const n of t.networks) {
    if (hit(n.name, n.id.slice(0, 12), n.bridge, ...n.subnets.flatMap((s) => [s.subnet, s.gateway]))) out.add(n.id);
  }
  for (const c of t.containers) {
    if (hit(c.name, c.id.slice(0, 12), c.image, c.composeProject)) out.add(c.id);
  }
  for (const e of t.endpoints) {
    if (hit(e.ipv4, e.ipv6, e.mac, e.staticIpv4, ...e.aliases, ...e.dnsNames, e.veth?.hostInterface)) out.add(e.containerId);
  }
  return out;
}
