/**
 * The fleet, kept current: one topology merged from every engine's store (./merge), with
 * versions and patches of its own (the store's Publisher), so the fleet page follows it as an
 * engine's page follows its store: GET /api/fleet/topology, then /api/fleet/events.
 *
 * It follows each engine's store. An engine's patch is applied to the fleet at once, in
 * proportion to it (./follow: its ids renamed, the lists changed where it changed them); what
 * one patch cannot say alone (the swarm, a swarm network, a rename, an engine going down or
 * coming back) merges every engine again, at most once per MERGE_MS, asking each store for its
 * topology bounded in time as the engines overview does: an engine that is slow, down or
 * flapping is named in the fleet's warnings and holds up nobody. A read (current()) applies
 * what came first, so a page that reads after a change it made sees it.
 */
import 'server-only';
import { randomUUID } from 'node:crypto';
import { toApiError } from '@/lib/api/errors';
import { catalog } from '@/lib/engines/catalog';
import { endpointOf, topologyStore } from '@/lib/engines/registry';
import { Publisher, type MetaInput, type StoreMessage } from '@/lib/store/publisher';
import type { ServedTopology } from '@/lib/store/served';
import type { Topology, TopologyPatch } from '@/lib/topology/types';
import { FleetIndex } from './follow';
import { mergeFleet, type Fleet, type FleetMember } from './merge';

/** How long a merge waits for any one engine (all are asked at once). */
export const MEMBER_WAIT_MS = 600;
/** Changes closer together than this are merged once. */
const MERGE_MS = 20;

interface Member {
  unfollow: () => void;
  endpoint: string;
}

/** An engine the catalog names twice (a docker context and SWITCHYARD_ENGINES on one socket): drawn once. */
interface Alias { name: string; of: string; endpoint: string }

export class FleetLive {
  private readonly out = new Publisher(randomUUID());
  private readonly members = new Map<string, Member>();
  private aliases: Alias[] = [];
  private stale = true;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private merging: Promise<void> | null = null;
  private last: Fleet | null = null;
  private started = 0;
  /** The fleet's lists by id, for changes applied in proportion to them (./follow). */
  private index: FleetIndex | null = null;
  /** Each engine's version that the fleet holds. */
  private readonly held = new Map<string, { epoch: string; version: number }>();
  /** Engines' patches not yet applied, in the order they came. */
  private queue: { engine: string; patch: TopologyPatch }[] = [];
  private meta: MetaInput | null = null;
  /** Whole merges made (the meta's fullReads): after the first, only where a change could not be applied alone. */
  private merges = 0;
  /** States engines announced while a merge was reading them: checked against what it read. */
  private readonly statesDuringMerge = new Map<string, { state: string; epoch: string; version: number }>();

  /** The fleet's topology now (merged again first if anything changed). */
  async current(): Promise<Topology> {
    await this.fresh();
    return this.out.current()!;
  }

  async currentServed(): Promise<ServedTopology> {
    await this.fresh();
    return this.out.currentServed();
  }

  /** The last merge's engines: each with its swarm node ID and whether it was read. */
  async engines(): Promise<Fleet['engines']> {
    await this.fresh();
    return this.last!.engines;
  }

  /** The fleet as a whole never goes down: an engine that does is a warning in it. */
  lastError(): null {
    return null;
  }

  subscribe(fn: (m: StoreMessage) => void): () => void {
    return this.out.subscribe(fn);
  }

  /**
   * Applies the engines' patches, or merges everything again where one cannot be applied alone
   * (or an engine changed state); one merge at a time (a change during one makes another).
   */
  private async fresh(): Promise<void> {
    this.follow();
    while (this.stale || this.merging || this.queue.length) {
      if (!this.stale && !this.merging) {
        this.applyQueued();
        continue;
      }
      if (!this.merging) this.merging = this.merge().finally(() => { this.merging = null; });
      await this.merging;
    }
  }

  /** The queued patches, each as the fleet's change (./follow); the first that cannot be makes the fleet stale. */
  private applyQueued(): void {
    const queue = this.queue;
    this.queue = [];
    for (let i = 0; i < queue.length; i++) {
      const { engine, patch: p } = queue[i]!;
      const held = this.held.get(engine);
      if (held && held.epoch === p.epoch && p.to <= held.version) continue; // in the fleet already
      const t0 = performance.now();
      const c = held && held.epoch === p.epoch && held.version === p.from && this.index && this.meta ? this.index.translate(engine, p) : null;
      if (!c) {
        this.stale = true; // a whole merge reads every engine as it is now: the rest are in it
        return;
      }
      const t = this.index!.apply(c);
      this.held.set(engine, { epoch: p.epoch, version: p.to });
      this.meta = { ...this.meta!, readMs: Math.round((performance.now() - t0) * 10) / 10, eventsApplied: this.meta!.eventsApplied + 1 };
      this.out.publish(t, this.meta, false, c);
    }
  }

  /** Follows every engine of the catalog (read again each time: engines come and go). */
  private follow(): void {
    if (Date.now() - this.started < 1000 && this.members.size) return;
    this.started = Date.now();
    // One engine reached by two names is one engine: the first name (contexts come first) draws it.
    const byEndpoint = new Map<string, string>();
    const aliases: Alias[] = [];
    const specs = catalog().engines.filter((s) => {
      const e = endpointOf(s);
      const first = byEndpoint.get(e);
      if (first === undefined || s.endpoint instanceof Error) {
        byEndpoint.set(e, s.name);
        return true;
      }
      aliases.push({ name: s.name, of: first, endpoint: e });
      return false;
    });
    if (JSON.stringify(aliases) !== JSON.stringify(this.aliases)) {
      this.aliases = aliases;
      this.stale = true;
    }
    for (const [name, m] of this.members) {
      if (specs.some((s) => s.name === name && endpointOf(s) === m.endpoint)) continue;
      m.unfollow();
      this.members.delete(name);
      this.stale = true;
    }
    for (const s of specs) {
      if (this.members.has(s.name)) continue;
      const name = s.name;
      const unfollow = topologyStore(name).subscribe((m) => {
        if (m.kind === 'engine-event') return;
        if (m.kind === 'patch') this.queue.push({ engine: name, patch: m.patch });
        else if (this.merging) this.statesDuringMerge.set(name, m.status); // the merge may have read it already
        else if (!this.holds(name, m.status)) this.stale = true; // down, resyncing, live at another version: read as it is
        this.changed();
      });
      this.members.set(s.name, { unfollow, endpoint: endpointOf(s) });
      this.stale = true;
    }
  }

  /** Whether the fleet holds this engine live at the version its store is at (its `live` after the first merge says no more). */
  private holds(engine: string, status: { state: string; epoch: string; version: number }): boolean {
    const held = this.held.get(engine);
    return status.state === 'live' && !!held && held.epoch === status.epoch && held.version === status.version;
  }

  /** A patch is applied at once; a whole merge waits MERGE_MS for what else comes. */
  private changed(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.fresh().catch((err) => console.error('[switchyard] fleet merge failed', err));
    }, this.stale ? MERGE_MS : 0);
  }

  private async merge(): Promise<void> {
    this.stale = false;
    const t0 = performance.now();
    const members = await Promise.all([...this.members.keys()].map(async (name): Promise<FleetMember> => {
      try {
        const t = await topologyStore(name).currentWithin(MEMBER_WAIT_MS);
        return { name, topology: t, error: t ? null : `did not answer within ${MEMBER_WAIT_MS / 1000} s` };
      } catch (err) {
        return { name, topology: null, error: toApiError(err).message };
      }
    }));
    const notes = this.aliases.map((a) => ({ code: 'engine_alias', message: `${a.name} is ${a.of} (the same endpoint, ${a.endpoint}): drawn once, as ${a.of}` }));
    const fleet = mergeFleet(members, notes);
    this.last = fleet;
    this.index = new FleetIndex(fleet.topology);
    this.held.clear();
    for (const m of members) if (m.topology?.meta) this.held.set(m.name, { epoch: m.topology.meta.epoch, version: m.topology.meta.version });
    const metas = members.map((m) => m.topology?.meta).filter((m) => !!m);
    this.meta = {
      readAt: new Date().toISOString(),
      engineRequests: 0,
      readMs: Math.round(performance.now() - t0),
      hostLinks: metas.length && metas.every((m) => m.hostLinks === 'read') ? 'read' : metas.some((m) => m.hostLinks === 'pending') ? 'pending' : 'unavailable',
      fullReads: ++this.merges,
      eventsApplied: this.meta?.eventsApplied ?? 0,
    };
    this.out.publish(fleet.topology, this.meta, false);
    for (const [name, status] of this.statesDuringMerge) if (!this.holds(name, status)) this.stale = true;
    this.statesDuringMerge.clear();
  }
}

const KEY = Symbol.for('switchyard.fleet');

/** The server's one fleet (kept on globalThis, as the stores are). */
export function fleetLive(): FleetLive {
  const g = globalThis as unknown as Record<symbol, FleetLive | undefined>;
  return (g[KEY] ??= new FleetLive());
}
