/**
 * A swarm manager's nodes, services and tasks -> the topology's `swarm`. Pure.
 *
 * - A service's mode is replicated (with the replicas asked for), global, or a job; its VIPs
 *   are per network (endpoint mode vip), none with dnsrr. Its networks are in
 *   Spec.TaskTemplate.Networks (Spec.Networks before API 1.44, still filled by older engines).
 * - Tasks whose desired state is shutdown or remove are history (`docker service ps` shows
 *   them struck through) and are left out; the rest are sorted by service and slot.
 */
import type { RawInfo, RawService, RawSwarm, RawTask } from '@/lib/docker/engine-types';
import type { TopoService, TopoSwarm, TopoTask } from './types';

const HISTORY = new Set(['shutdown', 'remove', 'orphaned']);

function modeOf(s: RawService): { mode: string; replicas: number | null } {
  const m = s.Spec?.Mode;
  if (m?.Global) return { mode: 'global', replicas: null };
  if (m?.ReplicatedJob) return { mode: 'replicated-job', replicas: null };
  if (m?.GlobalJob) return { mode: 'global-job', replicas: null };
  return { mode: 'replicated', replicas: m?.Replicated?.Replicas ?? 1 };
}

/** Tasks meant to run, as the topology has them. */
export function swarmTasks(tasks: readonly RawTask[], serviceName: (id: string) => string): TopoTask[] {
  return tasks
    .filter((t) => !HISTORY.has(t.DesiredState ?? ''))
    .map((t) => ({
      id: t.ID,
      serviceId: t.ServiceID ?? '',
      serviceName: serviceName(t.ServiceID ?? ''),
      slot: typeof t.Slot === 'number' && t.Slot > 0 ? t.Slot : null,
      nodeId: t.NodeID || null,
      state: t.Status?.State ?? 'unknown',
      desiredState: t.DesiredState ?? 'unknown',
      message: t.Status?.Message ?? '',
      error: t.Status?.Err || null,
      containerId: t.Status?.ContainerStatus?.ContainerID || null,
      addresses: (t.NetworksAttachments ?? []).flatMap((a) => (a.Addresses ?? []).map((address) => ({ networkId: a.Network?.ID ?? '', address }))),
    }))
    .sort((a, b) => (a.serviceName === b.serviceName ? (a.slot ?? 0) - (b.slot ?? 0) || (a.nodeId ?? '').localeCompare(b.nodeId ?? '') || a.id.localeCompare(b.id) : a.serviceName.localeCompare(b.serviceName)));
}

export function buildSwarm(raw: RawSwarm | null | undefined, info: Pick<RawInfo, 'Swarm'>): TopoSwarm | null {
  if (!raw) return null;
  const names = new Map(raw.services.map((s) => [s.ID, s.Spec?.Name ?? s.ID.slice(0, 12)]));
  const tasks = swarmTasks(raw.tasks, (id) => names.get(id) ?? id.slice(0, 12));
  const self = info.Swarm?.NodeID ?? '';
  const services: TopoService[] = raw.services.map((s) => {
    const nets = s.Spec?.TaskTemplate?.Networks ?? s.Spec?.Networks ?? [];
    return {
      id: s.ID,
      name: names.get(s.ID)!,
      stack: s.Spec?.Labels?.['com.docker.stack.namespace'] ?? null,
      ...modeOf(s),
      running: tasks.filter((t) => t.serviceId === s.ID && t.state === 'running').length,
      // The image as asked for, without the digest the manager pins it to.
      image: (s.Spec?.TaskTemplate?.ContainerSpec?.Image ?? '').replace(/@sha256:[0-9a-f]+$/, ''),
      endpointMode: s.Endpoint?.Spec?.Mode ?? s.Spec?.EndpointSpec?.Mode ?? 'vip',
      vips: (s.Endpoint?.VirtualIPs ?? []).filter((v) => v.NetworkID && v.Addr).map((v) => ({ networkId: v.NetworkID!, address: v.Addr! })),
      networks: nets.filter((n) => n.Target).map((n) => ({ networkId: n.Target!, aliases: n.Aliases ?? [] })),
      ports: (s.Endpoint?.Ports ?? []).map((p) => ({ protocol: p.Protocol ?? 'tcp', targetPort: p.TargetPort ?? 0, publishedPort: p.PublishedPort ?? null, publishMode: p.PublishMode ?? 'ingress' })),
    };
  }).sort((a, b) => a.name.localeCompare(b.name));
  const nodes = raw.nodes.map((n) => ({
    id: n.ID,
    hostname: n.Description?.Hostname ?? n.ID.slice(0, 12),
    role: n.Spec?.Role ?? 'worker',
    availability: n.Spec?.Availability ?? 'active',
    state: n.Status?.State ?? 'unknown',
    address: n.Status?.Addr || n.ManagerStatus?.Addr || null,
    leader: n.ManagerStatus?.Leader === true,
    engineVersion: n.Description?.Engine?.EngineVersion ?? null,
    self: n.ID === self,
  })).sort((a, b) => a.hostname.localeCompare(b.hostname) || a.id.localeCompare(b.id));
  return { nodeId: self, nodes, services, tasks };
}

/** The service a container runs a task of (its swarm labels), or null for a standalone container. */
export function serviceOfContainer(labels: Readonly<Record<string, string>>): string | null {
  return labels['com.docker.swarm.service.name'] ?? null;
}

/** The node a container's task was scheduled on (its swarm labels), or null. */
export function nodeOfContainer(labels: Readonly<Record<string, string>>): string | null {
  return labels['com.docker.swarm.node.id'] ?? null;
}
