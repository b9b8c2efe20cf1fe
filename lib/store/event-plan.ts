/**
 * What a burst of engine events asks of the engine: which containers to inspect again,
 * which networks to read again, what to drop without asking, and whose interfaces to look
 * at again on the host. Pure, so the rules are tested on plain events.
 *
 * Rules (one request per changed object, none for a removal):
 * - container create/start/restart/die/stop/pause/unpause/rename/health_status: inspect it;
 *   start and restart also read its interfaces again (a new pid, new veths);
 * - container destroy: drop it;
 * - network connect/disconnect: inspect the container (its NetworkSettings changed; the
 *   network itself did not), and read its interfaces again if it runs;
 * - network create: read that network; network destroy/remove: drop it;
 * - service or node create/update/remove (a swarm manager's events): read the swarm again
 *   (3 requests); the store does so too when a container that runs a task changes.
 * Engines emit no event for `docker network connect` on a stopped container; the store's
 * periodic list check (one request) finds those.
 */
import type { EngineEvent } from '@/lib/docker/events';

/** The actions the store subscribes to (GET /events filter `event`); nothing else is relevant. */
export const CONTAINER_ACTIONS = ['create', 'start', 'restart', 'die', 'stop', 'pause', 'unpause', 'rename', 'destroy', 'health_status'] as const;
export const NETWORK_ACTIONS = ['create', 'destroy', 'remove', 'connect', 'disconnect'] as const;
export const SWARM_ACTIONS = ['create', 'update', 'remove'] as const;
export const SUBSCRIBED_ACTIONS: readonly string[] = [...new Set<string>([...CONTAINER_ACTIONS, ...NETWORK_ACTIONS, ...SWARM_ACTIONS])];
/** The event types the store follows (GET /events filter `type`). */
export const SUBSCRIBED_TYPES: readonly string[] = ['network', 'container', 'service', 'node'];

export interface EventPlan {
  inspectContainers: Set<string>;
  dropContainers: Set<string>;
  readNetworks: Set<string>;
  dropNetworks: Set<string>;
  /** Containers whose interfaces to read again on the host (if they run after the inspect). */
  rereadInterfaces: Set<string>;
  /** A service or node changed: read the swarm's nodes, services and tasks again. */
  readSwarm: boolean;
}

export function emptyPlan(): EventPlan {
  return { inspectContainers: new Set(), dropContainers: new Set(), readNetworks: new Set(), dropNetworks: new Set(), rereadInterfaces: new Set(), readSwarm: false };
}

/** What refresh() reads: containers (and their interfaces) and networks, by id, id prefix or name. */
export function planRefresh(what: { containers?: readonly string[]; networks?: readonly string[] }): EventPlan {
  const plan = emptyPlan();
  for (const ref of what.containers ?? []) {
    plan.inspectContainers.add(ref);
    plan.rereadInterfaces.add(ref);
  }
  for (const ref of what.networks ?? []) plan.readNetworks.add(ref);
  return plan;
}

/** The plan for events in the order they came; a later event about an object wins. */
export function planEvents(events: readonly Pick<EngineEvent, 'type' | 'action' | 'id' | 'container'>[]): EventPlan {
  const p = emptyPlan();
  const inspect = (id: string) => {
    p.dropContainers.delete(id);
    p.inspectContainers.add(id);
  };
  for (const e of events) {
    if (e.type === 'container') {
      if (e.action === 'destroy') {
        p.inspectContainers.delete(e.id);
        p.rereadInterfaces.delete(e.id);
        p.dropContainers.add(e.id);
      } else if ((CONTAINER_ACTIONS as readonly string[]).includes(e.action)) {
        inspect(e.id);
        if (e.action === 'start' || e.action === 'restart') p.rereadInterfaces.add(e.id);
      }
    } else if (e.type === 'service' || e.type === 'node') {
      p.readSwarm = true;
    } else if (e.type === 'network') {
      if (e.action === 'create') {
        p.dropNetworks.delete(e.id);
        p.readNetworks.add(e.id);
      } else if (e.action === 'destroy' || e.action === 'remove') {
        p.readNetworks.delete(e.id);
        p.dropNetworks.add(e.id);
      } else if ((e.action === 'connect' || e.action === 'disconnect') && e.container) {
        if (!p.dropContainers.has(e.container)) {
          inspect(e.container);
          p.rereadInterfaces.add(e.container);
        }
      }
    }
  }
  return p;
}
