/**
 * The host firewall's say on container traffic: which packet a connection from A to an address
 * sends, through which hook and interfaces, and what lib/firewall/decide makes of it. Pure.
 *
 * - A and B on bridges: forwarded from A's bridge to B's (the same one on a shared network);
 * - to the host (a gateway address: a host-network B, or docker-proxy when a published port is
 *   used from its own bridge): INPUT, in on A's bridge;
 * - from a host-network A: OUTPUT, out on B's bridge;
 * - a network without a host bridge (overlay, macvlan, ipvlan) does not pass the host's
 *   iptables on the way: no note.
 */
import { decideConnection as decide, type Firewall, type FirewallNote } from '@/lib/firewall/decide';
import type { Packet } from '@/lib/firewall/evaluate';
import type { Topology, TopoContainer, TopoNetwork } from '@/lib/topology/types';

type Topo = Pick<Topology, 'containers' | 'endpoints' | 'networks'>;

export interface ConnectionAsked {
  /** A, in whose namespace the connection starts (the owner of a shared namespace). */
  from: TopoContainer;
  /** A's address, where known (null: the host picks it). */
  src: string | null;
  dst: string;
  proto: 'tcp' | 'udp' | 'icmp';
  dport: number | null;
}

const family = (ip: string): 4 | 6 => (ip.includes(':') ? 6 : 4);

function networkWith(t: Topo, containerId: string, ip: string): TopoNetwork | null {
  const e = t.endpoints.find((x) => x.containerId === containerId && (x.ipv4 === ip || x.ipv6 === ip));
  return e ? t.networks.find((n) => n.id === e.networkId) ?? null : null;
}

/** The network whose gateway (the host's address on it) `ip` is. */
const gatewayOf = (t: Topo, ip: string) => t.networks.find((n) => n.subnets.some((s) => s.gateway === ip)) ?? null;

/** The note for one connection, or null where the firewall lets it on (or is not on the way). */
export function connectionNote(t: Topo, fw: Firewall | null | undefined, c: ConnectionAsked): FirewallNote | null {
  if (!fw?.read) return null;
  const base: Omit<Packet, 'iif' | 'oif'> = { family: family(c.dst), src: c.src, dst: c.dst, proto: c.proto, dport: c.dport, ctstate: 'NEW' };
  const gw = gatewayOf(t, c.dst);
  const dstNet = gw ? null : t.containers.map((x) => networkWith(t, x.id, c.dst)).find((n) => n) ?? null;
  if (c.from.networkMode === 'host') {
    if (!dstNet?.bridge) return null;
    return decide(fw, { ...base, iif: null, oif: dstNet.bridge }, 'output');
  }
  const srcNet = c.src ? networkWith(t, c.from.id, c.src) : null;
  if (!srcNet?.bridge) return null;
  if (gw) return decide(fw, { ...base, iif: srcNet.bridge, oif: null, dstLocal: true }, 'input');
  if (!dstNet?.bridge) return null;
  return decide(fw, { ...base, iif: srcNet.bridge, oif: dstNet.bridge }, 'forward', { sameBridge: srcNet.bridge === dstNet.bridge });
}

/**
 * A published port used from container A: Docker's DNAT sends it on to B's address and port
 * (forwarded), unless A is on the bridge B's port is on, where docker-proxy answers at the
 * gateway (INPUT). From a host-network A, docker-proxy relays it (OUTPUT to B).
 */
export function publishedNote(t: Topo, fw: Firewall | null | undefined, a: TopoContainer, src: string | null, hostAddress: string, hostPort: number, b: TopoContainer, containerPort: number): FirewallNote | null {
  if (!fw?.read) return null;
  const bEp = t.endpoints.find((e) => e.containerId === b.id && e.ipv4 && t.networks.find((n) => n.id === e.networkId)?.bridge);
  if (!bEp?.ipv4) return null;
  const bNet = t.networks.find((n) => n.id === bEp.networkId)!;
  if (a.networkMode === 'host') return connectionNote(t, fw, { from: a, src: null, dst: bEp.ipv4, proto: 'tcp', dport: containerPort });
  const srcNet = src ? networkWith(t, a.id, src) : null;
  if (!srcNet?.bridge) return null;
  if (srcNet.bridge === bNet.bridge) return decide(fw, { family: family(hostAddress), src, dst: hostAddress, iif: srcNet.bridge, oif: null, proto: 'tcp', dport: hostPort, ctstate: 'NEW', dstLocal: true }, 'input');
  return decide(fw, { family: 4, src, dst: bEp.ipv4, iif: srcNet.bridge, oif: bNet.bridge!, proto: 'tcp', dport: containerPort, ctstate: 'NEW' }, 'forward');
}
