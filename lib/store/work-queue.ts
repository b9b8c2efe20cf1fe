/**
 * The store's two queues. Work: every read and rebuild runs one at a time, in the order asked
 * (reads never interleave). Events: what the engine announced and has not been applied yet,
 * with the callers waiting for everything received before they asked to be applied.
 */
import pLimit, { type LimitFunction } from 'p-limit';
import type { EngineEvent } from '@/lib/docker/events';

/**
 * Full reads under way at once, across every engine of the server: a fleet that starts (or an
 * engine that flaps and is read again and again) takes a few slots, not the whole server, so the
 * other engines' events and the pages' requests go on being answered. A read keeps its slot for
 * at most SLOT_MAX_MS: one that takes longer waits on a slow engine, not on this server's CPU,
 * and must not hold the others up. Shared on globalThis, as the stores are.
 */
export const FULL_READS_AT_ONCE = 4;
const SLOT_MAX_MS = 2_000;

function slots(): LimitFunction {
  const g = globalThis as unknown as Record<symbol, LimitFunction | undefined>;
  return (g[Symbol.for('switchyard.full-read-slots')] ??= pLimit(FULL_READS_AT_ONCE));
}

/** Runs a full read in one of the server's slots (see FULL_READS_AT_ONCE). */
export async function inFullReadSlot<T>(read: () => Promise<T>): Promise<T> {
  let release = () => {};
  const done = new Promise<void>((r) => { release = r; });
  await new Promise<void>((started) => {
    void slots()(() => {
      started();
      let timer: ReturnType<typeof setTimeout> | undefined;
      return Promise.race([done, new Promise<void>((r) => { timer = setTimeout(r, SLOT_MAX_MS); timer.unref?.(); })]).finally(() => clearTimeout(timer));
    });
  });
  try {
    return await read();
  } finally {
    release();
  }
}

/** Runs tasks one at a time, in order; one that fails does not stop the next. */
export class SerialWork {
  private chain: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const p = this.chain.then(task);
    this.chain = p.catch(() => {});
    return p;
  }
}

/** `p`, or null if it takes longer than `ms` (p goes on). */
export function within<T>(p: Promise<T>, ms: number): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([p, new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), ms); })]).finally(() => clearTimeout(timer));
}

/** A timer every `ms` that does not keep the process alive (null for 0: never). */
export function every(ms: number, fn: () => void): ReturnType<typeof setInterval> | null {
  if (!ms) return null;
  const t = setInterval(fn, ms);
  t.unref?.();
  return t;
}

interface Waiter {
  target: number;
  resolve: () => void;
  reject: (e: Error) => void;
}

/** Engine events received and not yet applied, counted, and who waits for them. */
export class EventQueue {
  private pending: EngineEvent[] = [];
  private waiters: Waiter[] = [];
  /** Events received since the store started. */
  received = 0;
  /** Events applied (or covered by a full read) since the store started. */
  applied = 0;

  push(e: EngineEvent): void {
    this.received++;
    this.pending.push(e);
  }

  /** The events to apply now; the queue is empty after. */
  take(): EngineEvent[] {
    const events = this.pending;
    this.pending = [];
    return events;
  }

  /** Everything received so far is covered by a full read about to be made. */
  coverPending(): void {
    this.applied += this.take().length;
  }

  /** Resolves once every event received before the call has been applied (null: nothing to wait for). */
  waitForReceived(): Promise<void> | null {
    const target = this.received;
    if (this.applied >= target) return null;
    return new Promise((resolve, reject) => this.waiters.push({ target, resolve, reject }));
  }

  /** Lets go of every waiter whose events are all applied. */
  resolveWaiters(): void {
    const left: Waiter[] = [];
    for (const w of this.waiters) {
      if (this.applied >= w.target) w.resolve();
      else left.push(w);
    }
    this.waiters = left;
  }

  /** The store cannot answer: every waiter hears why. */
  rejectWaiters(err: Error): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w.reject(err);
  }
}
