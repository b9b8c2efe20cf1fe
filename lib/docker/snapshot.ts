/**
 * Reads from one engine, raw Engine objects out. A full snapshot is 3 + C requests for C
 * containers: GET /info, GET /networks, GET /containers/json?all=1, then GET
 * /containers/{id}/json for each, at most INSPECT_CONCURRENCY at a time. Network members
 * come from the container inspects (which carry aliases, DNS names, static IPs and stopped
 * containers' networks, none of which GET /networks/{id} has), so no network is inspected.
 * On a swarm manager, GET /nodes, /services and /tasks add 3. One failing container inspect does not fail the snapshot. The single reads (one container,
 * one network) are what the topology store asks for when the engine reports a change.
 */
import 'server-only';
import { engineConnection, type EngineConnection } from './client';
import type { EngineApi } from './engine-api';
import type { EngineSnapshot, RawContainer, RawContainerSummary, RawInfo, RawNetwork, RawSwarm } from './engine-types';
import { EngineError } from './errors';
import { readPodmanBridges, withPodmanBridge, withPodmanNetworkMode } from './podman';
import pLimit from 'p-limit';

export const INSPECT_CONCURRENCY = 8;

function inspectContainer(docker: EngineApi, id: string, signal: AbortSignal): Promise<RawContainer> {
  return docker.getJson(`/containers/${encodeURIComponent(id)}/json`, signal);
}

/** GET /info. */
export function readInfo(conn: EngineConnection): Promise<RawInfo> {
  return conn.call('GET /info', (d, signal) => d.getJson<RawInfo>('/info', signal));
}

/** GET /networks (on Podman, with the bridge names its libpod API adds: lib/docker/podman). */
export async function listNetworks(conn: EngineConnection): Promise<RawNetwork[]> {
  const nets = await conn.call('GET /networks', (d, signal) => d.getJson<RawNetwork[]>('/networks', signal));
  return podmanNetworks(conn, nets);
}

async function podmanNetworks(conn: EngineConnection, nets: RawNetwork[]): Promise<RawNetwork[]> {
  const engine = await conn.get();
  if (engine.flavor !== 'podman') return nets;
  const bridges = await conn.call('GET /libpod/networks/json', (_d, signal) => readPodmanBridges(engine.unversioned, signal));
  return nets.map((n) => withPodmanBridge(n, bridges));
}

/** GET /containers/json?all=1. */
export function listContainers(conn: EngineConnection): Promise<RawContainerSummary[]> {
  return conn.call('GET /containers/json', (d, signal) =>
    d.getJson<RawContainerSummary[]>('/containers/json?all=1', signal));
}

/**
 * GET /containers/json?all=1, each row made into what the caller keeps of it as it arrives (the
 * list check keeps a fingerprint): at 10,000 containers the whole 9 MB answer is never one
 * string, nor its 10,000 rows objects alive at once. Through dockerode's modem (ssh://) the
 * answer is read whole and mapped.
 */
export function listContainersAs<T>(conn: EngineConnection, keep: (row: RawContainerSummary) => T): Promise<T[]> {
  return conn.call('GET /containers/json', async (d, signal) => {
    const path = '/containers/json?all=1';
    if (!d.getJson.each) return (await d.getJson<RawContainerSummary[]>(path, signal)).map(keep);
    const out: T[] = [];
    await d.getJson.each(path, signal, (row) => out.push(keep(row as RawContainerSummary)));
    return out;
  });
}

/** Whether the engine can answer for a swarm (a manager): GET /nodes, /services and /tasks work only there. */
export const isSwarmManager = (info: RawInfo) => info.Swarm?.LocalNodeState === 'active' && info.Swarm.ControlAvailable === true;

/** GET /nodes, /services and /tasks: 3 requests, on a swarm manager. */
export async function readSwarm(conn: EngineConnection): Promise<RawSwarm> {
  const [nodes, services, tasks] = await Promise.all([
    conn.call('GET /nodes', (d, signal) => d.listNodes({ abortSignal: signal })),
    conn.call('GET /services', (d, signal) => d.listServices({ abortSignal: signal })),
    conn.call('GET /tasks', (d, signal) => d.listTasks({ abortSignal: signal })),
  ]);
  return { nodes, services, tasks };
}

/** GET /containers/{id}/json; null when the engine has no such container (any more). */
export async function readContainer(conn: EngineConnection, id: string): Promise<RawContainer | null> {
  try {
    const c = await conn.call(`GET /containers/${id.slice(0, 12)}/json`, (d, signal) => inspectContainer(d, id, signal));
    return (await conn.get()).flavor === 'podman' ? withPodmanNetworkMode(c) : c;
  } catch (err) {
    if (err instanceof EngineError && err.kind === 'not-found') return null;
    throw err;
  }
}

/** GET /networks/{id}; null when the engine has no such network (any more). */
export async function readNetwork(conn: EngineConnection, id: string): Promise<RawNetwork | null> {
  try {
    const n = await conn.call(`GET /networks/${id.slice(0, 12)}`, (d, signal) =>
      d.getJson<RawNetwork>(`/networks/${encodeURIComponent(id)}`, signal));
    return (await podmanNetworks(conn, [n]))[0]!;
  } catch (err) {
    if (err instanceof EngineError && err.kind === 'not-found') return null;
    throw err;
  }
}

/** A stand-in from the list row when inspect failed: ids, names, networks, no aliases or links. */
function fromSummary(s: RawContainerSummary): RawContainer {
  return {
    Id: s.Id,
    Name: s.Names?.[0] ?? s.Id.slice(0, 12),
    Config: { Image: s.Image, Labels: s.Labels ?? {} },
    State: { Status: s.State, Running: s.State === 'running' || s.State === 'paused' },
    HostConfig: { NetworkMode: s.HostConfig?.NetworkMode },
    NetworkSettings: { Networks: s.NetworkSettings?.Networks ?? {} },
  };
}

export interface SnapshotResult {
  snapshot: EngineSnapshot;
  engineRequests: number;
}

/**
 * The whole engine, 3 + C requests.
 * @param hold what to keep of each inspect, made as it arrives (so 10,000 whole inspects are never held at once)
 */
export async function readSnapshot(conn: EngineConnection = engineConnection(), hold: (c: RawContainer) => RawContainer = (c) => c): Promise<SnapshotResult> {
  const engine = await conn.get();
  let requests = 0;
  const count = <T,>(p: Promise<T>) => {
    requests++;
    return p;
  };
  // The inspects start once /info, the networks and the list are in, as the benchmark's floor
  // makes them: started with the list alone, they met /info on the engine (Engine 20.10 walks
  // every container for it) and the read took longer, not less (issue 29's benchmark).
  const partial: EngineSnapshot['partial'] = [];
  const inspectedAt: Record<string, number> = {};
  const limit = pLimit(INSPECT_CONCURRENCY);
  const [info, networks, summaries] = await Promise.all([count(readInfo(conn)), count(listNetworks(conn)), count(listContainers(conn))]);
  const swarmRead = isSwarmManager(info) ? readSwarm(conn) : null;
  if (swarmRead) requests += 3;
  const [inspected, swarm] = await Promise.all([
    Promise.all(summaries.map((s) => limit(async () => {
      try {
        const c = await count(readContainer(conn, s.Id));
        inspectedAt[s.Id] = Date.now();
        return c && hold(c); // null: removed since the list
      } catch (err) {
        if (err instanceof EngineError && err.kind === 'unreachable') {
          limit.clearQueue(); // the engine is gone: ask it nothing more
          throw err;
        }
        partial.push({ id: s.Id, reason: err instanceof Error ? err.message : String(err) });
        inspectedAt[s.Id] = Date.now();
        return fromSummary(s);
      }
    }))),
    swarmRead,
  ]);

  return {
    snapshot: {
      apiVersion: engine.apiVersion,
      info,
      networks,
      containers: inspected.filter((c): c is RawContainer => c !== null),
      inspectedAt,
      partial,
      swarm,
    },
    engineRequests: requests,
  };
}
