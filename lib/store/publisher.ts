/**
 * The store's output: the topology it serves, its version, and the messages its subscribers
 * hear (a patch per new version, each engine event, each change of state). A rebuild that
 * changes nothing makes no version.
 */
import 'server-only';
import type { EngineEvent } from '@/lib/docker/events';
import { diffTopology, isEmptyChange, type TopologyChanges } from '@/lib/topology/patch';
import type { Topology, TopologyMeta, TopologyPatch } from '@/lib/topology/types';
import { ServedTopology } from './served';
import type { StoreStatus } from './status';

export type StoreMessage =
  | { kind: 'patch'; patch: TopologyPatch }
  | { kind: 'engine-event'; event: EngineEvent }
  | { kind: 'state'; status: StoreStatus };

/** The meta fields the store supplies; version and epoch are the publisher's. */
export type MetaInput = Omit<TopologyMeta, 'version' | 'epoch' | 'updatedAt'>;

export class Publisher {
  private topo: Topology | null = null;
  private served: ServedTopology | null = null;
  version = 0;
  private readonly listeners = new Set<(m: StoreMessage) => void>();

  constructor(readonly epoch: string) {}

  /** The topology last published (null before the first). */
  current(): Topology | null {
    return this.topo;
  }

  /** The current topology as the API sends it (made once per version). */
  currentServed(): ServedTopology {
    this.served ??= new ServedTopology(this.topo!);
    return this.served;
  }

  /**
   * A new version when `next` differs from what is served (or `force`, or the state of the
   * host facts changed), with its patch to subscribers. Answers whether it made one.
   * @param made what changed since the last build, where the caller's builder knows (it must
   *   be the change from the topology served now: every build is published or changed nothing)
   */
  publish(next: Topology, meta: MetaInput, force: boolean, made?: TopologyChanges | null): boolean {
    const prev = this.topo;
    // The builder says what changed since its last build, which is what is served; without it, a diff.
    const changes = prev ? (made ?? diffTopology(prev, next)) : null;
    if (prev && !force && changes && isEmptyChange(changes) && prev.meta?.hostLinks === meta.hostLinks) return false;
    this.version++;
    const full: TopologyMeta = {
      readAt: meta.readAt,
      engineRequests: meta.engineRequests,
      readMs: meta.readMs,
      hostLinks: meta.hostLinks,
      version: this.version,
      epoch: this.epoch,
      updatedAt: new Date().toISOString(),
      fullReads: meta.fullReads,
      eventsApplied: meta.eventsApplied,
    };
    this.topo = { ...next, meta: full };
    this.served = null;
    if (prev?.meta && changes) {
      this.emit({ kind: 'patch', patch: { epoch: this.epoch, from: prev.meta.version, to: this.version, ...changes, meta: full } });
    }
    return true;
  }

  subscribe(fn: (m: StoreMessage) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  emit(m: StoreMessage): void {
    for (const l of this.listeners) {
      try {
        l(m);
      } catch (err) {
        console.error('[switchyard] a store listener failed', err);
      }
    }
  }
}
