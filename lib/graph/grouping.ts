/**
 * What the graph groups containers by: compose project (the default), swarm service or swarm
 * node. A grouping other than by project hands the graph a topology whose containers' group
 * (`composeProject`, which the graph, the folds and the layout group by) is the service or
 * the node instead, as "service: NAME" or "node: HOSTNAME": compose project names have
 * neither spaces nor colons, so the two never meet. The project filter is applied first,
 * on the real projects. Pure.
 */
import type { Topology, TopoSwarm } from '@/lib/topology/types';
import { nodeOfContainer, serviceOfContainer } from '@/lib/topology/swarm';
import { onlyProject } from './filter';

export const GROUPINGS = ['project', 'service', 'node'] as const;
export type Grouping = (typeof GROUPINGS)[number];

export const SERVICE_GROUP = 'service: ';
export const NODE_GROUP = 'node: ';

/** The swarm group a group key names, if it is one. */
export function swarmGroup(key: string): { kind: 'service' | 'node'; name: string } | null {
  if (key.startsWith(SERVICE_GROUP)) return { kind: 'service', name: key.slice(SERVICE_GROUP.length) };
  if (key.startsWith(NODE_GROUP)) return { kind: 'node', name: key.slice(NODE_GROUP.length) };
  return null;
}

/** Each node's name in a group key: its hostname, with its id where two share one. */
export function nodeNames(swarm: Pick<TopoSwarm, 'nodes'>): Map<string, string> {
  const count = new Map<string, number>();
  for (const n of swarm.nodes) count.set(n.hostname, (count.get(n.hostname) ?? 0) + 1);
  return new Map(swarm.nodes.map((n) => [n.id, count.get(n.hostname)! > 1 ? `${n.hostname} (${n.id.slice(0, 6)})` : n.hostname]));
}

/** The topology the graph draws for a grouping (the same object when grouping by project). */
export function regroup(t: Topology, by: Grouping, project: string | null): Topology {
  if (by === 'project' || !t.swarm) return t;
  const { containers, networks } = project ? onlyProject(t.endpoints, t.containers, t.networks, project) : t;
  const names = nodeNames(t.swarm);
  const self = names.get(t.swarm.nodeId) ?? t.engine.name;
  const groupOf = (labels: Readonly<Record<string, string>>): string | null => {
    if (by === 'service') {
      const s = serviceOfContainer(labels);
      return s ? `${SERVICE_GROUP}${s}` : null;
    }
    // A standalone container runs on the node this engine is; a task, on the node it was given.
    const node = nodeOfContainer(labels);
    return `${NODE_GROUP}${(node && names.get(node)) || self}`;
  };
  return {
    ...t,
    networks: networks.map((n) => (n.composeProject ? { ...n, composeProject: null } : n)),
    containers: containers.map((c) => ({ ...c, composeProject: groupOf(c.labels) })),
  };
}
