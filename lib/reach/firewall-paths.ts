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
import { evaluateChain, type Packet } from '@/lib/firewall/evaluate';
import { addressFamily } from '@/lib/net/cidr';
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


function networkWith(t: Topo, containerId: string, ip: string): TopoNetwork | null {
  const e = t.endpoints.find((x) => x.containerId === containerId && (x.ipv4 === ip || x.ipv6 === ip));
  return e ? t.networks.find((n) => n.id === e.networkId) ?? null : null;
}

/** The network whose gateway (the host's address on it) `ip` is. */
const gatewayOf = (t: Topo, ip: string) => t.networks.find((n) => n.subnets.some((s) => s.gateway === ip)) ?? null;

/** The note for one connection, or null where the firewall lets it on (or is not on the way). */
export function connectionNote(t: Topo, fw: Firewall | null | undefined, c: ConnectionAsked): FirewallNote | null {
  if (!fw?.read) return null;
  const base: Omit<Packet, 'iif' | 'oif'> = { family: addressFamily(c.dst), src: c.src, dst: c.dst, proto: c.proto, dport: c.dport, ctstate: 'NEW' };
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
 * Whether Docker's DNAT rewrites a packet to a published port (then it is forwarded to B), or
 * leaves it to docker-proxy listening on the host (Docker's nat rules RETURN packets that come
 * in on its own bridges while the userland proxy is on). Read from the nat table: 'dnat', 'proxy',
 * or null where that table was not read.
 */
export function publishedRoute(fw: Firewall, p: Packet): 'dnat' | 'proxy' | null {
  const rs = fw.rulesets.find((x) => x.rs.family === p.family && x.rs.tables.get('nat')?.chains.has('PREROUTING'));
  if (!rs) return null;
  const d = evaluateChain(rs.rs, 'nat', 'PREROUTING', { ...p, dstLocal: true });
  return d.verdict === 'accept' && d.rule && / -j DNAT\b/.test(d.rule.text) ? 'dnat' : d.verdict === 'unknown' ? null : 'proxy';
}

/**
 * A published port used from container A: Docker's DNAT sends it on to B's address and port
 * (forwarded), or docker-proxy answers at the host address (INPUT) and connects to B from the
 * host (OUTPUT). From a host-network A, docker-proxy relays it (OUTPUT to B).
 */
export function publishedNote(t: Topo, fw: Firewall | null | undefined, a: TopoContainer, src: string | null, hostAddress: string, hostPort: number, b: TopoContainer, containerPort: number): FirewallNote | null {
  if (!fw?.read) return null;
  const bEp = t.endpoints.find((e) => e.containerId === b.id && e.ipv4 && t.networks.find((n) => n.id === e.networkId)?.bridge);
  if (!bEp?.ipv4) return null;
  const bNet = t.networks.find((n) => n.id === bEp.networkId)!;
  const toB: Packet = { family: 4, src: null, dst: bEp.ipv4, iif: null, oif: bNet.bridge!, proto: 'tcp', dport: containerPort, ctstate: 'NEW' };
  if (a.networkMode === 'host') return decide(fw, toB, 'output');
  const srcNet = src ? networkWith(t, a.id, src) : null;
  if (!srcNet?.bridge) return null;
  const atHost: Packet = { family: addressFamily(hostAddress), src, dst: hostAddress, iif: srcNet.bridge, oif: null, proto: 'tcp', dport: hostPort, ctstate: 'NEW', dstLocal: true };
  const route = publishedRoute(fw, atHost);
  if (route === 'dnat') return decide(fw, { ...atHost, dst: bEp.ipv4, oif: bNet.bridge!, dport: containerPort, dstLocal: false }, 'forward');
  return decide(fw, atHost, 'input') ?? decide(fw, toB, 'output');
}
