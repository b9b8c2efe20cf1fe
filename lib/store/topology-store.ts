/**
 * The topology of one engine, held in memory and kept exact by the engine's events.
 *
 * - At start, after a lost event stream and on a slow safety timer: open GET /events first,
 *   then read everything (3 + C requests), so no change can fall between the two.
 * - Then each burst of events costs one request per changed object (lib/store/event-plan) and
 *   a build in proportion to the change (lib/topology/incremental); a removal costs none. A
 *   batch is applied at once (or after COALESCE_MS, where set); what arrives while one is
 *   applied goes in the next, so a burst under load is gathered without a fixed wait.
 * - Every CHECK_MS one GET /containers/json (and GET /info, for a swarm joined or left; a
 *   manager also reads its swarm) compares names, states and networks with what is
 *   held (lib/store/list-check), for the changes the engine does not announce.
 * - current() never answers with a state older than the last event received: it waits for
 *   pending events to be applied, and while the stream is down it re-reads first.
 *
 * This class wires its parts together and keeps the public interface; each part has one job:
 *   ./connection     the event stream, and connecting again with backoff
 *   ./work-queue     work one piece at a time; events not yet applied, and who waits for them
 *   ./reads          what the engine said (./engine-state) and the host's facts (./host-facts), read
 *   ./publisher      versions, patches and subscribers
 */
import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Engine, EngineConnection } from '@/lib/docker/client';
import type { RawContainer, RawNetwork } from '@/lib/docker/engine-types';
import { EngineError } from '@/lib/docker/errors';
import { readContainer } from '@/lib/docker/snapshot';
import type { EngineEvent } from '@/lib/docker/events';
import { DEFAULT_PATHS } from '@/lib/host/links';
import type { Topology } from '@/lib/topology/types';
import { EventStream, Reconnector } from './connection';
import { planEvents, planRefresh } from './event-plan';
import { Publisher, type StoreMessage } from './publisher';
import { Reads } from './reads';
import type { ServedTopology } from './served';
import { newCounters, type StoreOptions, type StoreState, type StoreStatus } from './status';
import { every, EventQueue, inFullReadSlot, SerialWork, within } from './work-queue';

export type { StoreMessage } from './publisher';
export type { StoreOptions, StoreState, StoreStatus } from './status';

export class TopologyStore {
  readonly epoch = randomUUID().slice(0, 8);
  private state: StoreState = 'starting';
  private error: EngineError | null = null;
  private started = false;
  private stopped = false;
  private engine: Engine | null = null;
  /** The flush an event scheduled and that has not run yet. */
  private flushTimer: { cancel(): void } | null = null;
  /** When the oldest event not yet taken by a flush was received (performance.now()). */
  private pendingSince: number | null = null;
  private timers: ReturnType<typeof setInterval>[] = [];

  private readonly reads: Reads;
  private readonly out: Publisher;
  private readonly events = new EventQueue();
  private readonly work = new SerialWork();
  private readonly connection: Reconnector;
  private readonly stream: EventStream;

  private readonly stats = newCounters();

  constructor(readonly conn: EngineConnection, private readonly opts: StoreOptions) {
    this.reads = new Reads(conn, opts.hostLinks, opts.hostPaths ?? DEFAULT_PATHS);
    this.out = new Publisher(this.epoch);
    this.connection = new Reconnector({
      attempt: () => this.work.run(() => this.connect()),
      onUp: () => {
        this.error = null;
        this.setState('live');
      },
      onDown: (err) => {
        this.error = err;
        this.stream.close();
        this.setState('down');
        this.events.rejectWaiters(err);
      },
      stopped: () => this.stopped,
      stoppedError: () => this.error ?? stoppedError(),
    });
    this.stream = new EventStream(conn, { event: (e) => this.onEvent(e), end: (err) => this.lost(err), stopped: () => this.stopped });
  }

  /** Starts following the engine (once); safe to call on every request. */
  start(): this {
    if (this.started || this.stopped) return this;
    this.started = true;
    void this.connection.reconnect().catch(() => { /* state says why; retried with backoff */ });
    const timers = [
      every(this.opts.checkMs ?? 15_000, () => { if (this.state === 'live') void this.check().catch(() => {}); }),
      every(this.opts.resyncMs ?? 600_000, () => { if (this.state === 'live') void this.work.run(() => this.fullRead()).catch((e) => this.lost(e)); }),
    ];
    this.timers = timers.filter((t) => t !== null);
    return this;
  }

  /** Stops following the engine (tests; a server that shuts down). */
  stop(): void {
    this.stopped = true;
    this.stream.close();
    for (const t of this.timers) clearInterval(t);
    this.flushTimer?.cancel();
    this.connection.cancelRetry();
    this.events.rejectWaiters(stoppedError());
  }

  /** The current topology: pending events applied; re-read first if the stream is down. */
  async current(): Promise<Topology> {
    await this.ready();
    return this.out.current()!;
  }

  /** current(), or null if it takes longer than `ms` (the wait goes on for the next caller). */
  currentWithin(ms: number): Promise<Topology | null> {
    return within(this.current(), ms);
  }

  /** The current topology as the API sends it. */
  async currentServed(): Promise<ServedTopology> {
    await this.ready();
    return this.out.currentServed();
  }

  /** The agent container that reads this engine's host (lib/agent), while one runs on a remote engine; else null. */
  agent(): string | null {
    return this.reads.agent();
  }

  /** What the store holds of a container's inspect (lib/store/engine-state heldContainer), as last read. */
  rawContainer(id: string): RawContainer | null {
    return this.reads.held.containers.get(id) ?? null;
  }

  /** The engine's whole inspect of a container, read now (null: no such container). */
  inspectContainer(id: string): Promise<RawContainer | null> {
    return readContainer(this.conn, id);
  }

  /** The engine's own inspect JSON of a network, as last read. */
  rawNetwork(id: string): RawNetwork | null {
    return this.reads.held.networks.get(id) ?? null;
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
    const plan = planRefresh(what);
    await this.work.run(async () => {
      if (what.info) {
        await this.reads.held.rereadInfo('changes');
        plan.readSwarm = true; // joined or left a swarm: no event says so
      }
      await this.reads.apply(plan, 'changes');
      this.publish(false);
    });
    return this.out.current()!;
  }

  subscribe(fn: (m: StoreMessage) => void): () => void {
    return this.out.subscribe(fn);
  }

  status(): StoreStatus {
    return {
      state: this.state,
      endpoint: this.conn.label(),
      epoch: this.epoch,
      version: this.out.version,
      error: this.error ? { kind: this.error.kind, message: this.error.message, hint: this.error.hint } : null,
      eventsReceived: this.events.received,
      eventsApplied: this.events.applied,
      streamDrops: this.stats.streamDrops,
      fullReads: this.stats.fullReads,
      engineRequests: { ...this.reads.held.requests },
      lastFullRead: this.stats.lastFullRead,
      lastEventAt: this.stats.lastEventAt,
      lastCheckAt: this.stats.lastCheckAt,
      lastBatch: this.stats.lastBatch,
    };
  }

  // ---- connection and events --------------------------------------------------------------

  private async ready(): Promise<void> {
    this.start();
    if (this.state !== 'live') await this.connection.reconnect();
    const wait = this.events.waitForReceived();
    if (!wait) return;
    if (this.flushTimer) this.scheduleFlush(); // no need to wait out the coalescing window
    await wait;
  }

  /** Opens the event stream, then reads everything (events from then on are applied after). */
  private async connect(): Promise<void> {
    this.stream.close();
    this.engine = await this.conn.get();
    await this.stream.open();
    // Everything received before this stream opened is covered by the full read below.
    this.events.coverPending();
    this.pendingSince = null;
    await this.fullRead();
  }

  /** The stream is gone or a read failed: say so, then read everything again. */
  private lost(err: unknown): void {
    if (this.stopped) return;
    this.stats.streamDrops++;
    this.stream.close();
    this.error = err instanceof EngineError ? err : null;
    if (this.state === 'live') this.setState('resyncing');
    void this.connection.reconnect().catch(() => {});
  }

  private setState(s: StoreState): void {
    if (this.state === s) return;
    this.state = s;
    this.out.emit({ kind: 'state', status: this.status() });
  }

  private onEvent(e: EngineEvent): void {
    this.events.push(e);
    this.pendingSince ??= performance.now();
    this.stats.lastEventAt = new Date().toISOString();
    this.out.emit({ kind: 'engine-event', event: e });
    if (this.flushTimer) return;
    // At once (after the I/O at hand: events that came in one read go in one batch), or after the window.
    const ms = this.opts.coalesceMs ?? 0;
    if (ms > 0) {
      const t = setTimeout(() => this.scheduleFlush(), ms);
      this.flushTimer = { cancel: () => clearTimeout(t) };
    } else {
      const t = setImmediate(() => this.scheduleFlush());
      this.flushTimer = { cancel: () => clearImmediate(t) };
    }
  }

  private scheduleFlush(): void {
    this.flushTimer?.cancel();
    this.flushTimer = null;
    void this.work.run(() => this.flush()).catch((e) => this.lost(e));
  }

  private async flush(): Promise<void> {
    const events = this.events.take();
    const since = this.pendingSince;
    this.pendingSince = null;
    if (events.length === 0) return;
    const t0 = performance.now();
    let timing: { readMs: number; hostMs: number };
    try {
      timing = await this.reads.apply(planEvents(events), 'events');
    } finally {
      // Applied, or, if a read failed, covered by the full read that follows (see lost()).
      this.events.applied += events.length;
    }
    const buildMs = this.publishTimed(false);
    const end = performance.now();
    this.stats.lastBatch = { events: events.length, ...timing, buildMs, totalMs: Math.round(end - t0), fromEventMs: Math.round(end - (since ?? t0)) };
    this.events.resolveWaiters();
  }

  // ---- reading ----------------------------------------------------------------------------

  private async fullRead(): Promise<void> {
    const { engineRequests, engineMs } = await inFullReadSlot(() => this.reads.engineAll());
    this.stats.fullReads++;
    const read = this.stats.lastFullRead = { at: new Date().toISOString(), ms: engineMs, engineMs, engineRequests, hostMs: null as number | null };
    // Publish the engine's state now; host facts follow in a second version.
    read.ms = engineMs + this.publishTimed(true);
    read.hostMs = await this.reads.hostAll();
    if (read.hostMs !== null) this.publish(false);
    this.events.resolveWaiters();
  }

  /**
   * The list check: two requests, made while events go on being applied; then, in the work
   * queue, a container that differs is inspected again.
   */
  private async check(): Promise<void> {
    const seen = await this.reads.listNow();
    await this.work.run(async () => {
      if (this.state !== 'live') return; // a full read is coming, or was made meanwhile
      const plan = this.reads.planCheck(seen);
      this.stats.lastCheckAt = new Date().toISOString();
      // With nothing to read, the engine's own facts (its swarm role) may still have changed.
      if (plan) await this.reads.apply(plan, 'checks');
      this.publish(false);
    });
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
    const { topology, changes, hostLinks } = this.reads.build(this.engine);
    this.out.publish(topology, {
      readAt: this.stats.lastFullRead?.at ?? new Date().toISOString(),
      engineRequests: this.stats.lastFullRead?.engineRequests ?? 0,
      readMs: this.stats.lastFullRead?.ms ?? 0,
      hostLinks,
      fullReads: this.stats.fullReads,
      eventsApplied: this.events.applied,
    }, force, changes);
  }
}

const stoppedError = () => new EngineError('unreachable', 'Switchyard stopped following this engine');
