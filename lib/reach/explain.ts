/**
 * Why container A can or cannot reach container B, from the topology alone, in plain words,
 * with the fix. Pure. The rules are Docker's (checked against real pings in
 * test/integration/reach.test.ts):
 * - different bridge networks are isolated from each other; the default bridge too;
 * - on a shared network A reaches B by IP, unless the network has ICC turned off;
 * - names resolve only on user-defined networks (embedded DNS), or through a legacy --link;
 * - an --internal network connects its members to each other and to nothing else;
 * - --network host shares the host's stack: it reaches bridge containers by IP, not by name;
 *   a host-network B is reached at A's gateway (the host's address on A's network, internal too);
 * - --network none has only loopback; --network container:X is X's namespace;
 * - 127.0.0.1 inside a container is the container itself;
 * - macvlan and ipvlan children are not reachable from the host through their parent interface,
 *   nor the host from them (the kernel does not pass traffic between a parent and its children):
 *   a host-network container cannot reach them, and they reach the host only over another network.
 */
import type { Topology, TopoContainer, TopoEndpoint, TopoNetwork } from '@/lib/topology/types';

export interface ReachAddress {
  networkId: string;
  networkName: string;
  ip: string;
}

export interface ReachFix {
  /** What to do, in words. */
  text: string;
  /** The docker command that does it. */
  command: string;
  /** For fixes the dashboard can run itself: connect this container to this network. */
  connect?: { networkId: string; containerId: string };
}

export interface ReachVerdict {
  byIp: boolean;
  /** Addresses of B that A can reach. */
  addresses: ReachAddress[];
  byName: boolean;
  /** Names A can use for B. */
  names: string[];
  /** One line: the answer. */
  summary: string;
  /** Why, step by step. */
  reasons: string[];
  fixes: ReachFix[];
}

const RUNNING = new Set(['running', 'paused', 'restarting']);

/** @param opts.ports false: leave out the notes on B's published ports (lib/reach/reachability words them per port). */
export function explainReach(t: Pick<Topology, 'containers' | 'endpoints' | 'networks'>, fromId: string, toId: string, opts: { ports?: boolean } = {}): ReachVerdict {
  const ctr = (id: string) => t.containers.find((c) => c.id === id);
  const net = (id: string) => t.networks.find((n) => n.id === id);
  const a = ctr(fromId);
  const b = ctr(toId);
  const verdict = (v: Partial<ReachVerdict> & Pick<ReachVerdict, 'summary'>): ReachVerdict =>
    ({ byIp: false, addresses: [], byName: false, names: [], reasons: [], fixes: [], ...v });
  if (!a || !b) return verdict({ summary: 'one of the containers no longer exists' });
  if (a.id === b.id) return verdict({ byIp: true, summary: `${a.name} is itself: 127.0.0.1`, addresses: [], reasons: ['inside a container, 127.0.0.1 is the container itself'] });

  // container:X shares X's namespace: its networks are X's.
  const owner = (c: TopoContainer) => (c.sharesNetworkWith ? ctr(c.sharesNetworkWith) ?? c : c);
  const ea = owner(a);
  const eb = owner(b);
  const reasons: string[] = [];
  if (ea !== a) reasons.push(`${a.name} uses ${ea.name}'s network namespace (--network container:${ea.name}), so it has ${ea.name}'s networks`);
  if (eb !== b) reasons.push(`${b.name} uses ${eb.name}'s network namespace, so it has ${eb.name}'s networks`);

  if (!RUNNING.has(a.state)) return verdict({ summary: `${a.name} is not running`, reasons: [...reasons, `${a.name} is ${a.state}: start it first`], fixes: [{ text: `start ${a.name}`, command: `docker start ${a.name}` }] });
  if (!RUNNING.has(eb.state)) {
    return verdict({
      summary: `${b.name} cannot be reached: ${eb.name} is ${eb.state}`,
      reasons: [...reasons, `a stopped container has no address on its networks (it keeps only its configuration, and a static IP if it has one)`],
      fixes: [{ text: `start ${eb.name}`, command: `docker start ${eb.name}` }],
    });
  }
  if (ea.id === eb.id) {
    // One namespace, one /etc/hosts and one resolver: B's names on its networks resolve to
    // its own addresses there too.
    const own = t.endpoints.filter((e) => e.containerId === eb.id && net(e.networkId)?.dns).flatMap((e) => e.dnsNames);
    return verdict({ byIp: true, byName: true, names: ['localhost', ...new Set(own)], summary: `${a.name} and ${b.name} share one network namespace: 127.0.0.1 (localhost) reaches ${b.name}'s ports`, reasons });
  }
  if (ea.networkMode === 'none') return verdict({ summary: `${a.name} has no network (--network none)`, reasons: [...reasons, 'with --network none a container has only loopback'], fixes: [{ text: `recreate ${a.name} on a network`, command: `docker run --network <network> …` }] });
  if (eb.networkMode === 'none') return verdict({ summary: `${b.name} has no network (--network none)`, reasons: [...reasons, 'with --network none a container has only loopback: nothing can reach it'], fixes: [{ text: `recreate ${b.name} on a network`, command: `docker run --network <network> …` }] });

  const epsOf = (c: TopoContainer) => t.endpoints.filter((e) => e.containerId === c.id);
  const aEps = epsOf(ea);
  const bEps = epsOf(eb);
  const addr = (e: TopoEndpoint): ReachAddress | null => {
    const n = net(e.networkId);
    return e.ipv4 && n ? { networkId: n.id, networkName: n.name, ip: e.ipv4 } : null;
  };

  if (ea.networkMode === 'host') {
    const addresses = bEps.filter((e) => net(e.networkId)?.driver === 'bridge').map(addr).filter((x): x is ReachAddress => x !== null);
    const children = bEps.map((e) => net(e.networkId)).filter((n): n is TopoNetwork => !!n && isVlanChild(n));
    return verdict({
      byIp: addresses.length > 0, addresses,
      summary: addresses.length ? `${a.name} (host network) reaches ${b.name} by IP: ${addresses.map((x) => x.ip).join(', ')}; not by name` : children.length ? `${a.name} (host network) cannot reach ${b.name}: the host cannot reach its own ${children[0]!.driver} children` : `${b.name} has no bridge address for the host to reach`,
      reasons: [...reasons, `${a.name} runs with --network host: it is on the host's own stack, which routes to every bridge`, 'the host does not resolve container names (only containers on user-defined networks do)', ...children.map(vlanNote)],
      fixes: addresses.length ? [] : [{ text: `put ${b.name} on a bridge network`, command: `docker network connect <network> ${b.name}` }],
    });
  }
  if (eb.networkMode === 'host') {
    // The host answers on each bridge's own address, an internal network's too (only
    // forwarding out of an internal network is dropped; the host itself is on it).
    // A macvlan or ipvlan network's gateway is a router outside, not this host.
    const vlan = aEps.map((e) => net(e.networkId)).filter((n): n is TopoNetwork => !!n && isVlanChild(n));
    const gws = aEps.filter((e) => e.gateway && !vlan.some((n) => n.id === e.networkId)).map((e) => ({ networkId: e.networkId, networkName: net(e.networkId)?.name ?? '', ip: e.gateway! }));
    return verdict({
      byIp: gws.length > 0, addresses: gws,
      summary: gws.length ? `${b.name} uses the host's network: from ${a.name}, reach it at the host, e.g. ${gws[0]!.ip} (its gateway)` : `${b.name} uses the host's network, and ${a.name} has no route to the host`,
      reasons: [...reasons, `${b.name} runs with --network host: its ports are the host's ports`, `from ${a.name}, the host is its gateway address; 127.0.0.1 would be ${a.name} itself`, 'services that listen on the host\'s 127.0.0.1 only are not reachable this way', ...vlan.map(vlanNote)],
    });
  }

  const shared = aEps.filter((x) => bEps.some((y) => y.networkId === x.networkId)).map((x) => net(x.networkId)).filter((n): n is TopoNetwork => !!n);
  const addresses: ReachAddress[] = [];
  const names = new Set<string>();
  for (const n of shared) {
    const be = bEps.find((e) => e.networkId === n.id)!;
    if (n.icc === false) {
      reasons.push(`both are on ${n.name}, but it has inter-container communication turned off (enable_icc=false): its members cannot reach each other`);
      continue;
    }
    const x = addr(be);
    if (x) addresses.push(x);
    reasons.push(`both are on ${n.name}${n.internal ? ' (internal: its members reach each other, nothing outside)' : ''}: ${b.name} is ${be.ipv4 ?? 'without address'} there`);
    if (n.dns) for (const name of be.dnsNames) names.add(name);
    else reasons.push(`${n.name} is the default bridge: it has no DNS, so names do not resolve there`);
  }
  const links = ea.links.filter((l) => l.containerId === eb.id);
  for (const l of links) {
    names.add(l.alias);
    if (l.containerName !== l.alias) names.add(l.containerName);
    reasons.push(`${a.name} has a legacy --link to ${eb.name} (as ${l.alias}): it is in ${a.name}'s /etc/hosts, one way only`);
  }

  const fixes: ReachFix[] = [];
  if (addresses.length === 0) {
    const aNets = aEps.map((e) => net(e.networkId)?.name).filter(Boolean);
    const bNets = bEps.map((e) => net(e.networkId)?.name).filter(Boolean);
    if (shared.length === 0) {
      reasons.push(`${a.name} is on ${aNets.join(', ') || 'no network'}; ${b.name} is on ${bNets.join(', ') || 'no network'}: Docker isolates different networks from each other`);
    }
    if (opts.ports !== false) reasons.push(...publishedPortNotes(t, a, aEps, eb));
    const target = bEps.map((e) => net(e.networkId)).find((n) => n && !n.builtin && n.icc !== false && (n.scope !== 'swarm' || n.attachable));
    if (target) {
      fixes.push({
        text: `connect ${ea.name} to ${target.name}, where ${eb.name} is: then it reaches ${eb.name} by IP and by name`,
        command: `docker network connect ${target.name} ${ea.name}`,
        connect: { networkId: target.id, containerId: ea.id },
      });
    } else {
      fixes.push({
        text: `put both on a user-defined network: create one and connect ${ea.name} and ${eb.name} to it (names then resolve too)`,
        command: `docker network create shared-net && docker network connect shared-net ${ea.name} && docker network connect shared-net ${eb.name}`,
      });
    }
  } else if (names.size === 0) {
    fixes.push({
      text: `to use names, put both on a user-defined network (the default bridge has no DNS); --link works one way but is legacy`,
      command: `docker network create shared-net && docker network connect shared-net ${ea.name} && docker network connect shared-net ${eb.name}`,
    });
  }
  const byIp = addresses.length > 0;
  const nameList = [...names];
  const summary = byIp
    ? `${a.name} reaches ${b.name} at ${addresses.map((x) => x.ip).join(', ')}${nameList.length ? ` and by name (${nameList.slice(0, 3).join(', ')})` : ', but not by name'}`
    : `${a.name} cannot reach ${b.name}`;
  return { byIp, addresses, byName: nameList.length > 0 && (byIp || links.length > 0), names: nameList, summary, reasons, fixes };
}

const isVlanChild = (n: Pick<TopoNetwork, 'driver'>) => n.driver === 'macvlan' || n.driver === 'ipvlan';
const vlanNote = (n: Pick<TopoNetwork, 'driver' | 'name' | 'options'>) =>
  `${n.name} is a ${n.driver} network${n.options.parent ? ` on the host's ${n.options.parent}` : ''}: the host cannot reach its containers through that interface, nor they the host (the kernel passes no traffic between a ${n.driver} parent and its children); other machines on that link can`;

/** What B's published ports mean for A: reachable through the host's gateway unless bound to 127.0.0.1. */
function publishedPortNotes(t: Pick<Topology, 'networks'>, a: TopoContainer, aEps: TopoEndpoint[], b: TopoContainer): string[] {
  if (b.ports.length === 0) return [];
  const gw = aEps.find((e) => e.gateway && !t.networks.find((n) => n.id === e.networkId)?.internal)?.gateway;
  return b.ports.map((p) => {
    const loop = p.hostIp === '127.0.0.1' || p.hostIp === '::1';
    if (loop) return `${b.name} publishes ${p.containerPort}/${p.protocol} on the host's ${p.hostIp}:${p.hostPort} only: inside ${a.name}, 127.0.0.1 is ${a.name} itself, so that port is out of its reach`;
    return gw ? `${b.name} publishes ${p.containerPort}/${p.protocol} on the host at port ${p.hostPort}: ${a.name} can use ${gw}:${p.hostPort} (the host, its gateway), not 127.0.0.1` : `${b.name} publishes ${p.containerPort}/${p.protocol} on the host's port ${p.hostPort}, but ${a.name} has no route to the host`;
  });
}
