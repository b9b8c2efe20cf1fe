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

  for (const p of snapshot.partial) {
    warnings.push({ code: 'inspect_failed', subject: p.id, message: `could not inspect container ${p.id.slice(0, 12)} (${p.reason}): its aliases and links may be missing` });
  }
  for (const c of containers) {
    if (c.networkMode.startsWith('container:') && !c.sharesNetworkWith) {
      warnings.push({ code: 'unknown_container', subject: c.id, message: `${c.name} uses the network namespace of ${c.networkMode.slice(10)}, which does not exist any more` });
    }
  }

  let endpoints: TopoEndpoint[] = [];
  for (const raw of snapshot.containers) {
    const name = stripSlash(raw.Name);
    for (const [netName, s] of Object.entries(raw.NetworkSettings?.Networks ?? {})) {
      const net = (s.NetworkID && netById.get(s.NetworkID)) || netByName.get(netName);
      if (!net) {
        warnings.push({ code: 'unknown_network', subject: raw.Id, message: `${name} is configured for network "${netName}", which does not exist` });
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
      if (c.pid > 0 && (c.networkMode === 'host' || c.networkMode === 'none' || c.sharesNetworkWith)) {
        const why = c.networkMode === 'host' ? 'uses the host\'s own network stack'
          : c.networkMode === 'none' ? 'has no network but loopback'
          : `shares the network namespace of ${ctrById.get(c.sharesNetworkWith!)?.name ?? c.sharesNetworkWith}`;
        warnings.push({ code: 'no_veth', subject: c.id, message: `${c.name} ${why}: it has no veth pair of its own` });
      }
    }
  } else {
    warnings.push({ code: 'host_links_unavailable', message: host.unavailableReason ?? 'host interfaces were not read: no bridge or veth facts' });
  }

  const ctrName = (id: string) => ctrById.get(id)?.name ?? id;
  const netName = (id: string) => netById.get(id)?.name ?? id;
  endpoints.sort(endpointOrder(netName, ctrName));
  // Warnings come in the order of the input; sort them so a rebuild from the same state says the same.
  const wkey = (w: TopoWarning) => `${w.code}\u0000${w.subject ?? ''}\u0000${w.message}`;
  warnings.sort((a, b) => (wkey(a) < wkey(b) ? -1 : wkey(a) > wkey(b) ? 1 : 0));

  return {
    engine: {
      id: snapshot.info.ID ?? '',
      name: snapshot.info.Name ?? '',
      serverVersion: snapshot.info.ServerVersion ?? '',
      apiVersion: snapshot.apiVersion,
      os: snapshot.info.OperatingSystem ?? snapshot.info.OSType ?? '',
      swarm: snapshot.info.Swarm?.LocalNodeState === 'active'
        ? { nodeId: snapshot.info.Swarm.NodeID ?? '', isManager: snapshot.info.Swarm.ControlAvailable === true }
        : null,
    },
    swarm: buildSwarm(snapshot.swarm, snapshot.info),
    networks,
    containers,
    endpoints,
    warnings,
  };
}
