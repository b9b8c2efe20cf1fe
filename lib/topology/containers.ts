/** Engine container -> TopoContainer. Pure. */
import type { RawContainer, RawPortBinding } from '@/lib/docker/engine-types';
import { containerStatus, engineTime } from './status';
import type { TopoContainer, TopoLink, TopoPort } from './types';

export type ContainerFields = Pick<RawContainer, 'Id' | 'Name'> &
  Partial<Pick<RawContainer, 'Config' | 'Image' | 'State' | 'HostConfig' | 'NetworkSettings'>>;

/** What resolves a container reference (a name, id or id prefix) to an id. */
export interface ContainerResolver {
  resolve(ref: string): string | null;
}

/** Finds containers the way the engine does: full id, name, or unique id prefix. */
export class ContainerIndex implements ContainerResolver {
  private readonly byName = new Map<string, string>();
  private readonly ids: string[];
  constructor(containers: readonly Pick<RawContainer, 'Id' | 'Name'>[]) {
    this.ids = containers.map((c) => c.Id);
    for (const c of containers) this.byName.set(stripSlash(c.Name), c.Id);
  }
  resolve(ref: string): string | null {
    const r = stripSlash(ref);
    if (this.byName.has(r)) return this.byName.get(r)!;
    if (/^[0-9a-f]{1,64}$/.test(r)) {
      const hits = this.ids.filter((id) => id.startsWith(r));
      if (hits.length === 1) return hits[0]!;
    }
    return null;
  }
}

export function stripSlash(name: string): string {
  return name.startsWith('/') ? name.slice(1) : name;
}

/** "default" is what Engine 20.10 records for the default bridge. */
export function normalizeNetworkMode(mode: string | undefined, index: ContainerResolver, networkNameById: ReadonlyMap<string, string>): { networkMode: string; sharesNetworkWith: string | null } {
  const m = mode && mode !== 'default' ? mode : 'bridge';
  if (m.startsWith('container:')) {
    const id = index.resolve(m.slice('container:'.length));
    return { networkMode: id ? `container:${id}` : m, sharesNetworkWith: id };
  }
  return { networkMode: networkNameById.get(m) ?? m, sharesNetworkWith: null };
}

function parsePorts(ports: Record<string, RawPortBinding[] | null> | null | undefined): TopoPort[] {
  const out: TopoPort[] = [];
  for (const [key, bindings] of Object.entries(ports ?? {})) {
    if (!bindings) continue; // exposed, not published
    const [port, protocol = 'tcp'] = key.split('/');
    for (const b of bindings) {
      const hostPort = b.HostPort ? Number(b.HostPort) : null;
      out.push({ containerPort: Number(port), protocol, hostIp: b.HostIp || '0.0.0.0', hostPort: Number.isFinite(hostPort) ? hostPort : null });
    }
  }
  return out.sort((a, b) => a.containerPort - b.containerPort || a.protocol.localeCompare(b.protocol) || a.hostIp.localeCompare(b.hostIp));
}

/**
 * Published ports: what the engine bound for a running container, else what is configured
 * (so a stopped container still shows what it would publish).
 */
export function publishedPorts(c: Pick<ContainerFields, 'State' | 'NetworkSettings' | 'HostConfig'>): TopoPort[] {
  const live = parsePorts(c.NetworkSettings?.Ports);
  if (live.length > 0 || c.State?.Running) return live;
  return parsePorts(c.HostConfig?.PortBindings);
}

/** Config.ExposedPorts ("6379/tcp": {}), sorted. */
export function exposedPorts(c: Pick<ContainerFields, 'Config'>): { port: number; protocol: string }[] {
  return Object.keys(c.Config?.ExposedPorts ?? {})
    .map((k) => {
      const [port, protocol = 'tcp'] = k.split('/');
      return { port: Number(port), protocol };
    })
    .filter((p) => Number.isInteger(p.port) && p.port > 0)
    .sort((a, b) => a.port - b.port || (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0));
}

/**
 * Legacy links. Default-bridge links are in HostConfig.Links as "/target:/self/alias";
 * links on user-defined networks are in each endpoint's Links as "target:alias".
 */
export function legacyLinks(c: Pick<ContainerFields, 'HostConfig' | 'NetworkSettings'>, index: ContainerResolver): TopoLink[] {
  const out: TopoLink[] = [];
  const add = (target: string, alias: string) => {
    const containerName = stripSlash(target);
    if (!out.some((l) => l.containerName === containerName && l.alias === alias)) {
      out.push({ containerId: index.resolve(containerName), containerName, alias });
    }
  };
  for (const l of c.HostConfig?.Links ?? []) {
    const [target, self] = l.split(':');
    if (target && self) add(target, self.slice(self.lastIndexOf('/') + 1));
  }
  for (const s of Object.values(c.NetworkSettings?.Networks ?? {})) {
    for (const l of s.Links ?? []) {
      const [target, alias] = l.split(':');
      if (target) add(target, alias || stripSlash(target));
    }
  }
  return out.sort((a, b) => a.containerName.localeCompare(b.containerName) || a.alias.localeCompare(b.alias));
}

/** @param inspectedAt when `c` was read (ms since the epoch): the status line is made for then. */
export function toContainer(c: ContainerFields, inspectedAt: number, index: ContainerResolver, networkNameById: ReadonlyMap<string, string>): TopoContainer {
  const labels = { ...(c.Config?.Labels ?? {}) };
  const state = c.State?.Status ?? 'unknown';
  const startedAt = engineTime(c.State?.StartedAt);
  const times = {
    state,
    startedAt,
    finishedAt: engineTime(c.State?.FinishedAt),
    exitCode: startedAt && typeof c.State?.ExitCode === 'number' ? c.State.ExitCode : null,
    health: c.State?.Health?.Status || null,
  };
  return {
    id: c.Id,
    name: stripSlash(c.Name),
    image: c.Config?.Image ?? c.Image ?? '',
    state,
    status: containerStatus(times, inspectedAt),
    ...normalizeNetworkMode(c.HostConfig?.NetworkMode, index, networkNameById),
    composeProject: labels['com.docker.compose.project'] ?? null,
    composeService: labels['com.docker.compose.service'] ?? null,
    ports: publishedPorts(c),
    exposedPorts: exposedPorts(c),
    links: legacyLinks(c, index),
    labels,
    pid: c.State?.Running ? c.State.Pid ?? 0 : 0,
    startedAt: times.startedAt,
    finishedAt: times.finishedAt,
    exitCode: times.exitCode,
    health: times.health,
  };
}
