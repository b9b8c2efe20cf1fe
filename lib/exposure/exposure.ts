/**
 * Who can reach each published port, from the bind address and the host's interfaces, and what
 * the host firewall does to it. Pure: the caller passes the topology, the host's interfaces
 * and the firewall as read. The rules (checked against real connections from another network
 * namespace and from loopback in test/integration/exposure.test.ts):
 * - bound to 127.0.0.1 or ::1: this host only (and host-network containers);
 * - bound to 0.0.0.0 or ::: every machine that can route to any of the host's addresses, on
 *   every interface; the host's loopback too;
 * - bound to one address: whoever can route to that address (through any interface: Linux
 *   answers for its addresses on all of them); not the host's loopback;
 * - Docker's DNAT runs in PREROUTING, before INPUT: rules in INPUT (ufw, firewalld's zones) do
 *   not see traffic to a DNATed port; DOCKER-USER does. Where docker-proxy answers instead (no
 *   DNAT: IPv6 without ip6tables, or the userland proxy), INPUT does.
 */
import { blocks, decide, undecided, type Firewall, type FirewallNote } from '@/lib/firewall/decide';
import type { Packet } from '@/lib/firewall/evaluate';
import { addressFamily } from '@/lib/net/cidr';
import { publishedRoute } from '@/lib/reach/firewall-paths';
import { isLoopback, isWildcard } from '@/lib/reach/listeners';
import type { InterfaceAddresses } from '@/lib/host/interfaces';
import type { Topology, TopoContainer, TopoPort } from '@/lib/topology/types';

export type ExposureScope = 'loopback' | 'address' | 'all';

export interface InterfaceVerdict {
  name: string;
  addresses: string[];
  /** open: nothing Switchyard read stops it; narrowed: dropped for some sources only; dropped; unknown. */
  verdict: 'open' | 'narrowed' | 'dropped' | 'unknown';
  /** The rule that drops it, narrows it, or cannot be evaluated. */
  firewall: FirewallNote | null;
  /** How a connection arriving here gets to the container. */
  route: 'dnat' | 'proxy';
}

export interface Exposure {
  containerId: string;
  containerName: string;
  composeService: string | null;
  composeProject: string | null;
  protocol: string;
  containerPort: number;
  hostIp: string;
  hostPort: number;
  scope: ExposureScope;
  /** Who can connect, in words. */
  summary: string;
  /** The host's loopback reaches it (127.0.0.1 or ::1 at hostPort). */
  fromLoopback: boolean;
  /** The host's interfaces other than loopback and Docker's own bridges and veths, each with what reaches it there. */
  interfaces: InterfaceVerdict[];
  /** Higher is riskier: 3 open to every machine that routes here, 2 open on some interface, 1 only narrowed, dropped or unknown, 0 loopback only. */
  risk: number;
  reasons: string[];
  fixes: { text: string; command?: string; compose?: string }[];
}

/** Ports whose services are rarely meant for the outside (databases, caches, the Docker API). */
const SENSITIVE = new Set([2375, 2376, 3306, 5432, 5984, 6379, 7000, 7001, 8086, 9042, 9200, 9300, 11211, 27017, 28017, 5672, 15672, 2379, 8500]);

/** Interfaces that are Docker's own (bridges of its networks, veth ends) or the loopback. */
export function externalInterfaces(ifaces: readonly InterfaceAddresses[], bridges: ReadonlySet<string>): InterfaceAddresses[] {
  return ifaces.filter((i) => i.name !== 'lo' && !bridges.has(i.name) && !i.name.startsWith('veth') && !i.name.startsWith('docker_gwbridge') && i.addresses.length > 0);
}

const bracket = (ip: string) => (ip.includes(':') ? `[${ip}]` : ip);
const usable = (ip: string) => !ip.startsWith('fe80:');

export function exposureOf(t: Pick<Topology, 'containers' | 'endpoints' | 'networks'>, ifaces: readonly InterfaceAddresses[], fw: Firewall | null): Exposure[] {
  const bridges = new Set(t.networks.map((n) => n.bridge).filter((b): b is string => !!b));
  const external = externalInterfaces(ifaces, bridges);
  const out: Exposure[] = [];
  for (const c of t.containers) {
    for (const p of c.ports) {
      if (p.hostPort === null) continue;
      out.push(one(t, c, p as TopoPort & { hostPort: number }, ifaces, external, fw));
    }
  }
  return out.sort((a, b) => b.risk - a.risk || a.containerName.localeCompare(b.containerName) || a.hostPort - b.hostPort);
}

function one(t: Pick<Topology, 'containers' | 'endpoints' | 'networks'>, c: TopoContainer, p: TopoPort & { hostPort: number }, ifaces: readonly InterfaceAddresses[], external: InterfaceAddresses[], fw: Firewall | null): Exposure {
  const family = addressFamily(p.hostIp);
  const scope: ExposureScope = isLoopback(p.hostIp) ? 'loopback' : isWildcard(p.hostIp) ? 'all' : 'address';
  const reasons: string[] = [];
  const fixes: Exposure['fixes'] = [];
  const at = `${bracket(p.hostIp)}:${p.hostPort}`;
  const owner = ifaces.find((i) => i.addresses.includes(p.hostIp));
  const target = t.endpoints.find((e) => e.containerId === (c.sharesNetworkWith ?? c.id) && e.ipv4 && t.networks.find((n) => n.id === e.networkId)?.bridge);
  const targetNet = target ? t.networks.find((n) => n.id === target.networkId) ?? null : null;
  const proto = p.protocol === 'udp' ? 'udp' : 'tcp';

  // Which interfaces a connection can arrive on, and at which of this host's addresses.
  const arrivals: { iface: InterfaceAddresses; dst: string }[] = scope === 'loopback' ? []
    : scope === 'all' ? external.flatMap((i) => { const a = i.addresses.filter((x) => addressFamily(x) === family && usable(x))[0]; return a ? [{ iface: i, dst: a }] : []; })
      : external.map((i) => ({ iface: i, dst: p.hostIp }));

  const interfaces: InterfaceVerdict[] = arrivals.map(({ iface, dst }) => {
    const atHost: Packet = { family, src: null, dst, iif: iface.name, oif: null, proto, dport: p.hostPort, ctstate: 'NEW', dstLocal: true, origDst: dst, origDport: p.hostPort };
    let route: 'dnat' | 'proxy' = 'proxy';
    let note: FirewallNote | null = null;
    if (fw?.read) {
      route = publishedRoute(fw, atHost) ?? 'proxy';
      note = route === 'dnat' && target?.ipv4 && targetNet?.bridge
        ? decide(fw, { ...atHost, family: 4, dst: target.ipv4, oif: targetNet.bridge, dport: p.containerPort, dstLocal: false }, 'forward')
        : decide(fw, atHost, 'input');
    }
    const verdict: InterfaceVerdict['verdict'] = blocks(note) ? 'dropped' : undecided(note) ? 'unknown' : note?.narrowed.some((n) => n.action !== 'accept') ? 'narrowed' : 'open';
    // The addresses of the bind's family: a socket on :: here is IPv6 only (docker-proxy binds 0.0.0.0 apart).
    return { name: iface.name, addresses: iface.addresses.filter((x) => usable(x) && addressFamily(x) === family), verdict, firewall: note, route };
  });

  const open = interfaces.filter((i) => i.verdict === 'open');
  const fromLoopback = scope !== 'address';
  let summary: string;
  if (scope === 'loopback') {
    summary = `only this host: bound to ${at}`;
    reasons.push(`bound to the loopback address ${p.hostIp}: other machines cannot connect, and neither can containers on bridge networks (inside them, ${p.hostIp} is themselves); the host and --network host containers can`);
  } else {
    const names = interfaces.map((i) => `${i.name} (${i.addresses.join(', ')})`).join(', ');
    summary = scope === 'all'
      ? `${open.length ? 'every machine that can route to this host' : 'no machine outside this host'}: bound to ${at}, on every interface${names ? `: ${names}` : ''}`
      : `whoever can route to ${p.hostIp}${owner ? ` (an address of ${owner.name})` : ' (not an address of any interface now: nothing answers)'}: bound to ${at}`;
    reasons.push(scope === 'all'
      ? `bound to ${p.hostIp} (every address): it answers on each of the host's interfaces, so any machine that reaches this host reaches the port`
      : `bound to ${p.hostIp}: it answers there only, but Linux accepts packets for any of its addresses on any interface, so a machine that routes ${p.hostIp} through this host reaches it`);
    if (bridgesReach(t, p)) reasons.push(`containers on any network with a route out reach it too, at ${scope === 'all' ? 'their gateway' : p.hostIp}:${p.hostPort}`);
    for (const i of interfaces) {
      if (i.verdict === 'dropped' || i.verdict === 'unknown') reasons.push(`from ${i.name}: ${i.firewall!.text}`);
      else if (i.verdict === 'narrowed') reasons.push(`from ${i.name}: ${i.firewall!.narrowed.map((n) => `${n.action === 'accept' ? 'accepted' : 'dropped'} from ${n.sources} by ${n.rule.chain} rule ${n.rule.position}`).join('; ')}; everyone else reaches it`);
    }
    if (interfaces.some((i) => i.route === 'dnat')) reasons.push('Docker DNATs this port before the INPUT chain: host firewall rules in INPUT (ufw, firewalld zones) do not apply to it; only DOCKER-USER (and FORWARD before it) do');
    else if (fw?.read && interfaces.length) reasons.push('docker-proxy answers this port on the host: rules in INPUT apply to it');
    if (!fw) reasons.push('the host\'s firewall was not read (the engine is on another machine): any rule that narrows this is left out');
    else if (!fw.read) reasons.push(`the host's firewall was not read (${fw.reason}): any rule that narrows this is left out`);
  }
  const sensitive = SENSITIVE.has(p.containerPort) || SENSITIVE.has(p.hostPort);
  const risk = scope === 'loopback' ? 0 : open.length && scope === 'all' ? 3 : open.length ? 2 : 1;
  if (risk >= 2) {
    if (sensitive) reasons.push(`port ${p.containerPort} is usually a database, cache or control port: rarely meant for other machines`);
    const loop = family === 6 ? '[::1]' : '127.0.0.1';
    fixes.push({ text: `publish it on the host's loopback only (then only this host reaches it; containers reach ${c.name} over a shared network)`, command: `docker run -p ${loop}:${p.hostPort}:${p.containerPort}${p.protocol === 'udp' ? '/udp' : ''} …`,
      ...(c.composeService ? { compose: [`# in the compose file of project "${c.composeProject}" (then: docker compose up -d)`, 'services:', `  ${c.composeService}:`, '    ports:', `      - "${family === 6 ? '[::1]' : '127.0.0.1'}:${p.hostPort}:${p.containerPort}${p.protocol === 'udp' ? '/udp' : ''}"`, ''].join('\n') } : {}) });
    for (const i of interfaces.filter((x) => x.verdict === 'open' && x.route === 'dnat')) {
      fixes.push({ text: `or keep it published and drop what arrives on ${i.name} (a DOCKER-USER rule: Docker's DNAT runs before INPUT)`, command: `${family === 6 ? 'ip6tables' : 'iptables'} -I DOCKER-USER -i ${i.name} -p ${proto} -m conntrack --ctorigdstport ${p.hostPort} --ctdir ORIGINAL -j DROP` });
    }
    for (const i of interfaces.filter((x) => x.verdict === 'open' && x.route === 'proxy')) {
      fixes.push({ text: `or drop what arrives on ${i.name} in INPUT (docker-proxy answers this port)`, command: `${family === 6 ? 'ip6tables' : 'iptables'} -I INPUT -i ${i.name} -p ${proto} --dport ${p.hostPort} -j DROP` });
    }
  }
  return {
    containerId: c.id, containerName: c.name, composeService: c.composeService, composeProject: c.composeProject,
    protocol: p.protocol, containerPort: p.containerPort, hostIp: p.hostIp, hostPort: p.hostPort,
    scope, summary, fromLoopback, interfaces, risk: risk + (risk >= 2 && sensitive ? 0.5 : 0), reasons, fixes,
  };
}

/** Whether containers on bridge networks can reach the port through the host (not bound to loopback). */
const bridgesReach = (t: Pick<Topology, 'networks'>, p: TopoPort) => !isLoopback(p.hostIp) && t.networks.some((n) => n.bridge && !n.internal);
