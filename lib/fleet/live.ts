/**
 * The fleet, kept current: one topology merged from every engine's store (./merge), with
 * versions and patches of its own (the store's Publisher), so the fleet page follows it as an
 * engine's page follows its store: GET /api/fleet/topology, then /api/fleet/events.
 *
 * It follows each engine's store (a patch or a change of state marks the fleet stale) and
 * merges again at most once per MERGE_MS, asking each store for its topology bounded in time,
 * as the engines overview does: an engine that is slow, down or flapping is named in the
 * fleet's warnings and holds up nobody. A read (current()) merges first when anything changed,
 * so a page that reads after a change it made sees it.
 */
import 'server-only';
import { randomUUID } from 'node:crypto';
import { toApiError } from '@/lib/api/errors';
import { describeEndpoint } from '@/lib/docker/endpoint';
import { catalog } from '@/lib/engines/catalog';
import type { EngineSpec } from '@/lib/engines/contexts';
import { topologyStore } from '@/lib/engines/registry';
import { Publisher, type StoreMessage } from '@/lib/store/publisher';
import type { ServedTopology } from '@/lib/store/served';
import type { Topology } from '@/lib/topology/types';
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

  /** Merges when stale; one merge at a time (a change during one makes another). */
  private async fresh(): Promise<void> {
    this.follow();
    while (this.stale || this.merging) {
      if (!this.merging) this.merging = this.merge().finally(() => { this.merging = null; });
      await this.merging;
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
      const unfollow = topologyStore(s.name).subscribe((m) => {
        if (m.kind === 'engine-event') return;
        this.changed();
      });
      this.members.set(s.name, { unfollow, endpoint: endpointOf(s) });
      this.stale = true;
    }
  }

  private changed(): void {
    this.stale = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.fresh().catch((err) => console.error('[switchyard] fleet merge failed', err));
    }, MERGE_MS);
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
    const metas = members.map((m) => m.topology?.meta).filter((m) => !!m);
    this.out.publish(fleet.topology, {
      readAt: new Date().toISOString(),
      engineRequests: 0,
      readMs: Math.round(performance.now() - t0),
      hostLinks: metas.length && metas.every((m) => m.hostLinks === 'read') ? 'read' : metas.some((m) => m.hostLinks === 'pending') ? 'pending' : 'unavailable',
      fullReads: metas.reduce((s, m) => s + (m.fullReads ?? 0), 0),
      eventsApplied: metas.reduce((s, m) => s + (m.eventsApplied ?? 0), 0),
    }, false);
  }
}

function endpointOf(s: EngineSpec): string {
  return s.endpoint instanceof Error ? `invalid:${s.endpoint.message}` : describeEndpoint(s.endpoint);
}

const KEY = Symbol.for('switchyard.fleet');

/** The server's one fleet (kept on globalThis, as the stores are). */
export function fleetLive(): FleetLive {
  const g = globalThis as unknown as Record<symbol, FleetLive | undefined>;
  return (g[KEY] ??= new FleetLive());
}
