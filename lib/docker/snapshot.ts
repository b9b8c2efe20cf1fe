/**
 * Reads one snapshot of the engine: info, networks, containers with their inspect data.
 * 3 + C requests for C containers: GET /info, GET /networks, GET /containers/json?all=1,
 * then GET /containers/{id}/json for each, at most INSPECT_CONCURRENCY at a time. Network
 * members come from the container inspects (which carry aliases, DNS names, static IPs and
 * stopped containers' networks, none of which GET /networks/{id} has), so no network is
 * inspected. One failing container inspect does not fail the snapshot.
 */
import 'server-only';
import type Docker from 'dockerode';
import { engineCall, getEngine } from './client';
import type { EngineSnapshot, RawContainer, RawContainerSummary, RawInfo, RawNetwork } from './engine-types';
import { EngineError } from './errors';

export const INSPECT_CONCURRENCY = 8;

type WithSignal = { abortSignal: AbortSignal };

/** Runs fn over items with at most `limit` in flight; results keep the items' order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export function inspectContainer(docker: Docker, id: string, signal: AbortSignal): Promise<RawContainer> {
  return docker.getContainer(id).inspect({ abortSignal: signal } as WithSignal) as unknown as Promise<RawContainer>;
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

export async function readSnapshot(): Promise<SnapshotResult> {
  const engine = await getEngine();
  let requests = 0;
  const count = <T,>(p: Promise<T>) => {
    requests++;
    return p;
  };
  const [info, networks, summaries] = await Promise.all([
    count(engineCall('GET /info', (d, signal) => (d.info.bind(d) as unknown as (o: WithSignal) => Promise<RawInfo>)({ abortSignal: signal }))),
    count(engineCall('GET /networks', (d, signal) => d.listNetworks({ abortSignal: signal } as WithSignal) as unknown as Promise<RawNetwork[]>)),
    count(engineCall('GET /containers/json', (d, signal) =>
      d.listContainers({ all: true, abortSignal: signal } as { all: boolean } & WithSignal) as unknown as Promise<RawContainerSummary[]>)),
  ]);

  const partial: EngineSnapshot['partial'] = [];
  const inspected = await mapLimit(summaries, INSPECT_CONCURRENCY, async (s) => {
    try {
      return await count(engineCall(`GET /containers/${s.Id.slice(0, 12)}/json`, (d, signal) => inspectContainer(d, s.Id, signal)));
    } catch (err) {
      if (err instanceof EngineError && err.kind === 'unreachable') throw err;
      if (err instanceof EngineError && err.kind === 'not-found') return null; // removed since the list
      partial.push({ id: s.Id, reason: err instanceof Error ? err.message : String(err) });
      return fromSummary(s);
    }
  });

  return {
    snapshot: {
      apiVersion: engine.apiVersion,
      info,
      networks,
      containers: inspected.filter((c): c is RawContainer => c !== null),
      statusText: Object.fromEntries(summaries.map((s) => [s.Id, s.Status ?? ''])),
      partial,
    },
    engineRequests: requests,
  };
}
