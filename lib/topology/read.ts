/**
 * Reads the live topology: engine snapshot + host links -> buildTopology. The only impure
 * part of lib/topology; routes and the events stream call this.
 */
import 'server-only';
import { getEngine } from '@/lib/docker/client';
import { isLocalEndpoint } from '@/lib/docker/endpoint';
import { readSnapshot } from '@/lib/docker/snapshot';
import type { EngineSnapshot } from '@/lib/docker/engine-types';
import { readHostLinks } from '@/lib/host/links';
import { buildTopology } from './build';
import type { Topology } from './types';

export async function readTopology(): Promise<Topology> {
  return (await readTopologyWithSnapshot()).topology;
}

/** The topology and the raw engine snapshot it was built from (for inspect views). */
export async function readTopologyWithSnapshot(): Promise<{ topology: Topology; snapshot: EngineSnapshot }> {
  const started = performance.now();
  const engine = await getEngine();
  const { snapshot, engineRequests } = await readSnapshot();
  const targets = snapshot.containers
    .filter((c) => c.State?.Running && (c.State.Pid ?? 0) > 0)
    .map((c) => ({ id: c.Id, pid: c.State!.Pid! }));
  // Host facts are read for every engine and kept only where they verify against the
  // engine's MACs and bridges (lib/topology/veth), so a remote engine's pids cannot mislead.
  const links = process.env.SWITCHYARD_HOST_LINKS === 'off' ? null : await readHostLinks(targets);
  const topology = buildTopology(snapshot, {
    links,
    unavailableReason: 'host interfaces were not read (SWITCHYARD_HOST_LINKS=off): no bridge or veth facts',
  });
  if (!isLocalEndpoint(engine.endpoint) && links) {
    topology.warnings.push({
      code: 'remote_engine',
      message: `the engine is reached over ${engine.endpoint.kind}: veth facts are shown only where this machine's interfaces match the engine's MAC addresses and bridges`,
    });
  }
  topology.meta = {
    readAt: new Date().toISOString(),
    engineRequests,
    readMs: Math.round(performance.now() - started),
    hostLinks: links ? 'read' : 'unavailable',
  };
  return { topology, snapshot };
}
