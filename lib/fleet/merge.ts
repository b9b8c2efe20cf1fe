/**
 * The fleet: the topologies of several engines as one, for the graph to draw (issue 29). Pure.
 *
 * - Every id of an engine's own objects becomes `<engine>/<id>` (two engines may hold the same
 *   ids: Engine 20.10 takes its ID from /etc/docker/key.json, copied machines share it). Its
 *   containers and local networks are grouped by engine: their group key (`composeProject`, what
 *   the graph, the folds and the layout group by) is "engine: NAME", as grouping by swarm node
 *   does (lib/graph/grouping).
 * - A swarm-scoped network (an overlay, the ingress) has the same id on every node: it keeps its
 *   id and is drawn once, outside the engines' groups, with the endpoints of every engine on it.
 * - Each engine's swarm node ID comes from its /info (`engine.swarm.nodeId`). A task a manager
 *   lists on a node that no engine of the fleet is becomes a container of its own, in the group
 *   "node: HOSTNAME (not reachable)", state `unreachable`, on the networks its addresses are on:
 *   drawn as such, not dropped.
 */
import { byName, endpointOrder } from '@/lib/topology/order';
import type { Topology, TopoContainer, TopoEndpoint, TopoNetwork, TopoWarning } from '@/lib/topology/types';

export const ENGINE_GROUP = 'engine: ';
/** The fleet topology's engine id: its engines' hosts are many (the graph draws no one host network). */
export const FLEET_ENGINE_ID = 'fleet';
export const UNREACHABLE = 'unreachable';

/** One engine of the fleet: its topology, or why there is none. */
export interface FleetMember {
  name: string;
  topology: Topology | null;
  error?: string | null;
}

/** An id of the fleet's topology for an engine's own object. */
export const fleetId = (engine: string, id: string) => `${engine}/${id}`;

/** The engine and engine id a fleet id stands for (null: a shared or synthesized one). */
export function parseFleetId(id: string): { engine: string; id: string } | null {
  const i = id.indexOf('/');
  return i > 0 ? { engine: id.slice(0, i), id: id.slice(i + 1) } : null;
}

/** A swarm-scoped network, as the fleet draws it once: in no engine's group. */
export const sharedNetwork = (n: TopoNetwork): TopoNetwork => ({ ...n, composeProject: null });

/** An engine's own network in the fleet: its id `<engine>/<id>`, in the engine's group. */
export const fleetNetwork = (engine: string, n: TopoNetwork): TopoNetwork => ({ ...n, id: fleetId(engine, n.id), composeProject: `${ENGINE_GROUP}${engine}` });

/** An engine's container in the fleet: its id and every id it names made the fleet's, in the engine's group. */
export function fleetContainer(engine: string, c: TopoContainer): TopoContainer {
  const id = (x: string) => fleetId(engine, x);
  return {
    ...c,
    id: id(c.id),
    composeProject: `${ENGINE_GROUP}${engine}`,
    networkMode: c.networkMode.startsWith('container:') ? `container:${id(c.networkMode.slice(10))}` : c.networkMode,
    sharesNetworkWith: c.sharesNetworkWith && id(c.sharesNetworkWith),
    links: c.links.map((l) => ({ ...l, containerId: l.containerId && id(l.containerId) })),
  };
}

/** An engine's endpoint in the fleet, on `networkId` (the fleet's id of its network). */
export const fleetEndpoint = (engine: string, e: TopoEndpoint, networkId: string): TopoEndpoint => ({ ...e, networkId, containerId: fleetId(engine, e.containerId) });

/** An engine's warning in the fleet: said to be that engine's. */
export const fleetWarning = (engine: string, w: TopoWarning): TopoWarning => ({ ...w, subject: w.subject && fleetId(engine, w.subject), message: `${engine}: ${w.message}` });

export interface Fleet {
  topology: Topology;
  /** Each engine: its node ID where it is a swarm node, and whether it could be read. */
  engines: { name: string; nodeId: string | null; ok: boolean; error: string | null }[];
}

/** @param notes warnings of the fleet's own (an engine named twice, say), put first. */
export function mergeFleet(members: readonly FleetMember[], notes: readonly TopoWarning[] = []): Fleet {
  const networks = new Map<string, TopoNetwork>();
  const containers: TopoContainer[] = [];
  const endpoints: TopoEndpoint[] = [];
  const warnings: TopoWarning[] = [...notes];
  const nodes = new Set<string>();
  for (const m of members) if (m.topology?.engine.swarm?.nodeId) nodes.add(m.topology.engine.swarm.nodeId);

  for (const m of members) {
    const t = m.topology;
    if (!t) {
      warnings.push({ code: 'engine_unreadable', message: `${m.name}: ${m.error ?? 'not read'}` });
      continue;
    }
    const shared = new Set(t.networks.filter((n) => n.scope === 'swarm').map((n) => n.id));
    const netId = (id: string) => (shared.has(id) ? id : fleetId(m.name, id));
    for (const n of t.networks) {
      if (shared.has(n.id)) {
        if (!networks.has(n.id)) networks.set(n.id, sharedNetwork(n));
      } else {
        networks.set(netId(n.id), fleetNetwork(m.name, n));
      }
    }
    for (const c of t.containers) containers.push(fleetContainer(m.name, c));
    for (const e of t.endpoints) endpoints.push(fleetEndpoint(m.name, e, netId(e.networkId)));
    for (const w of t.warnings) warnings.push(fleetWarning(m.name, w));

    // Tasks on nodes the fleet does not reach (a manager knows them).
    if (!t.swarm) continue;
    const host = new Map(t.swarm.nodes.map((n) => [n.id, n.hostname]));
    for (const task of t.swarm.tasks) {
      if (!task.nodeId || nodes.has(task.nodeId) || task.state !== 'running') continue;
      const id = `task.${task.id}`; // no ":" (selections and endpoint refs split on it) and no "/" (not an engine's)
      if (containers.some((c) => c.id === id)) continue; // two managers list it
      const name = `${task.serviceName}.${task.slot ?? task.nodeId.slice(0, 6)}`;
      containers.push({
        id, name, image: `on ${host.get(task.nodeId) ?? task.nodeId} (not reachable)`, state: UNREACHABLE, status: `runs on ${host.get(task.nodeId) ?? task.nodeId}, which no engine of the fleet is`,
        networkMode: 'default', sharesNetworkWith: null, composeProject: `node: ${host.get(task.nodeId) ?? task.nodeId} (not reachable)`, composeService: task.serviceName,
        ports: [], exposedPorts: [], links: [], labels: { 'com.docker.swarm.task.id': task.id, 'com.docker.swarm.node.id': task.nodeId },
        pid: 0, startedAt: null, finishedAt: null, exitCode: null, health: null,
      });
      for (const a of task.addresses) {
        if (!shared.has(a.networkId)) continue;
        const [ip, prefix] = a.address.split('/');
        endpoints.push({
          networkId: a.networkId, containerId: id, ipv4: ip ?? null, ipv4PrefixLength: prefix ? Number(prefix) : null, ipv6: null, mac: null,
          gateway: null, ipv6Gateway: null, staticIpv4: null, staticIpv6: null, aliases: [], dnsNames: [], veth: null,
        });
      }
    }
  }

  const nets = [...networks.values()].sort(byName);
  const ctrs = containers.sort(byName);
  const netName = new Map(nets.map((n) => [n.id, n.name]));
  const ctrName = new Map(ctrs.map((c) => [c.id, c.name]));
  endpoints.sort(endpointOrder((id) => netName.get(id) ?? id, (id) => ctrName.get(id) ?? id));
  return {
    topology: {
      engine: { id: FLEET_ENGINE_ID, name: 'ports published on each engine\'s host', serverVersion: '', apiVersion: '', os: '', swarm: null },
      swarm: null,
      networks: nets,
      containers: ctrs,
      endpoints: endpoints.filter((e) => netName.has(e.networkId)),
      warnings,
    },
    engines: members.map((m) => ({ name: m.name, nodeId: m.topology?.engine.swarm?.nodeId || null, ok: !!m.topology, error: m.topology ? null : m.error ?? 'not read' })),
  };
}

/**
 * Where a change drawn on the fleet goes: the engine of the container (and of the network, which
 * must be the same, or a swarm network every engine has) and their own ids. Throws, saying why,
 * when there is no such engine: two engines, or a task on a node no engine is.
 */
export function fleetRoute(network: string, container: string | null): { engine: string; network: string; container: string | null } {
  const n = parseFleetId(network);
  const c = container === null ? null : parseFleetId(container);
  if (container !== null && !c) throw new Error('that task runs on a node Switchyard does not reach: add its engine (a docker context or SWITCHYARD_ENGINES) to change it');
  const engine = c?.engine ?? n?.engine;
  if (!engine) throw new Error('a swarm network is changed through a container of one engine');
  if (n && c && n.engine !== c.engine) throw new Error(`the container is on ${c.engine} and the network on ${n.engine}: a container joins only networks of its own engine (or a swarm network)`);
  return { engine, network: n?.id ?? network, container: c?.id ?? null };
}

/** Whether the fleet's container may join the fleet's network: both of one engine, or the network is a swarm one. */
export function sameEngine(network: string, container: string): boolean {
  const c = parseFleetId(container);
  const n = parseFleetId(network);
  return !!c && (!n || n.engine === c.engine);
}
