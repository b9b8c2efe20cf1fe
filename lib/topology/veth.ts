/**
 * Attaches host-side veth facts to endpoints. A pid only means something on the engine's own
 * machine, so an interface is used only when it is verified to be this endpoint's: its MAC
 * is the endpoint's MAC and its host peer sits on the network's bridge. Pure.
 */
import type { HostLinks } from '@/lib/host/links';
import type { TopoContainer, TopoEndpoint, TopoNetwork, TopoVeth, TopoWarning } from './types';

export function attachVeths(
  endpoints: readonly TopoEndpoint[],
  containers: ReadonlyMap<string, Pick<TopoContainer, 'id' | 'name' | 'pid' | 'networkMode'>>,
  networks: ReadonlyMap<string, Pick<TopoNetwork, 'id' | 'name' | 'bridge'>>,
  links: HostLinks,
): { endpoints: TopoEndpoint[]; warnings: TopoWarning[] } {
  const warnings: TopoWarning[] = [];
  const hostByIndex = new Map((links.hostInterfaces ?? []).map((h) => [h.ifindex, h]));
  const unreadable = new Set(links.problems.filter((p) => p.containerId).map((p) => p.containerId!));

  const out = endpoints.map((ep) => {
    const net = networks.get(ep.networkId);
    const ctr = containers.get(ep.containerId);
    if (!net?.bridge || !ep.mac || !ctr || ctr.pid <= 0 || unreadable.has(ctr.id)) return ep;
    const seen = links.containers[ctr.id];
    if (!seen) return ep;
    const iface = seen.find((i) => i.mac?.toLowerCase() === ep.mac);
    const peer = iface ? hostByIndex.get(iface.iflink) : undefined;
    if (!iface || !peer || peer.master !== net.bridge) {
      warnings.push({
        code: 'veth_unverified',
        subject: ctr.id,
        message: !iface
          ? `${ctr.name} on ${net.name}: no interface with MAC ${ep.mac} in pid ${ctr.pid}'s namespace, so no veth is shown (is the engine on another machine?)`
          : `${ctr.name} on ${net.name}: ${iface.name}'s host peer (ifindex ${iface.iflink}) is ${peer ? `on ${peer.master ?? 'no bridge'}, not ${net.bridge}` : 'not on this host'}, so no veth is shown`,
      });
      return ep;
    }
    const veth: TopoVeth = { containerInterface: iface.name, hostInterface: peer.name, hostIfindex: peer.ifindex, bridge: peer.master };
    return { ...ep, veth };
  });
  return { endpoints: out, warnings };
}
