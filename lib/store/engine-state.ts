/**
 * What the engine said, by id, as the store holds it, and the reads that keep it exact: the
 * full read, the list check (for the changes the engine does not announce) and a plan's
 * inspects (lib/store/event-plan). Every engine request is counted by its cause.
 */
import 'server-only';
import pLimit from 'p-limit';
import type { EngineConnection } from '@/lib/docker/client';
import type { EngineSnapshot, RawContainer, RawInfo, RawNetwork, RawSwarm } from '@/lib/docker/engine-types';
import { INSPECT_CONCURRENCY, isSwarmManager, listContainersAs, readContainer, readInfo, readNetwork, readSnapshot, readSwarm } from '@/lib/docker/snapshot';
import { emptyPlan, type EventPlan } from './event-plan';
import { containersToRecheck, listedRow, type ListedRow } from './list-check';

/** Why the store asked the engine: its counters (GET /api/health shows them). */
export type Cause = 'fullReads' | 'events' | 'checks' | 'changes';

/**
 * What the store holds of a container's inspect: the fields the topology, the list check and the
 * activity journal read, not the rest (paths, GraphDriver, the full HostConfig and Config: most
 * of an inspect's size). At 10,000 containers that is tens of MB of the server's memory. The
 * engine's whole answer is read again when one is asked for (GET /api/containers/{id}).
 */
export function heldContainer(c: RawContainer): RawContainer {
  return {
    Id: c.Id,
    Name: c.Name,
    Created: c.Created,
    Image: c.Image,
    // A health check's last five outputs (up to 4 kB each) are not held: only its status is read.
    State: c.State && (c.State.Health ? { ...c.State, Health: { Status: c.State.Health.Status } } : c.State),
    Config: c.Config && { Image: c.Config.Image, Labels: c.Config.Labels, Hostname: c.Config.Hostname, ExposedPorts: c.Config.ExposedPorts },
    HostConfig: c.HostConfig && { NetworkMode: c.HostConfig.NetworkMode, Links: c.HostConfig.Links, PortBindings: c.HostConfig.PortBindings },
    NetworkSettings: c.NetworkSettings && { Networks: c.NetworkSettings.Networks, Ports: c.NetworkSettings.Ports },
  };
}

/** What the list check read. */
export interface ListSeen {
  list: ListedRow[];
  info: RawInfo;
}

const isTask = (c: RawContainer | undefined) => !!c?.Config?.Labels?.['com.docker.swarm.task.id'];

export class EngineState {
  info: RawInfo = {};
  /** The swarm's nodes, services and tasks, while the engine is a swarm manager. */
  swarm: RawSwarm | null = null;
  readonly networks = new Map<string, RawNetwork>();
  readonly containers = new Map<string, RawContainer>();
  /** When each container was inspected, by id; handed to the builder as it is (not copied per build). */
  private inspectedAt: Record<string, number> = {};
  private readonly partial = new Map<string, string>();
  /** Containers read again or dropped since the builder last took them (null: everything, after a full read). */
  private changed: Set<string> | null = null;
  /** Engine requests made, by cause. */
  readonly requests: Record<Cause, number> = { fullReads: 0, events: 0, checks: 0, changes: 0 };

  constructor(private readonly conn: EngineConnection, private readonly onDrop: (containerId: string) => void) {}

  /**
   * Reads everything and holds it in place of what was held; the next build looks at every
   * container (`changed` is null). Answers how many requests that took.
   */
  async readAll(): Promise<number> {
    const { snapshot, engineRequests } = await readSnapshot(this.conn, heldContainer);
    this.requests.fullReads += engineRequests;
    this.info = snapshot.info;
    this.swarm = snapshot.swarm ?? null;
    this.networks.clear();
    for (const n of snapshot.networks) this.networks.set(n.Id, n);
    this.containers.clear();
    this.inspectedAt = {};
    for (const c of snapshot.containers) {
      this.containers.set(c.Id, c);
      this.inspectedAt[c.Id] = snapshot.inspectedAt?.[c.Id] ?? Date.now();
    }
    this.partial.clear();
    for (const p of snapshot.partial) this.partial.set(p.id, p.reason);
    this.changed = null;
    return engineRequests;
  }

  /** GET /info again (joining or leaving a swarm sends no event); the swarm follows in the plan. */
  async rereadInfo(cause: Cause): Promise<void> {
    this.info = await readInfo(this.conn);
    this.requests[cause]++;
  }

  /**
   * The list check's reads: one GET /containers/json (and GET /info). Made outside the store's
   * work queue (a list of 10,000 containers takes seconds; events go on being applied meanwhile).
   */
  async listNow(): Promise<ListSeen> {
    const [list, info] = await Promise.all([listContainersAs(this.conn, listedRow), readInfo(this.conn)]);
    this.requests.checks += 2;
    return { list, info };
  }

  /**
   * The plan for what differs from a list (null: nothing to read). The list may be older than
   * what is held: a container that differs for that reason is inspected again, which settles it.
   */
  planCheck({ list, info }: ListSeen): EventPlan | null {
    const swarmChanged = isSwarmManager(info) !== isSwarmManager(this.info);
    this.info = info;
    const plan = emptyPlan();
    for (const id of [...containersToRecheck(list, this.containers), ...this.partial.keys()]) plan.inspectContainers.add(id);
    // Tasks on other nodes change without an event here: a manager reads its swarm at each check.
    plan.readSwarm = isSwarmManager(this.info) || swarmChanged;
    if (plan.inspectContainers.size === 0 && !plan.readSwarm) return null;
    for (const id of plan.inspectContainers) plan.rereadInterfaces.add(id);
    return plan;
  }

  /**
   * Applies a plan's drops and reads (a container found under a name adds its id to
   * rereadInterfaces). Answers the ids of the containers it read or dropped: the only ones whose
   * state, pid or networks can differ from before.
   */
  async apply(plan: EventPlan, cause: Cause): Promise<Set<string>> {
    const touched = new Set<string>(plan.dropContainers);
    // A task's container changing means its task did: read the swarm too (a manager only).
    let readSwarmToo = plan.readSwarm || [...plan.dropContainers].some((id) => isTask(this.containers.get(id)));
    for (const id of plan.dropContainers) this.dropContainer(id);
    for (const id of plan.dropNetworks) this.networks.delete(id);
    const reads: (() => Promise<void>)[] = [
      ...[...plan.inspectContainers].map((ref) => async () => {
        const c = await readContainer(this.conn, ref);
        if (isTask(c ?? this.containers.get(ref))) readSwarmToo = true;
        touched.add(c?.Id ?? ref);
        this.changed?.add(c?.Id ?? ref);
        if (c) {
          this.containers.set(c.Id, heldContainer(c));
          this.inspectedAt[c.Id] = Date.now();
          this.partial.delete(c.Id);
          if (ref !== c.Id) plan.rereadInterfaces.add(c.Id);
        } else {
          this.dropContainer(ref); // an id: gone; a name nobody has: nothing to drop
        }
      }),
      ...[...plan.readNetworks].map((ref) => async () => {
        const n = await readNetwork(this.conn, ref);
        if (n) {
          // The list form: members come from container inspects.
          this.networks.set(n.Id, { ...n, Containers: undefined });
        } else {
          this.networks.delete(ref);
        }
      }),
    ];
    this.requests[cause] += reads.length;
    const limit = pLimit(INSPECT_CONCURRENCY);
    await Promise.all(reads.map((r) => limit(r)));
    if (readSwarmToo) {
      this.swarm = isSwarmManager(this.info) ? await readSwarm(this.conn) : null;
      if (this.swarm) this.requests[cause] += 3;
    }
    return touched;
  }

  /** What buildTopology takes, as held now (read it before the next change: its inspectedAt is the held one). */
  snapshot(apiVersion: string): EngineSnapshot {
    return {
      apiVersion,
      info: this.info,
      swarm: this.swarm,
      networks: [...this.networks.values()],
      containers: [...this.containers.values()],
      inspectedAt: this.inspectedAt,
      partial: [...this.partial].map(([id, reason]) => ({ id, reason })),
    };
  }

  /**
   * The containers read again or dropped since the last call, for the builder (lib/topology/
   * incremental BuildHint); null after a full read (or `everything()`): every one may differ.
   */
  takeChanged(): Set<string> | null {
    const c = this.changed;
    this.changed = new Set();
    return c;
  }

  /** The next takeChanged() answers null (a build failed half-way: the next looks at everything). */
  everything(): void {
    this.changed = null;
  }

  private dropContainer(id: string): void {
    this.changed?.add(id);
    this.containers.delete(id);
    delete this.inspectedAt[id];
    this.partial.delete(id);
    this.onDrop(id);
  }
}
