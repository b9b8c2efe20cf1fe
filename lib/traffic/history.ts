/**
 * The last 15 minutes of each flow: connections, failing attempts and rate, in 10-second
 * buckets (the most seen in a bucket; the rate's mean). Bounded: 90 buckets per flow in one
 * typed array, at most MAX_FLOWS flows (the longest unseen go first), and a flow unseen for
 * 15 minutes is forgotten. Pure (the caller passes the time).
 */
import type { FlowHistory } from '@/lib/schemas/traffic';

export const BUCKET_MS = 10_000;
export const SPAN_MS = 15 * 60_000;
const BUCKETS = SPAN_MS / BUCKET_MS;
export const MAX_FLOWS = 10_000;

interface Track {
  /** Per bucket: connections, attempts, rate sum, rate samples (NaN-free; rate samples 0 = no rate). */
  data: Float64Array;
  /** The bucket number (time / BUCKET_MS) of the newest bucket written. */
  last: number;
}

export class FlowHistoryStore {
  private readonly tracks = new Map<string, Track>();

  constructor(private readonly maxFlows = MAX_FLOWS) {}

  get size(): number {
    return this.tracks.size;
  }

  record(id: string, at: number, connections: number, attempts: number, bytesPerSecond: number | null): void {
    const b = Math.floor(at / BUCKET_MS);
    let t = this.tracks.get(id);
    if (!t) {
      if (this.tracks.size >= this.maxFlows) this.evictOldest();
      t = { data: new Float64Array(BUCKETS * 4), last: b };
      this.tracks.set(id, t);
    } else {
      this.tracks.delete(id); // kept in order of last write: the first is the longest unseen
      this.tracks.set(id, t);
    }
    // Clear the buckets skipped since the last write (they are from 15 minutes ago).
    for (let k = Math.min(b - t.last, BUCKETS); k > 0; k--) t.data.fill(0, ((b - k + 1) % BUCKETS) * 4, ((b - k + 1) % BUCKETS) * 4 + 4);
    if (b > t.last) t.last = b;
    const i = (b % BUCKETS) * 4;
    t.data[i] = Math.max(t.data[i]!, connections);
    t.data[i + 1] = Math.max(t.data[i + 1]!, attempts);
    if (bytesPerSecond !== null) {
      t.data[i + 2]! += bytesPerSecond;
      t.data[i + 3]! += 1;
    }
  }

  /** Forgets flows not written to in the last 15 minutes. */
  prune(now: number): void {
    const oldest = Math.floor((now - SPAN_MS) / BUCKET_MS);
    for (const [id, t] of this.tracks) {
      if (t.last >= oldest) break; // in order of last write
      this.tracks.delete(id);
    }
  }

  /** The flow's buckets from 15 minutes ago to now, oldest first (empty buckets as zeros). */
  history(id: string, now: number): FlowHistory | null {
    const t = this.tracks.get(id);
    if (!t) return null;
    const nowB = Math.floor(now / BUCKET_MS);
    const points: FlowHistory['points'] = [];
    for (let b = nowB - BUCKETS + 1; b <= nowB; b++) {
      const fresh = b <= t.last && b > t.last - BUCKETS;
      const i = (((b % BUCKETS) + BUCKETS) % BUCKETS) * 4;
      points.push({
        at: new Date(b * BUCKET_MS).toISOString(),
        connections: fresh ? t.data[i]! : 0,
        attempts: fresh ? t.data[i + 1]! : 0,
        bytesPerSecond: fresh && t.data[i + 3]! > 0 ? t.data[i + 2]! / t.data[i + 3]! : null,
      });
    }
    return { id, bucketMs: BUCKET_MS, points };
  }

  private evictOldest(): void {
    const first = this.tracks.keys().next();
    if (!first.done) this.tracks.delete(first.value);
  }
}
