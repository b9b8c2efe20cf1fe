/**
 * Who talks to whom, from the sockets of every container's network namespace (and the host's
 * connection tracking where it is read). Pure: lib/traffic/sampler reads, this says what the
 * rows mean. The rules:
 *
 * - A socket whose local port is one its namespace listens on is the server's end; any other
 *   is the client's. A connection between two containers is seen from both ends and counted
 *   once (by its addresses and ports).
 * - The other end's address is a container endpoint (via `network`), a gateway or an address
 *   of the host (the host, or a container's published port there: via `published-port`), or
 *   anything else: outside, grouped by address (never one peer per ephemeral port).
 * - Loopback is the container itself, unless several containers share the namespace
 *   (`--network container:X`): then it is traffic between them (via `namespace`), told apart
 *   by which container's processes hold each socket (`owners`, by inode).
 * - docker-proxy relays a published port: the server sees it come from its gateway. Where the
 *   client is a container whose own end is read, the relayed leg is not counted twice.
 * - States, per connection, the best either end shows: established (and closing) is open,
 *   SYN_RECV is opening, SYN_SENT is an attempt with no answer yet, TIME_WAIT closed; a reset
 *   during the handshake is only seen by connection tracking (an entry in CLOSE, never ASSURED).
 */
import { isRefusal, type ConntrackEntry } from '@/lib/host/conntrack';
import type { NamespaceSockets, PeerSocket, TcpState } from '@/lib/host/proc-net-sockets';
import { DOCKER_DNS, isLoopback } from '@/lib/reach/listeners';
import { explainReach } from '@/lib/reach/explain';
import { connectionNote, publishedNote } from '@/lib/reach/firewall-paths';
import { blocks, firewallUnread, type Firewall } from '@/lib/firewall/decide';
import type { Flow, FlowState, FlowVia } from '@/lib/schemas/traffic';
import type { Topology } from '@/lib/topology/types';

export type Topo = Pick<Topology, 'containers' | 'endpoints' | 'networks'>;

/** One network namespace as read: its containers (the owner first) and its sockets, or why not. */
export interface NamespaceRead {
  containerIds: string[];
  read: NamespaceSockets | { error: string };
  /** For a namespace several containers share: socket inode -> the container whose process holds it. */
  owners?: ReadonlyMap<number, string>;
}

export interface FlowInputs {
  topology: Topo;
  namespaces: readonly NamespaceRead[];
  /** The host's own addresses (its interfaces'), besides the networks' gateways. */
  hostAddresses: readonly string[];
  conntrack: readonly ConntrackEntry[] | null;
  /** The host's firewall as read (null: not read; left out: not read yet); a failing flow names the rule that drops it. */
  firewall?: Firewall | null;
}

/** A flow as one read shows it: no `since` (the sampler keeps that), and its connections' byte counters. */
export type FlowObservation = Omit<Flow, 'since' | 'bytesPerSecond'> & {
  /** Connection key -> bytes both ways so far (connection tracking), or null where not counted. */
  bytes: Map<string, number | null>;
  /** Its reason turned on the host's firewall (the sampler reads it for the next read only then). */
  firewallAsked?: boolean;
};

type Kind = 'open' | 'opening' | 'attempt' | 'closed' | 'refused';
const RANK: Record<Kind, number> = { open: 4, opening: 3, attempt: 2, refused: 1, closed: 0 };

function kindOf(s: TcpState): Kind {
  switch (s) {
    case 'syn-sent': return 'attempt';
    case 'syn-recv': case 'new-syn-recv': return 'opening';
    case 'time-wait': case 'close': return 'closed';
    default: return 'open';
  }
}

interface Building extends Omit<FlowObservation, 'connections' | 'attempts' | 'closed' | 'state' | 'seenFrom' | 'reason'> {
  conns: Map<string, Kind>;
  refused: number;
  seen: Set<'client' | 'server' | 'conntrack'>;
  /** For a relayed leg (the server's view of docker-proxy): set on the server side only. */
  relayed: boolean;
}

type End = { containerId: string | null; address: string; name: string };

export function buildFlows(inputs: FlowInputs): FlowObservation[] {
  const t = inputs.topology;
  const byId = new Map(t.containers.map((c) => [c.id, c]));
  const owner = (id: string) => { const c = byId.get(id); return c?.sharesNetworkWith && byId.has(c.sharesNetworkWith) ? c.sharesNetworkWith : id; };
  const epByIp = new Map<string, { containerId: string; networkId: string }>();
  const gateways = new Map<string, string>();
  for (const e of t.endpoints) {
    if (e.ipv4) epByIp.set(e.ipv4, { containerId: e.containerId, networkId: e.networkId });
    if (e.ipv6) epByIp.set(e.ipv6, { containerId: e.containerId, networkId: e.networkId });
    if (e.gateway) gateways.set(e.gateway, e.networkId);
  }
  for (const n of t.networks) for (const s of n.subnets) if (s.gateway) gateways.set(s.gateway, n.id);
  const hostAddrs = new Set([...inputs.hostAddresses, ...gateways.keys()]);
  const nameOf = (id: string | null, address: string) => (id ? byId.get(id)?.name ?? id.slice(0, 12) : hostAddrs.has(address) ? 'host' : address);
  const end = (containerId: string | null, address: string): End => ({ containerId, address, name: nameOf(containerId, address) });
  const hostEnd = (address: string): End => ({ containerId: null, address, name: 'host' });

  // The published ports, indexed once (asked for each socket to or from the host).
  const byHostPort = new Map<string, { hostIp: string; containerId: string; containerPort: number; name: string }[]>();
  const publishedAt = new Set<string>();
  for (const c of t.containers) {
    for (const p of c.ports) {
      if (p.hostPort === null) continue;
      const k = `${p.hostPort}/${p.protocol}`;
      byHostPort.set(k, [...(byHostPort.get(k) ?? []), { hostIp: p.hostIp, containerId: owner(c.id), containerPort: p.containerPort, name: c.name }]);
      publishedAt.add(`${owner(c.id)}:${p.containerPort}/${p.protocol}`);
    }
  }
  /** Who publishes `port` on the host at `address` (a gateway, a host address, loopback). */
  const publisher = (address: string, port: number, protocol: string) =>
    byHostPort.get(`${port}/${protocol}`)?.find((p) => p.hostIp === '' || p.hostIp === '0.0.0.0' || p.hostIp === '::' || p.hostIp === address) ?? null;
  const publishedContainerPort = (ids: readonly string[], containerPort: number, protocol: string) =>
    ids.some((id) => publishedAt.has(`${owner(id)}:${containerPort}/${protocol}`));

  const flows = new Map<string, Building>();
  const add = (client: End, server: End & { port: number; containerPort: number | null }, protocol: 'tcp' | 'udp', networkId: string | null, via: FlowVia, conn: string, kind: Kind, side: 'client' | 'server' | 'conntrack', relayed = false) => {
    const key = `${protocol}:${client.containerId?.slice(0, 12) ?? (client.name === 'host' ? 'host' : client.address)}>${server.containerId?.slice(0, 12) ?? (server.name === 'host' ? 'host' : server.address)}:${server.port}@${networkId?.slice(0, 12) ?? '-'}`;
    let f = flows.get(key);
    if (!f) {
      f = { id: `flow:${key}`, protocol, client, server, networkId, via, bytes: new Map(), conns: new Map(), refused: 0, seen: new Set(), relayed };
      flows.set(key, f);
    }
    f.relayed &&= relayed;
    f.seen.add(side);
    if (kind === 'refused') { f.refused++; return; }
    const was = f.conns.get(conn);
    if (was === undefined || RANK[kind] > RANK[was]) f.conns.set(conn, kind);
    if (!f.bytes.has(conn)) f.bytes.set(conn, null);
  };
  const connKey = (p: string, ca: string, cp: number, sa: string, sp: number) => `${p}|${ca}|${cp}|${sa}|${sp}`;

  for (const ns of inputs.namespaces) {
    if ('error' in ns.read) continue;
    const members = ns.containerIds;
    const main = members[0]!;
    const listen = new Set(ns.read.listeners.filter((l) => l.address !== DOCKER_DNS).map((l) => l.port));
    const holder = (inode: number) => (inode && ns.owners?.get(inode)) || main;
    const localNet = (address: string) => epByIp.get(address)?.networkId ?? null;
    for (const s of ns.read.sockets) {
      const kind = kindOf(s.state);
      if (isLoopback(s.remote.address) || s.remote.address === s.local.address) {
        if (members.length < 2 || s.remote.address === DOCKER_DNS) continue;
        loopback(ns, s, kind, listen);
        continue;
      }
      const serverSide = listen.has(s.local.port) && s.state !== 'syn-sent';
      const me = holder(s.inode);
      const peer = epByIp.get(s.remote.address);
      if (serverSide) {
        const server = { ...end(me, s.local.address), port: s.local.port, containerPort: null as number | null };
        const conn = connKey(s.protocol, s.remote.address, s.remote.port, s.local.address, s.local.port);
        if (peer && !members.includes(peer.containerId)) {
          add(end(peer.containerId, s.remote.address), server, s.protocol, localNet(s.local.address) ?? peer.networkId, 'network', conn, kind, 'server');
        } else {
          const fromHost = hostAddrs.has(s.remote.address);
          const published = publishedContainerPort(members, s.local.port, s.protocol);
          const client = fromHost ? hostEnd(s.remote.address) : end(null, s.remote.address);
          const via: FlowVia = published ? 'published-port' : fromHost ? 'host' : 'outside';
          add(client, published ? { ...server, containerPort: s.local.port } : server, s.protocol, localNet(s.local.address), via, conn, kind, 'server', published && fromHost);
        }
        continue;
      }
      const client = end(me, s.local.address);
      const conn = connKey(s.protocol, s.local.address, s.local.port, s.remote.address, s.remote.port);
      if (peer) {
        add(client, { ...end(peer.containerId, s.remote.address), port: s.remote.port, containerPort: null }, s.protocol, peer.networkId, 'network', conn, kind, 'client');
        continue;
      }
      const pub = hostAddrs.has(s.remote.address) || isLoopback(s.remote.address) ? publisher(s.remote.address, s.remote.port, s.protocol) : null;
      if (pub) add(client, { ...end(pub.containerId, s.remote.address), port: s.remote.port, containerPort: pub.containerPort }, s.protocol, localNet(s.local.address), 'published-port', conn, kind, 'client');
      else if (hostAddrs.has(s.remote.address)) add(client, { ...hostEnd(s.remote.address), port: s.remote.port, containerPort: null }, s.protocol, localNet(s.local.address), 'host', conn, kind, 'client');
      else add(client, { ...end(null, s.remote.address), port: s.remote.port, containerPort: null }, s.protocol, localNet(s.local.address), 'outside', conn, kind, 'client');
    }
  }

  /** Loopback in a shared namespace: the client's row only (its remote port is listened on, its own is not). */
  function loopback(ns: NamespaceRead, s: PeerSocket, kind: Kind, listen: ReadonlySet<number>) {
    if (!listen.has(s.remote.port) || listen.has(s.local.port)) return;
    const read = ns.read as NamespaceSockets;
    const from = (s.inode && ns.owners?.get(s.inode)) || null;
    const to = (read.listenInodes.get(s.remote.port) ?? []).map((i) => ns.owners?.get(i)).find(Boolean) ?? null;
    if (!from || !to || from === to) return; // a container talking to itself, or holders unknown
    const conn = connKey(s.protocol, s.local.address, s.local.port, s.remote.address, s.remote.port);
    add(end(from, s.local.address), { ...end(to, s.remote.address), port: s.remote.port, containerPort: null }, s.protocol, null, 'namespace', conn, kind, 'client');
  }

  conntrackFacts(inputs.conntrack, flows, epByIp, hostAddrs, publisher, add, connKey, end);

  // A relayed leg (docker-proxy to the server) whose connections a container client's own flow
  // to that published port already counts is left out; the rest are the host's (or outside's).
  const viaProxy = new Map<string, number>();
  for (const f of flows.values()) {
    if (f.via === 'published-port' && f.client.containerId && f.server.containerId && f.server.containerPort !== null) {
      const k = `${f.server.containerId}:${f.server.containerPort}`;
      viaProxy.set(k, (viaProxy.get(k) ?? 0) + count(f).connections);
    }
  }
  const out: FlowObservation[] = [];
  for (const f of flows.values()) {
    const c = count(f);
    if (f.relayed && f.server.containerId && f.server.containerPort !== null) {
      const k = `${f.server.containerId}:${f.server.containerPort}`;
      const already = viaProxy.get(k) ?? 0;
      if (already > 0) {
        const take = Math.min(already, c.connections);
        viaProxy.set(k, already - take);
        c.connections -= take;
        if (c.connections === 0 && c.attempts === 0 && c.state !== 'closed') continue;
        if (c.connections === 0 && c.state === 'open') c.state = 'closed';
      }
    }
    const { conns: _c, refused: _r, seen, relayed: _rl, ...rest } = f;
    let asked = false;
    const reason = c.state === 'no-answer' || c.state === 'refused' ? reasonFor(t, f, c.state, inputs.namespaces, inputs.firewall, () => { asked = true; }) : null;
    out.push({ ...rest, ...c, seenFrom: [...seen].sort(), reason, ...(asked ? { firewallAsked: true } : {}) });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function count(f: Building): { state: FlowState; connections: number; attempts: number; closed: number } {
  let open = 0, opening = 0, attempt = 0, closed = 0;
  for (const k of f.conns.values()) {
    if (k === 'open') open++;
    else if (k === 'opening') opening++;
    else if (k === 'attempt') attempt++;
    else if (k === 'closed') closed++;
  }
  const state: FlowState = open ? 'open' : opening ? 'opening' : attempt ? 'no-answer' : f.refused ? 'refused' : 'closed';
  return { state, connections: open + opening, attempts: attempt + f.refused, closed };
}

/**
 * Connection tracking adds what sockets cannot show: an attempt reset during the handshake
 * (the socket is gone at once; lib/host/conntrack-events catches the tracker's entry as it
 * dies), and each connection's bytes where accounting is on.
 */
function conntrackFacts(
  entries: readonly ConntrackEntry[] | null, flows: Map<string, Building>,
  epByIp: ReadonlyMap<string, { containerId: string; networkId: string }>, hostAddrs: ReadonlySet<string>,
  publisher: (address: string, port: number, protocol: string) => { containerId: string; containerPort: number } | null,
  add: (client: End, server: End & { port: number; containerPort: number | null }, protocol: 'tcp' | 'udp', networkId: string | null, via: FlowVia, conn: string, kind: Kind, side: 'conntrack') => void,
  connKey: (p: string, ca: string, cp: number, sa: string, sp: number) => string,
  end: (containerId: string | null, address: string) => End,
): void {
  if (!entries) return;
  const bytes = new Map<string, number>();
  for (const e of entries) {
    const o = e.orig, r = e.reply;
    if (o.bytes !== null && r.bytes !== null) {
      const total = o.bytes + r.bytes;
      bytes.set(connKey(e.protocol, o.src, o.sport, o.dst, o.dport), total);
      // The server's own view of a translated connection (DNAT): the reply's tuple, reversed.
      if (r.src !== o.dst || r.sport !== o.dport) bytes.set(connKey(e.protocol, o.src, o.sport, r.src, r.sport), total);
    }
    if (!isRefusal(e)) continue;
    const client = epByIp.get(o.src);
    const server = epByIp.get(r.src) ?? null;
    if (!client) continue;
    const conn = connKey('tcp', o.src, o.sport, o.dst, o.dport);
    if (server && r.src === o.dst) {
      add(end(client.containerId, o.src), { ...end(server.containerId, o.dst), port: o.dport, containerPort: null }, 'tcp', server.networkId, 'network', conn, 'refused', 'conntrack');
    } else if (hostAddrs.has(o.dst)) {
      const pub = publisher(o.dst, o.dport, 'tcp');
      if (pub) add(end(client.containerId, o.src), { ...end(pub.containerId, o.dst), port: o.dport, containerPort: pub.containerPort }, 'tcp', client.networkId, 'published-port', conn, 'refused', 'conntrack');
      else add(end(client.containerId, o.src), { containerId: null, address: o.dst, name: 'host', port: o.dport, containerPort: null }, 'tcp', client.networkId, 'host', conn, 'refused', 'conntrack');
    }
  }
  if (bytes.size === 0) return;
  for (const f of flows.values()) for (const k of f.bytes.keys()) f.bytes.set(k, bytes.get(k) ?? null);
}

/** Why a failing flow between two containers fails, in the reachability explainer's words. */
function reasonFor(t: Topo, f: Building, state: FlowState, namespaces: readonly NamespaceRead[], fw: Firewall | null | undefined, ask: () => void): Flow['reason'] {
  const a = f.client.containerId, b = f.server.containerId;
  if (!a || !b) return null;
  const v = explainReach(t, a, b, { ports: false });
  const port = f.server.containerPort ?? f.server.port;
  const who = `${f.client.name} keeps trying ${f.server.name}:${f.server.port}`;
  if (!v.byIp && f.via === 'network') return { summary: `${who} and gets no answer: ${v.reasons.at(-1) ?? v.summary}`, fix: v.fixes[0] ?? null };
  const ns = namespaces.find((n) => n.containerIds.includes(b));
  const listens = ns && !('error' in ns.read) ? ns.read.listeners.some((l) => l.port === port && l.address !== DOCKER_DNS) : null;
  if (listens === false) {
    return { summary: `${who}: nothing in ${f.server.name} listens on port ${port}`, fix: { text: `start the service in ${f.server.name} on port ${port}, or point ${f.client.name} at the port it listens on`, command: `docker exec ${f.server.name} netstat -tln` } };
  }
  const what = state === 'refused' ? 'is refused' : 'gets no answer';
  const ca = t.containers.find((c) => c.id === a);
  const cb = t.containers.find((c) => c.id === b);
  ask(); // from here on the answer turns on the firewall
  if (ca && cb && fw?.read) {
    const owner = (c: typeof ca) => (c.sharesNetworkWith && t.containers.find((x) => x.id === c.sharesNetworkWith)) || c;
    const note = f.via === 'published-port'
      ? publishedNote(t, fw, owner(ca), f.client.address, f.server.address, f.server.port, owner(cb), port)
      : connectionNote(t, fw, { from: owner(ca), src: f.client.address, dst: f.server.address, proto: f.protocol === 'udp' ? 'udp' : 'tcp', dport: f.server.port });
    if (note && (blocks(note) || note.verdict === 'unknown')) {
      return { summary: `${who} and ${what}: ${blocks(note) ? `the connection is ${note.text}` : `it may be the firewall: ${note.text}`}`, fix: blocks(note) && note.rule ? { text: `remove or narrow that rule (it is ${note.rule.chain} rule ${note.rule.position}${note.rule.family === 6 ? ' of ip6tables' : ''})`, command: `${note.rule.family === 6 ? 'ip6tables' : 'iptables'} -t ${note.rule.table} -D ${note.rule.chain} ${note.rule.position}` } : null };
    }
  }
  if (listens === null) return { summary: `${who} and ${what}; ${f.server.name}'s sockets were not read, so whether it listens on ${port} is not known`, fix: null };
  // undefined: the firewall has not been read yet for this flow (it is, for the next read).
  const unread = fw === undefined ? 'a firewall rule (DOCKER-USER, iptables, nftables) may drop or reject it' : firewallUnread(fw);
  return { summary: `${who} and ${what}, though the networks allow it and ${f.server.name} listens on ${port}${unread ? `: ${unread}` : ': no firewall rule Switchyard read drops it (the service may be overloaded or answer slowly)'}`, fix: null };
}
