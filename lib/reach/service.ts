/**
 * Reachability as the API answers it: the store's topology, B's listening sockets read from
 * the host where the engine is local (lib/host/listeners), and the pure rules
 * (./reachability). Refusals are plain Outcomes, like the rewiring actions'.
 */
import 'server-only';
import pLimit from 'p-limit';
import { isLocalEndpoint } from '@/lib/docker/endpoint';
import { readListeners } from '@/lib/host/listeners';
import { askAgent } from '@/lib/agent/client';
import { firewallReader } from '@/lib/host/firewall';
import type { Firewall } from '@/lib/firewall/decide';
import { done, refuse, refused, type Outcome } from '@/lib/rewire/refusal';
import { noContainer, noNetwork } from '@/lib/rewire/service';
import type { TopologyStore } from '@/lib/store/topology-store';
import { findContainer, findNetwork } from '@/lib/topology/select';
import type { Topology, TopoContainer } from '@/lib/topology/types';
import { reachability, type Reachability, type SocketsRead } from './reachability';

/** A matrix answers at most this many containers (so 1,560 ordered pairs). */
export const MATRIX_MAX = 40;

/** Reads the sockets of the namespace `c` lives in (its owner's, for --network container:X). */
export async function socketsOf(store: TopologyStore, t: Pick<Topology, 'containers'>, c: TopoContainer): Promise<SocketsRead> {
  const owner = (c.sharesNetworkWith && t.containers.find((x) => x.id === c.sharesNetworkWith)) || c;
  const engine = await store.conn.get();
  if (isLocalEndpoint(engine.endpoint)) return readListeners(owner.pid);
  // A remote engine's host: read by Switchyard's agent there, where one runs.
  const agent = store.agent();
  if (!agent) return { ok: false, reason: `the engine is reached over ${engine.endpoint.kind}, so its containers' sockets are on another machine (start Switchyard's agent on it, from its page, to read them there)` };
  try {
    return await askAgent(store.conn, agent, 'listeners', { pid: owner.pid });
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

/** The host's firewall where the engine is on this machine; null where it is not (its rules are on another host). */
export async function firewallOf(store: TopologyStore): Promise<Firewall | null> {
  const engine = await store.conn.get();
  if (!isLocalEndpoint(engine.endpoint)) return null;
  return firewallReader().current();
}

/** The verdict for A -> B on the store's topology, with the containers it was made for (Test now starts from it). */
export async function predict(store: TopologyStore, fromRef: string, toRef: string, port: number | null): Promise<Outcome<{ t: Topology; a: TopoContainer; b: TopoContainer; r: Reachability }>> {
  const t = await store.current();
  const a = findContainer(t, fromRef);
  if (!a) return refused(noContainer(fromRef));
  const b = findContainer(t, toRef);
  if (!b) return refused(noContainer(toRef));
  const [sockets, firewall] = await Promise.all([socketsOf(store, t, b), firewallOf(store)]);
  return done({ t, a, b, r: reachability(t, a.id, b.id, { port, sockets, firewall }) });
}

export async function reachBetween(store: TopologyStore, fromRef: string, toRef: string, port: number | null): Promise<Outcome<Reachability>> {
  const p = await predict(store, fromRef, toRef, port);
  return p.ok ? done(p.value.r) : p;
}

export interface MatrixQuery {
  network: string | null;
  project: string | null;
  containers: string[] | null;
  port: number | null;
}

export interface Matrix {
  /** What the rows and columns are: a network's members, a compose project, or the containers named. */
  scope: { kind: 'network' | 'project' | 'containers'; name: string };
  port: number | null;
  containers: { id: string; name: string }[];
  /** Every ordered pair (from ≠ to), by index into `containers`. `port` is null without a port asked. */
  cells: { from: number; to: number; byIp: boolean; byName: boolean; port: boolean | null; summary: string }[];
  /** Containers whose sockets could not be read, with why (their port answers are from the network rules). */
  unread: { name: string; reason: string }[];
}

export async function reachMatrix(store: TopologyStore, q: MatrixQuery): Promise<Outcome<Matrix>> {
  const t = await store.current();
  let members: TopoContainer[];
  let scope: Matrix['scope'];
  if (q.network) {
    const n = findNetwork(t, q.network);
    if (!n) return refused(noNetwork(q.network));
    const ids = new Set(t.endpoints.filter((e) => e.networkId === n.id).map((e) => e.containerId));
    members = t.containers.filter((c) => ids.has(c.id) || (c.sharesNetworkWith !== null && ids.has(c.sharesNetworkWith)));
    scope = { kind: 'network', name: n.name };
  } else if (q.project) {
    const projects = q.project.split(',');
    for (const p of projects) {
      if (!t.containers.some((c) => c.composeProject === p)) return refused(refuse('not-found', `no container of compose project "${p}" on this engine`, 'check the project with `docker compose ls`'));
    }
    members = t.containers.filter((c) => c.composeProject !== null && projects.includes(c.composeProject));
    scope = { kind: 'project', name: q.project };
  } else {
    members = [];
    for (const ref of q.containers ?? []) {
      const c = findContainer(t, ref);
      if (!c) return refused(noContainer(ref));
      if (!members.includes(c)) members.push(c);
    }
    scope = { kind: 'containers', name: members.map((c) => c.name).join(', ') };
  }
  if (members.length > MATRIX_MAX) return refused(refuse('invalid', `${members.length} containers is more than a matrix answers (${MATRIX_MAX})`, 'ask for a smaller network or project, or name the containers with ?containers=a,b,c'));
  members = [...members].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  const limit = pLimit(8);
  const [sockets, firewall] = await Promise.all([Promise.all(members.map((c) => limit(() => socketsOf(store, t, c)))), firewallOf(store)]);
  const cells: Matrix['cells'] = [];
  members.forEach((a, i) => members.forEach((b, j) => {
    if (i === j) return;
    const r = reachability(t, a.id, b.id, { port: q.port, sockets: sockets[j]!, firewall });
    cells.push({ from: i, to: j, byIp: r.byIp, byName: r.byName, port: q.port === null ? null : r.ports[0]?.open ?? false, summary: r.summary });
  }));
  const unread = members.flatMap((c, i) => {
    const s = sockets[i]!;
    return s.ok ? [] : [{ name: c.name, reason: s.reason }];
  });
  return done({ scope, port: q.port, containers: members.map((c) => ({ id: c.id, name: c.name })), cells, unread });
}
