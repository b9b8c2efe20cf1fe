/** What a topology store says of itself (GET /api/health, the store's `state` messages). */
import type { HostPaths } from '@/lib/host/links';
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
  lastBatch: null | { events: number; readMs: number; hostMs: number; buildMs: number; totalMs: number; fromEventMs: number };
}

/** The store's counters and last times, as status() shows them. */
export type StoreCounters = Pick<StoreStatus, 'streamDrops' | 'fullReads' | 'lastFullRead' | 'lastEventAt' | 'lastCheckAt' | 'lastBatch'>;

export const newCounters = (): StoreCounters => ({ streamDrops: 0, fullReads: 0, lastFullRead: null, lastEventAt: null, lastCheckAt: null, lastBatch: null });
