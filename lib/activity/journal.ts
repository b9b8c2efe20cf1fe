/**
 * One engine's journal: its activity log, fed by the changes made through Switchyard and by
 * the engine's own events (from the topology store's event stream), and told to whoever
 * listens (the page's event stream).
 *
 * Engine events are written once the store has applied them, so that a container's network
 * events can be told apart: `docker network connect|disconnect`, or joining and leaving as it
 * starts and stops (./entry LinkCause).
 *
 * A change made through Switchyard also comes back as an engine event. Those echoes are not
 * written twice: while a change runs, events are held; when it ends, those that match what it
 * did (kind, network id, container id) are dropped, once each, and the rest are written. An
 * echo that arrives after the change ended is dropped for 10 s more.
 */
import 'server-only';
import type { EngineEvent } from '@/lib/docker/events';
import type { TopologyStore } from '@/lib/store/topology-store';
import { configuredNetworks, connectCause, disconnectCause, entryFromEvent, eventKind, type ActivityEntry, type ActivityKind, type EntryInput, type LinkCause } from './entry';
import type { ActivityLog } from './log';

/** An engine event a change is expected to cause. */
export interface Echo {
  kind: ActivityKind;
  /** The event's object: the network's id, or the container's for a container's own events (start, die, destroy). */
  networkId: string;
  containerId?: string;
}

const ECHO_MS = 10_000;

interface Queued {
  e: EngineEvent;
  /** For a connect: whether the container had the network configured before it (null: not known). */
  hadNetwork: boolean | null;
}

export class Journal {
  private running = 0;
  private draining = false;
  private queue: Queued[] = [];
  private readonly names = new Map<string, string>();
  private readonly lastLink = new Map<string, { action: string; at: number }>();
  private expected: (Echo & { until: number })[] = [];
  private readonly listeners = new Set<(e: ActivityEntry) => void>();
  private unfollow: () => void = () => {};
  private store: TopologyStore | null = null;

  constructor(readonly engine: string, readonly log: ActivityLog) {}

  /** Follows a store's engine events (a store made again for a moved context replaces the last). */
  follow(store: TopologyStore): void {
    if (store === this.store) return;
    this.unfollow();
    this.store = store;
    this.unfollow = store.subscribe((m) => {
      if (m.kind === 'engine-event' && eventKind(m.event)) this.onEvent(m.event);
    });
  }

  close(): void {
    this.unfollow();
    this.log.close();
  }

  subscribe(fn: (e: ActivityEntry) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * Runs a change through Switchyard and writes its entry. `run` answers the entry and the
   * events the change is expected to cause; an error it throws (the engine could not be
   * reached) is written as `failed` by `onError`, then thrown on.
   */
  async change<T>(run: () => Promise<{ value: T; entry: EntryInput; echoes: Echo[] }>, onError: (err: unknown) => EntryInput): Promise<{ value: T; entry: ActivityEntry }> {
    this.running++;
    try {
      const r = await run();
      const until = Date.now() + ECHO_MS;
      this.expected.push(...r.echoes.map((e) => ({ ...e, until })));
      const [entry] = this.write([r.entry]);
      return { value: r.value, entry: entry! };
    } catch (err) {
      this.write([onError(err)]);
      throw err;
    } finally {
      if (--this.running === 0) void this.drain();
    }
  }

  /** Writes entries (an undo marks what it undid). */
  write(inputs: EntryInput[]): ActivityEntry[] {
    const written = this.log.appendAll(inputs);
    for (const e of written) this.tell(e);
    return written;
  }

  markUndone(id: number, by: number): ActivityEntry | null {
    this.log.markUndone(id, by);
    return this.log.get(id);
  }

  private tell(e: ActivityEntry): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // a listener's failure is its own
      }
    }
  }

  private onEvent(e: EngineEvent): void {
    if (this.isRepeat(e)) return;
    // Read before the store applies the event: did the container have this network configured?
    let hadNetwork: boolean | null = null;
    if (e.type === 'network' && e.action === 'connect' && e.container) {
      const nets = configuredNetworks(this.store?.rawContainer(e.container) ?? null);
      hadNetwork = nets === null ? null : nets.includes(e.id) || (e.name !== null && nets.includes(e.name));
    }
    this.queue.push({ e, hadNetwork });
    void this.drain();
  }

  /** Writes queued events once the store has applied them (and no change of ours is running). */
  private async drain(): Promise<void> {
    if (this.draining || this.running > 0 || this.queue.length === 0) return;
    this.draining = true;
    try {
      await this.store?.currentWithin(5_000).catch(() => null);
      if (this.running > 0) return;
      const batch = this.queue;
      this.queue = [];
      this.writeEvents(batch);
    } finally {
      this.draining = false;
    }
    if (this.queue.length && this.running === 0) void this.drain();
  }

  private writeEvents(batch: Queued[]): void {
    const now = Date.now();
    this.expected = this.expected.filter((x) => x.until > now);
    const inputs: EntryInput[] = [];
    for (const { e, hadNetwork } of batch) {
      if (this.isEcho(e)) continue;
      let cause: LinkCause = null;
      if (e.type === 'network' && e.action === 'connect') cause = connectCause(hadNetwork);
      if (e.type === 'network' && e.action === 'disconnect' && e.container) {
        const after = configuredNetworks(this.store?.rawContainer(e.container) ?? null);
        cause = disconnectCause(after && { networks: after }, { id: e.id, name: e.name ?? '' });
      }
      const input = entryFromEvent(this.engine, e, {
        container: (id) => this.names.get(id) ?? this.store?.rawContainer(id)?.Name?.replace(/^\//, '') ?? null,
        network: (id) => this.store?.rawNetwork(id)?.Name ?? null,
      }, cause);
      if (input?.container && input.container.name !== input.container.id.slice(0, 12)) this.remember(input.container);
      if (input) inputs.push(input);
    }
    try {
      this.write(inputs);
    } catch (err) {
      console.error(`[switchyard] activity log (${this.engine}): could not write ${inputs.length} engine event(s):`, err);
    }
  }

  /**
   * Engine 20.10 says every disconnect twice, 2 ms apart: the same connect or disconnect of
   * the same pair again within a second, with nothing between, is the same one.
   */
  private isRepeat(e: EngineEvent): boolean {
    if (e.type !== 'network' || (e.action !== 'connect' && e.action !== 'disconnect') || !e.container) return false;
    const key = `${e.id}|${e.container}`;
    const at = e.timeNano ? e.timeNano / 1e6 : e.time * 1000;
    const prev = this.lastLink.get(key);
    this.lastLink.set(key, { action: e.action, at });
    if (this.lastLink.size > 2_000) this.lastLink.delete(this.lastLink.keys().next().value!);
    return prev !== undefined && prev.action === e.action && at - prev.at < 1_000;
  }

  /** Names of containers lately seen, for the network events that come after they are gone. */
  private remember(c: { id: string; name: string }): void {
    this.names.set(c.id, c.name);
    if (this.names.size > 2_000) this.names.delete(this.names.keys().next().value!);
  }

  private isEcho(e: EngineEvent): boolean {
    const kind = eventKind(e);
    const i = this.expected.findIndex((x) => x.kind === kind && x.networkId === e.id && (x.containerId === undefined || x.containerId === e.container));
    if (i < 0) return false;
    this.expected.splice(i, 1);
    return true;
  }
}
