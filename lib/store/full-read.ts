/**
 * Reading the whole engine and host at once: snapshot + host links -> buildTopology. The
 * store does this at start and after a lost event stream; tests call readTopologyNow to
 * compare the store with a fresh read.
 */
import 'server-only';
import type { Engine, EngineConnection } from '@/lib/docker/client';
import { isLocalEndpoint } from '@/lib/docker/endpoint';
import type { EngineSnapshot, RawContainer } from '@/lib/docker/engine-types';
import { settings } from '@/lib/config/env';
import { readSnapshot } from '@/lib/docker/snapshot';
import { DEFAULT_PATHS, readHostLinks, type HostLinks, type HostPaths } from '@/lib/host/links';
import { buildTopology, sortWarnings } from '@/lib/topology/build';
import { bridgeName } from '@/lib/topology/networks';
import type { Topology, TopoWarning } from '@/lib/topology/types';

export const HOST_LINKS_OFF_REASON = 'host interfaces were not read (SWITCHYARD_HOST_LINKS=off): no bridge or veth facts';


/** Said once per topology when host facts are matched against an engine on another machine. */
export function remoteEngineWarning(engine: Pick<Engine, 'endpoint'>, links: HostLinks | null): TopoWarning | null {
  if (isLocalEndpoint(engine.endpoint) || !links) return null;
  return {
    code: 'remote_engine',
    message: `the engine is reached over ${engine.endpoint.kind}: veth facts are shown only where this machine's interfaces match the engine's MAC addresses and bridges`,
  };
}

/** The running containers' pids and the networks' bridges: what the host read needs. */
export function hostTargets(snapshot: Pick<EngineSnapshot, 'containers' | 'networks'>) {
  const targets: { id: string; pid: number }[] = [];
  for (const c of snapshot.containers) {
    const pid = runningPid(c);
    if (pid !== null) targets.push({ id: c.Id, pid });
  }
  return {
    targets,
    bridges: snapshot.networks.map((n) => bridgeName(n)).filter((b): b is string => b !== null),
  };
}

/** A container's pid while it runs, else null: the containers whose interfaces are read. */
export function runningPid(c: RawContainer | undefined): number | null {
  const pid = c?.State?.Running ? c.State.Pid ?? 0 : 0;
  return pid > 0 ? pid : null;
}

/** Builds a topology and adds the remote-engine warning where it applies. */
export function buildWithHost(engine: Pick<Engine, 'endpoint'>, snapshot: EngineSnapshot, links: HostLinks | null): Topology {
  const topology = buildTopology(snapshot, { links, unavailableReason: HOST_LINKS_OFF_REASON });
  const remote = remoteEngineWarning(engine, links);
  if (remote) topology.warnings = sortWarnings([...topology.warnings, remote]);
  return topology;
}

/** A fresh read of everything, not kept anywhere (no meta). */
export async function readTopologyNow(conn: EngineConnection, paths: HostPaths = DEFAULT_PATHS): Promise<Topology> {
  const engine = await conn.get();
  const { snapshot } = await readSnapshot(conn);
  const { targets, bridges } = hostTargets(snapshot);
  const links = settings().SWITCHYARD_HOST_LINKS ? await readHostLinks(targets, bridges, paths) : null;
  return buildWithHost(engine, snapshot, links);
}
