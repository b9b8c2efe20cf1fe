/**
 * The store's connection to its engine: the event stream (one open at a time; what a closed
 * or replaced stream says is ignored), and connecting again after a failure: one attempt at a
 * time, shared by every caller who asks meanwhile; after a failed one, the next by itself
 * after a growing wait (lib/config/backoff: Switchyard's one reconnect policy, the page's too),
 * or at once when a caller asks.
 */
import { backoffMs } from '@/lib/config/backoff';
import type { EngineConnection } from '@/lib/docker/client';
import { EngineError } from '@/lib/docker/errors';
import { followEngineEvents, type EngineEvent } from '@/lib/docker/events';
import { SUBSCRIBED_ACTIONS, SUBSCRIBED_TYPES } from './event-plan';

export interface ReconnectHooks {
  /** One attempt: connect and read everything. */
  attempt(): Promise<void>;
  /** The attempt succeeded. */
  onUp(): void;
  /** The attempt failed, with the error as the store says it. */
  onDown(err: EngineError): void;
  /** Whether the store has stopped (no attempt, no retry). */
  stopped(): boolean;
  /** The error a stopped store answers with. */
  stoppedError(): EngineError;
}

export function asEngineError(err: unknown): EngineError {
  return err instanceof EngineError ? err : new EngineError('engine', err instanceof Error ? err.message : String(err));
}

export class Reconnector {
  private connecting: Promise<void> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;

  constructor(private readonly hooks: ReconnectHooks) {}

  /** One attempt at (re)connecting, shared by everyone who asks meanwhile. */
  reconnect(): Promise<void> {
    const h = this.hooks;
    if (h.stopped()) return Promise.reject(h.stoppedError());
    if (this.connecting) return this.connecting;
    this.cancelRetry();
    const attempt = h.attempt().then(() => {
      this.failures = 0;
      h.onUp();
    }, (err: unknown) => {
      const e = asEngineError(err);
      h.onDown(e);
      if (!h.stopped()) {
        const wait = backoffMs(this.failures++);
        this.retryTimer = setTimeout(() => { this.retryTimer = null; void this.reconnect().catch(() => {}); }, wait);
        this.retryTimer.unref?.();
      }
      throw e;
    }).finally(() => {
      this.connecting = null;
    });
    this.connecting = attempt;
    return attempt;
  }

  cancelRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}

export interface StreamHooks {
  event(e: EngineEvent): void;
  /** The open stream ended by itself (not closed by the store). */
  end(err: Error): void;
  stopped(): boolean;
}

/** GET /events, for the event types the store follows. */
export class EventStream {
  private abort: AbortController | null = null;

  constructor(private readonly conn: EngineConnection, private readonly on: StreamHooks) {}

  /** Opens a new stream (closing the last); resolves once the engine has answered. */
  async open(): Promise<void> {
    this.close();
    const abort = new AbortController();
    this.abort = abort;
    await followEngineEvents(abort.signal, (e) => {
      if (abort === this.abort) this.on.event(e);
    }, (err) => {
      if (abort !== this.abort || abort.signal.aborted || this.on.stopped()) return;
      this.on.end(err ?? new EngineError('unreachable', `the engine at ${this.conn.label()} closed its event stream`));
    }, { conn: this.conn, actions: SUBSCRIBED_ACTIONS, types: SUBSCRIBED_TYPES });
  }

  close(): void {
    this.abort?.abort();
    this.abort = null;
  }
}
