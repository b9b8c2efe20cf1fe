/**
 * buildTopology: the engine snapshot and host links in, the public Topology out. Pure and
 * deterministic (sorted output), so it is tested with JSON recorded from real engines.
 */
import type { EngineSnapshot, RawEndpointSettings } from '@/lib/docker/engine-types';
import type { HostLinks } from '@/lib/host/links';
import { ContainerIndex, stripSlash, toContainer } from './containers';
import { toEndpoint } from './endpoints';
import { gatewaysByNetwork, toNetwork } from './networks';
import { byName, endpointOrder } from './order';
import type { Topology, TopoContainer, TopoEndpoint, TopoNetwork, TopoWarning } from './types';
import { attachVeths } from './veth';
import { buildSwarm } from './swarm';

export interface HostLinksInput {
  links: HostLinks | null;
  /** Why links is null (remote engine, not read), for the warning. */
  unavailableReason?: string;
}

export function buildTopology(snapshot: EngineSnapshot, host: HostLinksInput): Topology {
  const warnings: TopoWarning[] = [];
  const allSettings: RawEndpointSettings[] = snapshot.containers.flatMap((c) => Object.values(c.NetworkSettings?.Networks ?? {}));
  const gateways = gatewaysByNetwork(allSettings);

  const networks: TopoNetwork[] = snapshot.networks.map((n) => toNetwork(n, gateways.get(n.Id))).sort(byName);
  const netById = new Map(networks.map((n) => [n.id, n]));
  const netByName = new Map(networks.map((n) => [n.name, n]));
  const netNameById = new Map(networks.map((n) => [n.id, n.name]));

  const index = new ContainerIndex(snapshot.containers);
  const fallbackTime = Date.now(); // recordings made before inspectedAt existed
  const containers: TopoContainer[] = snapshot.containers
    .map((c) => toContainer(c, snapshot.inspectedAt?.[c.Id] ?? fallbackTime, index, netNameById))
    .sort(byName);

  for (const p of snapshot.partial) warnings.push(inspectFailedWarning(p));
  for (const c of containers) if (isUnknownShare(c)) warnings.push(unknownShareWarning(c));

  let endpoints: TopoEndpoint[] = [];
  for (const raw of snapshot.containers) {
    const name = stripSlash(raw.Name);
    for (const [netName, s] of Object.entries(raw.NetworkSettings?.Networks ?? {})) {
      const net = (s.NetworkID && netById.get(s.NetworkID)) || netByName.get(netName);
      if (!net) {
        warnings.push(unknownNetworkWarning(raw.Id, name, netName));
        continue;
      }
      endpoints.push(toEndpoint(net, raw.Id, name, s));
    }
  }

  const ctrById = new Map(containers.map((c) => [c.id, c]));
  if (host.links) {
    for (const p of host.links.problems) {
      warnings.push({ code: 'veth_unreadable', subject: p.containerId ?? undefined, message: p.message });
    }
    const attached = attachVeths(endpoints, ctrById, netById, host.links);
    endpoints = attached.endpoints;
    warnings.push(...attached.warnings);
    for (const c of containers) {
      const w = noVethWarning(c, (id) => ctrById.get(id)?.name);
      if (w) warnings.push(w);
    }
  } else {
    warnings.push(hostLinksUnavailable(host));
  }

  const ctrName = (id: string) => ctrById.get(id)?.name ?? id;
  const netName = (id: string) => netById.get(id)?.name ?? id;
  endpoints.sort(endpointOrder(netName, ctrName));
  sortWarnings(warnings);

  return {
    engine: engineOf(snapshot),
    swarm: buildSwarm(snapshot.swarm, snapshot.info),
    networks,
    containers,
    endpoints,
    warnings,
  };
}

/** The engine's own facts, from /info. */
export function engineOf(snapshot: Pick<EngineSnapshot, 'info' | 'apiVersion'>): Topology['engine'] {
  const info = snapshot.info;
  return {
    id: info.ID ?? '',
    name: info.Name ?? '',
    serverVersion: info.ServerVersion ?? '',
    apiVersion: snapshot.apiVersion,
    os: info.OperatingSystem ?? info.OSType ?? '',
    swarm: info.Swarm?.LocalNodeState === 'active'
      ? { nodeId: info.Swarm.NodeID ?? '', isManager: info.Swarm.ControlAvailable === true }
      : null,
  };
}

export const inspectFailedWarning = (p: { id: string; reason: string }): TopoWarning =>
  ({ code: 'inspect_failed', subject: p.id, message: `could not inspect container ${p.id.slice(0, 12)} (${p.reason}): its aliases and links may be missing` });

export const isUnknownShare = (c: Pick<TopoContainer, 'networkMode' | 'sharesNetworkWith'>) => c.networkMode.startsWith('container:') && !c.sharesNetworkWith;

export const unknownShareWarning = (c: Pick<TopoContainer, 'id' | 'name' | 'networkMode'>): TopoWarning =>
  ({ code: 'unknown_container', subject: c.id, message: `${c.name} uses the network namespace of ${c.networkMode.slice(10)}, which does not exist any more` });

export const unknownNetworkWarning = (containerId: string, name: string, netName: string): TopoWarning =>
  ({ code: 'unknown_network', subject: containerId, message: `${name} is configured for network "${netName}", which does not exist` });

export const hostLinksUnavailable = (host: HostLinksInput): TopoWarning =>
  ({ code: 'host_links_unavailable', message: host.unavailableReason ?? 'host interfaces were not read: no bridge or veth facts' });

/** Where host facts were read: a running container with no veth of its own says why (null: it has one). */
export function noVethWarning(c: Pick<TopoContainer, 'id' | 'name' | 'pid' | 'networkMode' | 'sharesNetworkWith'>, nameOf: (id: string) => string | undefined): TopoWarning | null {
  if (!(c.pid > 0 && (c.networkMode === 'host' || c.networkMode === 'none' || c.sharesNetworkWith))) return null;
  const why = c.networkMode === 'host' ? 'uses the host\'s own network stack'
    : c.networkMode === 'none' ? 'has no network but loopback'
    : `shares the network namespace of ${nameOf(c.sharesNetworkWith!) ?? c.sharesNetworkWith}`;
  return { code: 'no_veth', subject: c.id, message: `${c.name} ${why}: it has no veth pair of its own` };
}

const warningKey = (w: TopoWarning) => `${w.code}\u0000${w.subject ?? ''}\u0000${w.message}`;

/** Warnings come in the order of the input; sorted, a rebuild from the same state says the same. */
export function sortWarnings(warnings: TopoWarning[]): TopoWarning[] {
  const keyed = warnings.map((w) => [warningKey(w), w] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (let i = 0; i < keyed.length; i++) warnings[i] = keyed[i]![1];
  return warnings;
}
