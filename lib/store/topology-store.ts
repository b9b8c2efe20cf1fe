/**
 * The topology of one engine, held in memory and kept exact by the engine's events.
 *
 * - At start, after a lost event stream and on a slow safety timer: open GET /events first,
 *   then read everything (3 + C requests), so no change can fall between the two.
 * - Then each burst of events (coalesced for COALESCE_MS) costs one request per changed
 *   object (lib/store/event-plan) and a rebuild; a removal costs none.
 * - Every CHECK_MS one GET /containers/json (and GET /info, for a swarm joined or left; a
 *   manager also reads its swarm) compares names, states and networks with what is
 *   held (lib/store/list-check), for the changes the engine does not announce.
 * - current() never answers with a state older than the last event received: it waits for
 *   pending events to be applied, and while the stream is down it re-reads first.
 * Host facts (veth, bridges) are cached per container and pid, read again when a container
 * starts or its networks change. Work is serialised: reads never interleave.
 */
import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Engine, EngineConnection } from '@/lib/docker/client';
import type { RawContainer, RawInfo, RawNetwork, RawSwarm } from '@/lib/docker/engine-types';
import { EngineError } from '@/lib/docker/errors';
import { followEngineEvents, type EngineEvent } from '@/lib/docker/events';
import { INSPECT_CONCURRENCY, isSwarmManager, listContainers, readContainer, readInfo, readNetwork, readSnapshot, readSwarm } from '@/lib/docker/snapshot';
import pLimit from 'p-limit';
import { DEFAULT_PATHS, HostInterfaceCache, isProblem, readContainerInterfaces, type ContainerInterface, type HostInterface, type HostLinkProblem, type HostLinks, type HostPaths } from '@/lib/host/links';
import { bridgeName } from '@/lib/topology/networks';
import { diffTopology, isEmptyChange } from '@/lib/topology/patch';
import type { Topology, TopologyMeta, TopologyPatch } from '@/lib/topology/types';
import { emptyPlan, planEvents, SUBSCRIBED_ACTIONS, SUBSCRIBED_TYPES, type EventPlan } from './event-plan';
import { buildWithHost, hostTargets } from './full-read';
import { containersToRecheck } from './list-check';
import { ServedTopology } from './served';

export type StoreState = 'starting' | 'live' | 'resyncing' | 'down';

export interface StoreOptions {
  /** Read veth and bridge facts from /proc and /sys. */
  hostLinks: boolean;
  hostPaths?: HostPaths;
  /** How long to gather a burst of events before reading (ms). */
  coalesceMs?: number;
  /** The list check's period (ms; 0: never). */
  checkMs?: number;
  /** The safety full read's period (ms; 0: never). */
  resyncMs?: number;
}

export interface StoreStatus {
  state: StoreState;
  endpoint: string;
  epoch: string;
  version: number;
  error: { kind: string; message: string; hint: string | null } | null;
  eventsReceived: number;
  eventsApplied: number;
  streamDrops: number;
  fullReads: number;
  /** Engine requests the store made, by cause. */
  engineRequests: { fullReads: number; events: number; checks: number; changes: number };
  /** ms: until the new state was served (engine reads and build); engineMs: the engine reads alone. */
  lastFullRead: null | { at: string; ms: number; engineMs: number; engineRequests: number; hostMs: number | null };
  lastEventAt: string | null;
  lastCheckAt: string | null;
  /** The last burst of events applied: how many, and where its time went (ms). */
  lastBatch: null | { events: number; readMs: number; hostMs: number; buildMs: number; totalMs: number };
}

export type StoreMessage =
  | { kind: 'patch'; patch: TopologyPatch }
  | { kind: 'engine-event'; event: EngineEvent }
  | { kind: 'state'; status: StoreStatus };

const BACKOFF_MS = [1_000, 2_000, 4_000, 8_000, 10_000];
type Cause = 'events' | 'checks' | 'changes';

export class TopologyStore {
  readonly epoch = randomUUID().slice(0, 8);
  private state: StoreState = 'starting';
  private error: EngineError | null = null;
  private started = false;
  private stopped = false;

  // What the engine said, by id.
  private engine: Engine | null = null;
  private info: RawInfo = {};
  /** The swarm's nodes, services and tasks, while the engine is a swarm manager. */
  private swarm: RawSwarm | null = null;
  private readonly networks = new Map<string, RawNetwork>();
  private readonly containers = new Map<string, RawContainer>();
  private readonly inspectedAt = new Map<string, number>();
  private readonly partial = new Map<string, string>();
  // What the host said.
  private hostCache: HostInterfaceCache;
  private hostIfaces: HostInterface[] | HostLinkProblem | null = null;
  private readonly ctrIfaces = new Map<string, { pid: number; read: ContainerInterface[] | HostLinkProblem }>();

  private topo: Topology | null = null;
  private served: ServedTopology | null = null;
  private version = 0;

  // Events and the work queue.
  private pending: EngineEvent[] = [];
  private received = 0;
  private applied = 0;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private waiters: { target: number; resolve: () => void; reject: (e: Error) => void }[] = [];
  private stream: AbortController | null = null;
  private connecting: Promise<void> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private timers: ReturnType<typeof setInterval>[] = [];

  // Counters.
  private readonly requests = { fullReads: 0, events: 0, checks: 0, changes: 0 };
  private fullReads = 0;
  private streamDrops = 0;
  private lastFullRead: StoreStatus['lastFullRead'] = null;
  private lastEventAt: string | null = null;
  private lastCheckAt: string | null = null;
  private lastBatch: StoreStatus['lastBatch'] = null;
  private readonly listeners = new Set<(m: StoreMessage) => void>();

  constructor(readonly conn: EngineConnection, private readonly opts: StoreOptions) {
    this.hostCache = new HostInterfaceCache(opts.hostPaths ?? DEFAULT_PATHS);
  }

  /** Starts following the engine (once); safe to call on every request. */
  start(): this {
    if (this.started || this.stopped) return this;
    this.started = true;
    void this.reconnect().catch(() => { /* state says why; retried with backoff */ });
    const every = (ms: number | undefined, fn: () => void) => {
      if (!ms) return;
      const t = setInterval(fn, ms);
      t.unref?.();
      this.timers.push(t);
    };
    every(this.opts.checkMs ?? 15_000, () => { if (this.state === 'live') void this.run(() => this.check()).catch(() => {}); });
    every(this.opts.resyncMs ?? 600_000, () => { if (this.state === 'live') void this.run(() => this.fullRead()).catch((e) => this.lost(e)); });
    return this;
  }

  /** Stops following the engine (tests; a server that shuts down). */
  stop(): void {
    this.stopped = true;
    this.stream?.abort();
    for (const t of this.timers) clearInterval(t);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.rejectWaiters(new EngineError('unreachable', 'Switchyard stopped following this engine'));
  }

  /** The current topology: pending events applied; re-read first if the stream is down. */
  async current(): Promise<Topology> {
    await this.ready();
    return this.topo!;
  }

  /** current(), or null if it takes longer than `ms` (the wait goes on for the next caller). */
  async currentWithin(ms: number): Promise<Topology | null> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    return Promise.race([
      this.current(),
      new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), ms); }),
    ]).finally(() => clearTimeout(timer));
  }

  /** The current topology as the API sends it. */
  async currentServed(): Promise<ServedTopology> {
    await this.ready();
    this.served ??= new ServedTopology(this.topo!);
    return this.served;
  }

  /** The engine's own inspect JSON of a container, as last read. */
  rawContainer(id: string): RawContainer | null {
    return this.containers.get(id) ?? null;
  }

  /** The engine's own inspect JSON of a network, as last read. */
  rawNetwork(id: string): RawNetwork | null {
    return this.networks.get(id) ?? null;
  }

  /** Why the store is down (or last failed), or null. */
  lastError(): EngineError | null {
    return this.error;
  }

  /** The negotiated engine, once connected. */
  engineInfo(): Engine | null {
    return this.engine;
  }

  /**
   * Reads the given objects again now and answers the topology with the result: before a
   * change Switchyard makes (so its checks see the engine as it is, even if an event is still
   * on its way) and after it (connecting a stopped container emits no event). Refs may be
   * ids, unique id prefixes or names, as the engine takes them.
   */
  async refresh(what: { containers?: string[]; networks?: string[]; info?: boolean }): Promise<Topology> {
    await this.ready();
    const plan = emptyPlan();
    for (const ref of what.containers ?? []) {
      plan.inspectContainers.add(ref);
      plan.rereadInterfaces.add(ref);
    }
    for (const ref of what.networks ?? []) plan.readNetworks.add(ref);
    await this.run(async () => {
      if (what.info) {
        this.info = await readInfo(this.conn);
        this.requests.changes++;
        plan.readSwarm = true; // joined or left a swarm: no event says so
      }
      await this.applyPlan(plan, 'changes');
      this.publish(false);
    });
    return this.topo!;
  }

  subscribe(fn: (m: StoreMessage) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  status(): StoreStatus {
    return {
      state: this.state,
      endpoint: this.conn.label(),
      epoch: this.epoch,
      version: this.version,
      error: this.error ? { kind: this.error.kind, message: this.error.message, hint: this.error.hint } : null,
      eventsReceived: this.received,
      eventsApplied: this.applied,
      streamDrops: this.streamDrops,
      fullReads: this.fullReads,
      engineRequests: { ...this.requests },
      lastFullRead: this.lastFullRead,
      lastEventAt: this.lastEventAt,
      lastCheckAt: this.lastCheckAt,
      lastBatch: this.lastBatch,
    };
  }

  // ---- connection -------------------------------------------------------------------------

  private async ready(): Promise<void> {
    this.start();
    if (this.state !== 'live') await this.reconnect();
    await this.sync();
  }

  /** One attempt at (re)connecting, shared by everyone who asks meanwhile. */
  private reconnect(): Promise<void> {
    if (this.stopped) return Promise.reject(this.error ?? new EngineError('unreachable', 'Switchyard stopped following this engine'));
    if (this.connecting) return this.connecting;
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    const attempt = this.run(() => this.connect()).then(() => {
      this.attempt = 0;
      this.error = null;
      this.setState('live');
    }, (err: unknown) => {
      this.error = err instanceof EngineError ? err : new EngineError('engine', err instanceof Error ? err.message : String(err));
      this.stream?.abort();
      this.setState('down');
      this.rejectWaiters(this.error);
      if (!this.stopped) {
        const wait = BACKOFF_MS[Math.min(this.attempt++, BACKOFF_MS.length - 1)]!;
        this.retryTimer = setTimeout(() => { this.retryTimer = null; void this.reconnect().catch(() => {}); }, wait);
        this.retryTimer.unref?.();
      }
      throw this.error;
    }).finally(() => {
      this.connecting = null;
    });
    this.connecting = attempt;
    return attempt;
  }

  /** Opens the event stream, then reads everything (events from then on are applied after). */
  private async connect(): Promise<void> {
    this.stream?.abort();
    const abort = new AbortController();
    this.stream = abort;
    this.engine = await this.conn.get();
    await followEngineEvents(abort.signal, (e) => this.onEvent(abort, e), (err) => this.onStreamEnd(abort, err), { conn: this.conn, actions: SUBSCRIBED_ACTIONS, types: SUBSCRIBED_TYPES });
    // Everything received before this stream opened is covered by the full read below.
    this.applied += this.pending.length;
    this.pending = [];
    await this.fullRead();
  }

  private onStreamEnd(abort: AbortController, err: Error | null): void {
    if (abort !== this.stream || abort.signal.aborted || this.stopped) return;
    this.lost(err ?? new EngineError('unreachable', `the engine at ${this.conn.label()} closed its event stream`));
  }

  /** The stream is gone or a read failed: say so, then read everything again. */
  private lost(err: unknown): void {
    if (this.stopped) return;
    this.streamDrops++;
    this.stream?.abort();
    this.stream = null;
    this.error = err instanceof EngineError ? err : null;
    if (this.state === 'live') this.setState('resyncing');
    void this.reconnect().catch(() => {});
  }

  private setState(s: StoreState): void {
    if (this.state === s) return;
    this.state = s;
    this.emit({ kind: 'state', status: this.status() });
  }

  // ---- events -----------------------------------------------------------------------------

  private onEvent(abort: AbortController, e: EngineEvent): void {
    if (abort !== this.stream) return;
    this.received++;
    this.lastEventAt = new Date().toISOString();
    this.pending.push(e);
    this.emit({ kind: 'engine-event', event: e });
    this.flushTimer ??= setTimeout(() => this.scheduleFlush(), this.opts.coalesceMs ?? 10);
  }

  private scheduleFlush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    void this.run(() => this.flush()).catch((e) => this.lost(e));
  }

  /** Resolves once every event received before the call has been applied. */
  private sync(): Promise<void> {
    const target = this.received;
    if (this.applied >= target) return Promise.resolve();
    if (this.flushTimer) this.scheduleFlush(); // no need to wait out the coalescing window
    return new Promise((resolve, reject) => this.waiters.push({ target, resolve, reject }));
  }

  private resolveWaiters(): void {
    const left: typeof this.waiters = [];
    for (const w of this.waiters) {
      if (this.applied >= w.target) w.resolve();
      else left.push(w);
    }
    this.waiters = left;
  }

  private rejectWaiters(err: Error): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w.reject(err);
  }

  private async flush(): Promise<void> {
    const events = this.pending;
    this.pending = [];
    if (events.length === 0) return;
    const t0 = performance.now();
    let timing: { readMs: number; hostMs: number };
    try {
      timing = await this.applyPlan(planEvents(events), 'events');
    } finally {
      // Applied, or, if a read failed, covered by the full read that follows (see lost()).
      this.applied += events.length;
    }
    const buildMs = this.publishTimed(false);
    this.lastBatch = { events: events.length, ...timing, buildMs, totalMs: Math.round(performance.now() - t0) };
    this.resolveWaiters();
  }

  /** Runs store work one piece at a time. */
  private run<T>(task: () => Promise<T>): Promise<T> {
    const p = this.chain.then(task);
    this.chain = p.catch(() => {});
    return p;
  }

  // ---- reading ----------------------------------------------------------------------------

  private async fullRead(): Promise<void> {
    const t0 = performance.now();
    const { snapshot, engineRequests } = await readSnapshot(this.conn);
    const engineMs = Math.round(performance.now() - t0);
    this.requests.fullReads += engineRequests;
    this.info = snapshot.info;
    this.swarm = snapshot.swarm ?? null;
    this.networks.clear();
    for (const n of snapshot.networks) this.networks.set(n.Id, n);
    this.containers.clear();
    this.inspectedAt.clear();
    for (const c of snapshot.containers) {
      this.containers.set(c.Id, c);
      this.inspectedAt.set(c.Id, snapshot.inspectedAt?.[c.Id] ?? Date.now());
    }
    this.partial.clear();
    for (const p of snapshot.partial) this.partial.set(p.id, p.reason);
    this.fullReads++;
    this.lastFullRead = { at: new Date().toISOString(), ms: engineMs, engineMs, engineRequests, hostMs: null };
    // Publish the engine's state now; host facts not yet cached follow in a second version.
    this.lastFullRead.ms = Math.round(performance.now() - t0) + this.publishTimed(true);
    if (this.opts.hostLinks) {
      const h0 = performance.now();
      // Interfaces may have changed while nobody watched: read them all, and the host's anew.
      this.hostCache = new HostInterfaceCache(this.opts.hostPaths ?? DEFAULT_PATHS);
      await this.readHost('all');
      this.lastFullRead.hostMs = Math.round(performance.now() - h0);
      this.publish(false);
    }
    this.resolveWaiters();
  }

  /** The list check: one request; a container that differs is inspected again. */
  private async check(): Promise<void> {
    // GET /info too: joining or leaving a swarm sends no event.
    const [list, info] = await Promise.all([listContainers(this.conn), readInfo(this.conn)]);
    this.requests.checks += 2;
    const swarmChanged = isSwarmManager(info) !== isSwarmManager(this.info);
    this.info = info;
    this.lastCheckAt = new Date().toISOString();
    const plan = emptyPlan();
    for (const id of [...containersToRecheck(list, this.containers), ...this.partial.keys()]) plan.inspectContainers.add(id);
    // Tasks on other nodes change without an event here: a manager reads its swarm at each check.
    plan.readSwarm = isSwarmManager(this.info) || swarmChanged;
    if (plan.inspectContainers.size === 0 && !plan.readSwarm) {
      this.publish(false); // the engine's own facts (its swarm role) may have changed
      return;
    }
    for (const id of plan.inspectContainers) plan.rereadInterfaces.add(id);
    await this.applyPlan(plan, 'checks');
    this.publish(false);
  }

  /** Applies a plan; answers how long the engine reads and the host reads took (ms). */
  private async applyPlan(plan: EventPlan, cause: Cause): Promise<{ readMs: number; hostMs: number }> {
    const t0 = performance.now();
    // A task's container changing means its task did: read the swarm too (a manager only).
    const isTask = (c: RawContainer | undefined) => !!c?.Config?.Labels?.['com.docker.swarm.task.id'];
    let readSwarmToo = plan.readSwarm || [...plan.dropContainers].some((id) => isTask(this.containers.get(id)));
    for (const id of plan.dropContainers) this.dropContainer(id);
    for (const id of plan.dropNetworks) this.networks.delete(id);
    const reads: (() => Promise<void>)[] = [
      ...[...plan.inspectContainers].map((ref) => async () => {
        const c = await readContainer(this.conn, ref);
        if (isTask(c ?? this.containers.get(ref))) readSwarmToo = true;
        if (c) {
          this.containers.set(c.Id, c);
          this.inspectedAt.set(c.Id, Date.now());
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
    const t1 = performance.now();
    if (this.opts.hostLinks && (plan.inspectContainers.size || plan.readNetworks.size || plan.dropNetworks.size)) {
      await this.readHost(plan.rereadInterfaces);
    }
    return { readMs: Math.round(t1 - t0), hostMs: Math.round(performance.now() - t1) };
  }

  private dropContainer(id: string): void {
    this.containers.delete(id);
    this.inspectedAt.delete(id);
    this.partial.delete(id);
    this.ctrIfaces.delete(id);
  }

  /**
   * Reads container interfaces where the pid changed or `reread` names the container (or
   * all), drops those of stopped containers, then the host's.
   */
  private async readHost(reread: ReadonlySet<string> | 'all'): Promise<void> {
    const { targets, bridges } = hostTargets({ containers: [...this.containers.values()], networks: [...this.networks.values()] });
    const running = new Set(targets.map((t) => t.id));
    for (const id of this.ctrIfaces.keys()) if (!running.has(id)) this.ctrIfaces.delete(id);
    const todo = reread === 'all' ? targets : targets.filter((t) => this.ctrIfaces.get(t.id)?.pid !== t.pid || reread.has(t.id));
    const paths = this.opts.hostPaths ?? DEFAULT_PATHS;
    const limit = pLimit(16);
    await Promise.all(todo.map((t) => limit(async () => {
      this.ctrIfaces.set(t.id, { pid: t.pid, read: await readContainerInterfaces(t.id, t.pid, paths) });
    })));
    // Only the bridges of the networks these containers are on can have new or lost ports.
    this.hostIfaces = await this.hostCache.read(reread === 'all' ? bridges : this.bridgesOf(todo.map((t) => t.id), reread));
  }

  private bridgesOf(...idSets: Iterable<string>[]): string[] {
    const out = new Set<string>();
    for (const ids of idSets) {
      for (const id of ids) {
        for (const s of Object.values(this.containers.get(id)?.NetworkSettings?.Networks ?? {})) {
          const n = s.NetworkID ? this.networks.get(s.NetworkID) : undefined;
          const b = n ? bridgeName(n) : null;
          if (b) out.add(b);
        }
      }
    }
    return [...out];
  }

  private hostLinks(): HostLinks | null {
    if (!this.opts.hostLinks) return null;
    const h = this.hostIfaces;
    if (h && isProblem(h)) return { hostInterfaces: null, containers: {}, problems: [h] };
    const links: HostLinks = { hostInterfaces: h ?? [], containers: {}, problems: [] };
    for (const [id, { read }] of this.ctrIfaces) {
      if (isProblem(read)) links.problems.push(read);
      else links.containers[id] = read;
    }
    return links;
  }

  // ---- publishing -------------------------------------------------------------------------

  /** publish(), answering how long it took (ms), for the full read's figure. */
  private publishTimed(force: boolean): number {
    const t = performance.now();
    this.publish(force);
    return Math.round(performance.now() - t);
  }

  /** Rebuilds from what is held; a new version when something changed (or `force`). */
  private publish(force: boolean): void {
    if (!this.engine) return;
    const next = buildWithHost(this.engine, {
      apiVersion: this.engine.apiVersion,
      info: this.info,
      swarm: this.swarm,
      networks: [...this.networks.values()],
      containers: [...this.containers.values()],
      inspectedAt: Object.fromEntries(this.inspectedAt),
      partial: [...this.partial].map(([id, reason]) => ({ id, reason })),
    }, this.hostLinks());
    const prev = this.topo;
    const changes = prev ? diffTopology(prev, next) : null;
    const hostLinks = !this.opts.hostLinks ? 'unavailable' : this.hostIfaces === null ? 'pending' : 'read';
    if (prev && !force && changes && isEmptyChange(changes) && prev.meta?.hostLinks === hostLinks) return;
    this.version++;
    const meta: TopologyMeta = {
      readAt: this.lastFullRead?.at ?? new Date().toISOString(),
      engineRequests: this.lastFullRead?.engineRequests ?? 0,
      readMs: this.lastFullRead?.ms ?? 0,
      hostLinks,
      version: this.version,
      epoch: this.epoch,
      updatedAt: new Date().toISOString(),
      fullReads: this.fullReads,
      eventsApplied: this.applied,
    };
    this.topo = { ...next, meta };
    this.served = null;
    if (prev?.meta && changes) {
      this.emit({ kind: 'patch', patch: { epoch: this.epoch, from: prev.meta.version, to: this.version, ...changes, meta } });
    }
  }

  private emit(m: StoreMessage): void {
    for (const l of this.listeners) {
      try {
        l(m);
      } catch (err) {
        console.error('[switchyard] a store listener failed', err);
      }
    }
  }
}
