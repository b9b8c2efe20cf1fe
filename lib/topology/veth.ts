/**
 * Attaches host-side veth facts to endpoints. A pid only means something on the engine's own
 * machine, so an interface is used only when it is verified to be this endpoint's: its MAC
 * is the endpoint's MAC and its host peer sits on the network's bridge. Pure.
 */
import type { HostInterface, HostLinks } from '@/lib/host/links';
import type { TopoContainer, TopoEndpoint, TopoNetwork, TopoVeth, TopoWarning } from './types';

type VethContainer = Pick<TopoContainer, 'id' | 'name' | 'pid' | 'networkMode'>;
type VethNetwork = Pick<TopoNetwork, 'id' | 'name' | 'bridge'>;

/** The host links, indexed once per build for vethFor. */
export interface VethIndex {
  links: HostLinks;
  hostByIndex: ReadonlyMap<number, HostInterface>;
  unreadable: ReadonlySet<string>;
}

export function vethIndex(links: HostLinks): VethIndex {
  return {
    links,
    hostByIndex: new Map((links.hostInterfaces ?? []).map((h) => [h.ifindex, h])),
    unreadable: new Set(links.problems.filter((p) => p.containerId).map((p) => p.containerId!)),
  };
}

/**
 * One endpoint's veth (null: none to show) and the warning that says why one could not be
 * verified (null: none).
 */
export function vethFor(ep: Pick<TopoEndpoint, 'mac'>, ctr: VethContainer | undefined, net: VethNetwork | undefined, ix: VethIndex): { veth: TopoVeth | null; warning: TopoWarning | null } {
  if (!net?.bridge || !ep.mac || !ctr || ctr.pid <= 0 || ix.unreadable.has(ctr.id)) return { veth: null, warning: null };
  const seen = ix.links.containers[ctr.id];
  if (!seen) return { veth: null, warning: null };
  const iface = seen.find((i) => i.mac?.toLowerCase() === ep.mac);
  const peer = iface ? ix.hostByIndex.get(iface.iflink) : undefined;
  if (!iface || !peer || peer.master !== net.bridge) {
    return {
      veth: null,
      warning: {
        code: 'veth_unverified',
        subject: ctr.id,
        message: !iface
          ? `${ctr.name} on ${net.name}: no interface with MAC ${ep.mac} in pid ${ctr.pid}'s namespace, so no veth is shown (is the engine on another machine?)`
          : `${ctr.name} on ${net.name}: ${iface.name}'s host peer (ifindex ${iface.iflink}) is ${peer ? `on ${peer.master ?? 'no bridge'}, not ${net.bridge}` : 'not on this host'}, so no veth is shown`,
      },
    };
  }
  return { veth: { containerInterface: iface.name, hostInterface: peer.name, hostIfindex: peer.ifindex, bridge: peer.master }, warning: null };
}

export function attachVeths(
  endpoints: readonly TopoEndpoint[],
  containers: ReadonlyMap<string, VethContainer>,
  networks: ReadonlyMap<string, VethNetwork>,
  links: HostLinks,
): { endpoints: TopoEndpoint[]; warnings: TopoWarning[] } {
  const warnings: TopoWarning[] = [];
  const ix = vethIndex(links);
  const out = endpoints.map((ep) => {
    const { veth, warning } = vethFor(ep, containers.get(ep.containerId), networks.get(ep.networkId), ix);
    if (warning) warnings.push(warning);
    return veth ? { ...ep, veth } : ep;
  });
  return { endpoints: out, warnings };
}
