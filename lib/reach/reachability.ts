/**
 * Can A open a TCP connection to B, on which port, by IP and by name, and if not, why not:
 * the network-level rules of explain.ts, then, per port, what B listens on (its namespace's
 * sockets, where they could be read) and what it publishes on the host. Pure: the caller
 * passes the sockets read from /proc (lib/host/listeners). The rules were checked against
 * real connections from inside A (test/integration/reach-ports.test.ts):
 * - a port listened on 0.0.0.0 or :: (or on B's own address there) answers on B's address;
 * - a port listened on 127.0.0.1 or ::1 only answers inside B's namespace (B itself, and
 *   containers sharing it with --network container:B): the classic "Redis bound to localhost";
 * - a published port answers at the host address it is bound to: 127.0.0.1 (the host's own
 *   loopback) reaches it from the host and host-network containers only; 0.0.0.0 or a host
 *   address from any container with a route out (not on an internal network, not none),
 *   whatever network it is on;
 * - B on --network host listens on the host's sockets: A reaches them at its gateway.
 */
import { hostPortText } from '@/lib/net/cidr';
import type { Topology, TopoContainer, TopoEndpoint, TopoNetwork, TopoPort } from '@/lib/topology/types';
import { explainReach, type ReachFix, type ReachVerdict } from './explain';
import { acceptsFrom, isLoopback, isWildcard, listenedPorts, listenersOn, scopeOn, type Listener } from './listeners';
import { composeFix } from './compose';
import { connectionNote, publishedNote as publishedFirewallNote } from './firewall-paths';
import { blocks, firewallUnread, undecided, type Firewall, type FirewallNote } from '@/lib/firewall/decide';

export type SocketsRead = { ok: true; listeners: Listener[] } | { ok: false; reason: string };

export type PathKind = 'network' | 'link' | 'namespace' | 'host' | 'published';

/** One way from A to B: over a shared network, a legacy link, a shared namespace, the host's stack, or a published port. */
export interface ReachPath {
  kind: PathKind;
  /** The network the path crosses (the shared one, A's network towards the host), or null. */
  networkId: string | null;
  /** The address A connects to. */
  address: string;
  /** For a published port: the host port at `address` (else the target port itself is used). */
  hostPort: number | null;
  /** For a published port: the container port it forwards to. */
  containerPort: number | null;
  /** Names A can use instead of the address on this path. */
  names: string[];
  /** What the host's firewall does to a ping on this path (to the TCP port for a published one), where it drops, rejects or cannot be decided. */
  firewall: FirewallNote | null;
}

export interface PortVerdict {
  port: number;
  protocol: 'tcp';
  /** A can open a TCP connection to B on this port. */
  open: boolean;
  /** ...and by a name, not only an address. */
  byName: boolean;
  /** Where to connect: "10.0.0.3:6379", "redis:6379", "10.204.0.1:18090" (a published port). */
  targets: string[];
  /** Whether B's sockets were read ("listening") or only the network rules apply ("network"). */
  basis: 'listening' | 'network';
  reasons: string[];
  /** The firewall rules that drop (or might drop) this port on some path. */
  firewall: FirewallNote[];
  /** A rule Switchyard cannot evaluate stands on every path that would be open: `open` is not known. */
  undecided: boolean;
}

export interface Fix extends ReachFix {
  /** The compose YAML that makes the fix last when compose recreates the container. */
  compose?: string;
}

export interface Reachability {
  from: { id: string; name: string };
  to: { id: string; name: string };
  /** A reaches B at all: by IP at the network level, or through a port (a published one). */
  reachable: boolean;
  byIp: boolean;
  byName: boolean;
  names: string[];
  summary: string;
  ports: PortVerdict[];
  paths: ReachPath[];
  reasons: string[];
  fixes: Fix[];
  /** B's listening sockets as read, or why they could not be. */
  listeners: { read: true; sockets: Listener[] } | { read: false; reason: string };
  /** Whether the host's firewall was read into this answer (its rules are named in paths and ports). */
  firewall: { read: boolean; reason: string | null };
  /** The answer turns on a firewall rule Switchyard cannot evaluate (named in the reasons). */
  undecided: boolean;
}

type Topo = Pick<Topology, 'containers' | 'endpoints' | 'networks'>;

const RUNNING = new Set(['running', 'paused', 'restarting']);

export interface ReachOptions {
  /** The port asked about; without it, every port B exposes, publishes or listens on. */
  port?: number | null;
  /** B's sockets (those of the namespace it lives in), as read from the host. */
  sockets: SocketsRead;
  /** The host's firewall as read; null where it could not be (a remote engine); left out, it is not considered. */
  firewall?: Firewall | null;
}

export function reachability(t: Topo, fromId: string, toId: string, opts: ReachOptions): Reachability {
  const ctr = (id: string | null) => (id ? t.containers.find((c) => c.id === id) : undefined);
  const net = (id: string) => t.networks.find((n) => n.id === id);
  const a = ctr(fromId);
  const b = ctr(toId);
  const v = explainReach(t, fromId, toId, { ports: false });
  const fw = opts.firewall;
  const unreadNote = fw === undefined ? null : firewallUnread(fw);
  const fwState = { read: !!fw?.read, reason: fw === undefined ? 'not considered' : unreadNote };
  const listeners = opts.sockets.ok ? { read: true as const, sockets: opts.sockets.listeners } : { read: false as const, reason: opts.sockets.reason };
  const base = (over: Partial<Reachability>): Reachability => ({
    from: { id: fromId, name: a?.name ?? fromId }, to: { id: toId, name: b?.name ?? toId },
    reachable: v.byIp, byIp: v.byIp, byName: v.byName, names: v.names, summary: v.summary,
    ports: [], paths: [], reasons: v.reasons, fixes: v.fixes, listeners, firewall: fwState, undecided: false, ...over,
  });
  if (!a || !b) return base({});
  const ea = ctr(a.sharesNetworkWith) ?? a;
  const eb = ctr(b.sharesNetworkWith) ?? b;
  const sockets = opts.sockets.ok ? opts.sockets.listeners : null;
  const running = RUNNING.has(a.state) && RUNNING.has(eb.state);
  const epsOf = (c: TopoContainer) => t.endpoints.filter((e) => e.containerId === c.id);
  const aEps = epsOf(ea);
  const bEps = epsOf(eb);
  const bAddresses = bEps.map((e) => e.ipv4).filter((x): x is string => !!x);

  // The paths, from the network-level verdict.
  const paths: ReachPath[] = [];
  const path = (p: Omit<ReachPath, 'hostPort' | 'containerPort' | 'firewall'> & Partial<ReachPath>) => paths.push({ hostPort: null, containerPort: null, firewall: null, ...p });
  /** A's own address on a network (the source of its packets there). */
  const srcOn = (networkId: string | null) => aEps.find((e) => e.networkId === networkId)?.ipv4 ?? null;
  const noteFor = (p: ReachPath, proto: 'tcp' | 'icmp', port: number | null): FirewallNote | null => {
    if (!fw?.read) return null;
    if (p.kind === 'published') return publishedFirewallNote(t, fw, ea, srcOn(p.networkId), p.address, p.hostPort!, eb, p.containerPort!);
    if (p.kind === 'namespace') return null;
    return connectionNote(t, fw, { from: ea, src: ea.networkMode === 'host' ? null : srcOn(p.networkId), dst: p.address, proto, dport: port });
  };
  const sameNs = running && ea.id === eb.id;
  if (sameNs && a.id !== b.id) path({ kind: 'namespace', networkId: null, address: '127.0.0.1', names: ['localhost'] });
  if (running && !sameNs && v.byIp) {
    if (eb.networkMode === 'host') {
      for (const x of v.addresses) path({ kind: 'host', networkId: x.networkId, address: x.ip, names: [] });
    } else {
      for (const x of v.addresses) {
        const n = net(x.networkId);
        const be = bEps.find((e) => e.networkId === x.networkId);
        path({ kind: 'network', networkId: x.networkId, address: x.ip, names: ea.networkMode !== 'host' && n?.dns && be ? be.dnsNames : [] });
      }
    }
  }
  if (running && !sameNs) {
    for (const l of ea.links.filter((x) => x.containerId === eb.id)) {
      const shared = bEps.find((e) => e.ipv4 && aEps.some((x) => x.networkId === e.networkId));
      if (shared) path({ kind: 'link', networkId: shared.networkId, address: shared.ipv4!, names: [...new Set([l.alias, l.containerName])] });
    }
  }
  const published = running && !sameNs ? publishedPaths(t, ea, aEps, eb) : [];
  paths.push(...published.map((p) => p.path));
  for (const p of paths) p.firewall = noteFor(p, p.kind === 'published' ? 'tcp' : 'icmp', p.kind === 'published' ? p.containerPort : null);

  // The ports to answer for.
  const asked = opts.port ?? null;
  const candidates = asked !== null ? [asked] : [...new Set([
    ...eb.ports.filter((p) => p.protocol === 'tcp').map((p) => p.containerPort),
    ...eb.exposedPorts.filter((p) => p.protocol === 'tcp').map((p) => p.port),
    ...(sockets ? listenedPorts(sockets) : []),
  ])].sort((x, y) => x - y);

  const ports = candidates.map((port) => portVerdict(port));
  function portVerdict(port: number): PortVerdict {
    const reasons: string[] = [];
    const targets: string[] = [];
    let byName = false;
    const basis = sockets ? 'listening' : 'network';
    if (unreadNote) reasons.push(unreadNote);
    if (!sockets) reasons.push(`${eb.name}'s listening sockets could not be read (${opts.sockets.ok ? '' : opts.sockets.reason}): this answer is from the network rules only`);
    if (!running) return { port, protocol: 'tcp', open: false, byName: false, targets, basis, reasons: [...reasons, v.summary], firewall: [], undecided: false };
    const scope = sockets ? scopeOn(sockets, port) : null;
    const heard = sockets ? listenersOn(sockets, port).map((l) => `${l.address.includes(':') ? `[${l.address}]` : l.address}:${port}`) : [];
    if (sameNs) {
      const open = scope === null || scope !== 'none';
      if (open) targets.push(`localhost:${port}`);
      reasons.push(open ? `${a!.name} shares ${eb.name}'s network namespace: localhost:${port} is ${eb.name}'s port${heard.length ? ` (listening on ${heard.join(', ')})` : ''}` : nothingListens(eb, port, sockets!));
      return { port, protocol: 'tcp', open, byName: open, targets, basis, reasons, firewall: [], undecided: false };
    }
    const accepts = (address: string) => sockets === null || acceptsFrom(sockets, port, address);
    const direct = paths.filter((p) => p.kind === 'network' || p.kind === 'link' || p.kind === 'host');
    const notes: FirewallNote[] = [];
    let unsure = false;
    /** Whether the firewall lets a connection on this path through; notes what stops it. */
    const passes = (p: ReachPath) => {
      const n = p.kind === 'published' ? p.firewall : noteFor(p, 'tcp', port);
      if (n && (blocks(n) || undecided(n))) {
        if (!notes.some((x) => x.text === n.text)) notes.push(n);
        if (undecided(n)) unsure = true;
        return false;
      }
      return true;
    };
    for (const p of direct) {
      if (!accepts(p.address)) continue;
      if (!passes(p)) continue;
      targets.push(`${p.address}:${port}`);
      for (const n of p.names) targets.push(`${n}:${port}`);
      if (p.names.length) byName = true;
    }
    // A published port forwards to B's own address: it answers if B accepts there.
    const viaHost = published.filter((p) => p.port.containerPort === port);
    for (const p of viaHost) {
      if (p.path.address && (sockets === null || bAddresses.some((ip) => acceptsFrom(sockets, port, ip))) && passes(p.path)) targets.push(hostPortText(p.path.address, p.path.hostPort));
    }
    reasons.push(...eb.ports.filter((p) => p.containerPort === port && p.protocol === 'tcp').map((p) => publishedNote(ea, aEps, eb, p, published)));
    const open = targets.length > 0;
    if (!open && direct.length === 0 && viaHost.length === 0) reasons.push(v.reasons.at(-1) ?? v.summary); // the network rule that keeps them apart
    if (scope === 'none') reasons.push(nothingListens(eb, port, sockets!));
    else if (scope === 'loopback') reasons.push(`${eb.name} listens on port ${port} only on ${heard.join(', ')} inside its own namespace: only ${eb.name} itself (and containers sharing its namespace) can connect; from ${a!.name} the port is closed. The service must listen on 0.0.0.0:${port} (or ${eb.name}'s address) instead`);
    else if (scope === 'specific' && direct.some((p) => !accepts(p.address))) reasons.push(`${eb.name} listens on port ${port} only on ${heard.join(', ')}`);
    else if (scope === 'any' && open) reasons.push(`${eb.name} listens on port ${port} on every address (${heard.join(', ')})`);
    if (open) for (const n of notes) reasons.push(`on another path, the connection is ${n.text}`);
    else if (notes.length) {
      const stop = notes.find((n) => blocks(n));
      reasons.push(stop ? `the connection is ${stop.text}` : `whether it connects is ${notes[0]!.text}`);
    }
    return { port, protocol: 'tcp', open, byName: open && byName, targets: [...new Set(targets)], basis, reasons, firewall: notes, undecided: !open && unsure };
  }

  // The fixes: the network ones (made lasting for compose), then the ports'.
  const fixes: Fix[] = v.fixes.map((f) => (f.connect ? { ...f, ...composeOf(f.connect.networkId) } : f));
  /** The YAML that keeps A on this network when compose recreates it, where A is a compose service. */
  function composeOf(networkId: string): Pick<Fix, 'compose'> {
    const target = net(networkId);
    const yaml = target ? composeFix(t, ea, target) : null;
    return yaml ? { compose: yaml } : {};
  }
  // B is a compose service and A is not: the lasting way is B's service joining A's network.
  const connectFix = fixes.find((f) => f.connect);
  if (connectFix && !connectFix.compose && eb.composeProject && eb.composeService) {
    const mine = aEps.map((e) => net(e.networkId)).find((n): n is TopoNetwork => !!n && !n.builtin && !n.internal && n.icc !== false && !bEps.some((e) => e.networkId === n.id));
    const yaml = mine ? composeFix(t, eb, mine) : null;
    if (mine && yaml) fixes.push({ text: `or, to make it last in ${eb.name}'s compose project, connect ${eb.name} to ${mine.name}, where ${ea.name} is`, command: `docker network connect ${mine.name} ${eb.name}`, connect: { networkId: mine.id, containerId: eb.id }, compose: yaml });
  }
  for (const p of ports) {
    if (p.open || !running || sameNs) continue;
    const scope = sockets ? scopeOn(sockets, p.port) : null;
    if (scope === 'loopback') fixes.push({ text: `make the service in ${eb.name} listen on 0.0.0.0:${p.port}, not 127.0.0.1 (for Redis: bind 0.0.0.0 and protected-mode no, or a password; for others, their listen or bind setting)`, command: `docker exec ${eb.name} netstat -tln` });
    else if (scope === 'none') fixes.push({ text: `start the service in ${eb.name} on port ${p.port}, or connect to a port it listens on${sockets && listenedPorts(sockets).length ? ` (${listenedPorts(sockets).join(', ')})` : ''}`, command: `docker logs ${eb.name}` });
  }
  if (!v.byIp && ports.some((p) => p.open) && !fixes.some((f) => f.connect)) {
    // Reachable only through the host: a shared network is the direct way (and gives names).
    const target = bEps.map((e) => net(e.networkId)).find((n): n is TopoNetwork => !!n && !n.builtin && n.icc !== false && !n.internal);
    if (target) fixes.push({ text: `for a direct path (and names), connect ${ea.name} to ${target.name}`, command: `docker network connect ${target.name} ${ea.name}`, connect: { networkId: target.id, containerId: ea.id }, ...composeOf(target.id) });
  }

  // The firewall on a ping: a path it drops is no way by IP.
  const ipPaths = paths.filter((p) => p.kind === 'network' || p.kind === 'link' || p.kind === 'host');
  const ipOpen = ipPaths.filter((p) => !blocks(p.firewall) && !undecided(p.firewall));
  const byIp = v.byIp && (ipPaths.length === 0 || ipOpen.length > 0);
  const ipUnsure = v.byIp && !byIp && ipPaths.some((p) => undecided(p.firewall));
  const reasons = [...v.reasons];
  // Kept apart by Docker's isolation rules, unless a DOCKER-USER rule accepts the packets first:
  // then the rules that decide the replies are past where Switchyard evaluates, so it is unknown.
  let across: FirewallNote | null = null;
  if (fw?.read && running && !sameNs && !v.byIp && ea.networkMode !== 'host' && eb.networkMode !== 'host') {
    for (const ae of aEps) {
      for (const be of bEps) {
        const an = net(ae.networkId), bn = net(be.networkId);
        if (across || !ae.ipv4 || !be.ipv4 || !an?.bridge || !bn?.bridge || an.bridge === bn.bridge) continue;
        const n = connectionNote(t, fw, { from: ea, src: ae.ipv4, dst: be.ipv4, proto: 'icmp', dport: null });
        if (n?.verdict === 'accept' && n.rule) across = n;
      }
    }
  }
  if (across) {
    for (const p of ports.filter((x) => !x.open)) {
      p.undecided = true;
      p.firewall.push(across);
      p.reasons.push(`unknown: ${across.text}, across Docker's isolation`);
    }
  }
  if (across) reasons.push(`${across.text}: Docker's isolation between ${a.name}'s and ${b.name}'s networks would drop them, and the replies are decided by rules Switchyard does not evaluate (past DOCKER-USER)`);
  for (const p of ipPaths) if (p.firewall && p.firewall.verdict !== 'accept') reasons.push(`a ping from ${a.name} to ${p.address}: ${p.firewall.text}`);
  if (unreadNote) reasons.push(unreadNote);
  const openPorts = ports.filter((p) => p.open);
  const reachable = byIp || openPorts.length > 0;
  // A name is usable when it resolves and its address answers: a firewall that drops the pair leaves the names resolving, unusable.
  const byName = (v.byName && !(v.byIp && !byIp)) || ports.some((p) => p.byName);
  let summary = v.summary;
  if (across) summary = `whether ${a.name} reaches ${b.name} is unknown: ${across.text}, across Docker's isolation`;
  if (v.byIp && !byIp) {
    const stop = ipPaths.find((p) => blocks(p.firewall))?.firewall ?? ipPaths.find((p) => p.firewall)?.firewall;
    summary = ipUnsure ? `whether ${a.name} reaches ${b.name} is unknown: ${stop!.text}` : `${a.name} cannot reach ${b.name}: ${stop!.text}${v.names.length ? ` (its names still resolve: ${v.names.slice(0, 3).join(', ')})` : ''}`;
  }
  if (asked !== null && ports[0] && !across) {
    const p = ports[0];
    summary = p.open
      ? `${a.name} reaches ${b.name} on port ${asked}${p.byName ? ' by name' : ''}: ${p.targets.slice(0, 3).join(', ')}`
      : p.undecided
        ? `whether ${a.name} reaches ${b.name} on port ${asked} is unknown: ${p.firewall[0]!.text}`
        : `${a.name} cannot reach ${b.name} on port ${asked}: ${p.reasons.at(-1) ?? v.summary}`;
  } else if (!byIp && openPorts.length) {
    summary = `${a.name} reaches ${b.name} ${v.byIp ? 'by IP only' : 'only through the host'}, on ${openPorts.map((p) => p.targets[0]).join(', ')}`;
  }
  const unsure = ipUnsure || !!across || (asked !== null && !!ports[0]?.undecided);
  return base({ reachable, byIp, byName, summary, ports, paths, fixes, reasons, undecided: unsure });
}

function nothingListens(b: TopoContainer, port: number, sockets: readonly Listener[]): string {
  const others = listenedPorts(sockets);
  return `nothing listens on port ${port} inside ${b.name}${others.length ? ` (it listens on ${others.join(', ')})` : ' (it listens on no TCP port)'}`;
}

/** B's published TCP ports that A can get to through the host, with the address to use. */
function publishedPaths(t: Topo, a: TopoContainer, aEps: TopoEndpoint[], b: TopoContainer): { port: TopoPort; path: ReachPath }[] {
  const out: { port: TopoPort; path: ReachPath }[] = [];
  for (const p of b.ports) {
    if (p.protocol !== 'tcp' || p.hostPort === null) continue;
    const address = hostAddressFor(t, a, aEps, p);
    if (address) out.push({ port: p, path: { kind: 'published', networkId: address.networkId, address: address.ip, hostPort: p.hostPort, containerPort: p.containerPort, names: [], firewall: null } });
  }
  return out;
}

/** Where A finds a port the host publishes on `hostIp`, or null when A cannot get there. */
function hostAddressFor(t: Topo, a: TopoContainer, aEps: TopoEndpoint[], p: TopoPort): { ip: string; networkId: string | null } | null {
  const loop = isLoopback(p.hostIp);
  if (a.networkMode === 'host') return { ip: loop || isWildcard(p.hostIp) ? (p.hostIp === '::' || p.hostIp === '::1' ? '::1' : '127.0.0.1') : p.hostIp, networkId: null };
  if (loop || a.networkMode === 'none') return null;
  // A container needs a network with a route out of it (an internal network has none).
  // (a macvlan or ipvlan network's gateway is a router outside: the host is not reached that way)
  const out = aEps.find((e) => { const n = t.networks.find((x) => x.id === e.networkId); return e.ipv4 && e.gateway && !n?.internal && n?.driver !== 'macvlan' && n?.driver !== 'ipvlan'; });
  if (!out) return null;
  // Bound to :: alone, the port answers over IPv6 only (docker-proxy binds 0.0.0.0 apart): A needs an IPv6 gateway.
  if (p.hostIp === '::') {
    const v6 = aEps.find((e) => e.ipv6 && e.ipv6Gateway && !t.networks.find((n) => n.id === e.networkId)?.internal);
    return v6 ? { ip: v6.ipv6Gateway!, networkId: v6.networkId } : null;
  }
  return { ip: isWildcard(p.hostIp) ? out.gateway! : p.hostIp, networkId: out.networkId };
}

function publishedNote(a: TopoContainer, aEps: TopoEndpoint[], b: TopoContainer, p: TopoPort, reachable: { port: TopoPort }[]): string {
  const at = `${p.hostIp.includes(':') ? `[${p.hostIp}]` : p.hostIp}:${p.hostPort ?? '(not bound)'}`;
  if (reachable.some((r) => r.port === p)) {
    return a.networkMode === 'host'
      ? `${b.name} publishes ${p.containerPort}/tcp on the host at ${at}; ${a.name} is on the host's stack, so it can use it`
      : `${b.name} publishes ${p.containerPort}/tcp on the host at ${at}: ${a.name} gets there through its gateway (the host), whatever network it is on`;
  }
  if (isLoopback(p.hostIp)) return `${b.name} publishes ${p.containerPort}/tcp on the host's ${at} only: inside ${a.name}, 127.0.0.1 is ${a.name} itself, so that port is out of its reach`;
  if (a.networkMode === 'none') return `${b.name} publishes ${p.containerPort}/tcp at ${at}, but ${a.name} has no network`;
  if (p.hostPort === null) return `${b.name} would publish ${p.containerPort}/tcp, but it is not running`;
  if (p.hostIp === '::') return `${b.name} publishes ${p.containerPort}/tcp at ${at}, IPv6 only, and ${a.name} has no IPv6 address with a gateway to reach it`;
  return aEps.length ? `${b.name} publishes ${p.containerPort}/tcp at ${at}, but ${a.name} is only on internal networks: no route to the host` : `${b.name} publishes ${p.containerPort}/tcp at ${at}, but ${a.name} has no route to the host`;
}

export type { ReachVerdict };
