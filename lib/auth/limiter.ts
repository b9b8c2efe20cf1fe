/**
 * Rate limits on sign-in and token checks: failures are counted per client address in a window
 * (and over all addresses, so changing one's address does not buy more tries); past the limit
 * every attempt from there is answered 429 until the window has moved on, right or wrong,
 * before anything is checked. Kept on globalThis: the proxy and the routes count together.
 *
 * The address is X-Forwarded-For's first hop (lib/auth/gate clientAddress): Next.js sets it from
 * the socket when a request has none, but keeps one a client sent; such a client is counted under
 * the addresses it claims, so the limit over all addresses is what bounds it.
 */
import { settings } from '@/lib/config/env';

export interface Limit {
  /** Failures allowed in a window, per address. */
  perAddress: number;
  /** Failures allowed in a window, over every address. */
  overall: number;
  windowMs: number;
}

/** SWITCHYARD_AUTH_FAILURES a minute per address (default 10), ten times as many over all. */
export const authLimit = (perAddress: number): Limit => ({ perAddress, overall: perAddress * 10, windowMs: 60_000 });

export class Limiter {
  private failures = new Map<string, number[]>();

  constructor(readonly limit: Limit) {}

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => t > now - this.limit.windowMs);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Null if an attempt from this address may be checked now; else the seconds to wait. */
  wait(address: string, now = Date.now()): number | null {
    const mine = this.recent(`a:${address}`, now);
    const all = this.recent('*', now);
    const full = mine.length >= this.limit.perAddress ? mine : all.length >= this.limit.overall ? all : null;
    if (!full) return null;
    return Math.max(1, Math.ceil((full[0]! + this.limit.windowMs - now) / 1000));
  }

  fail(address: string, now = Date.now()): void {
    for (const key of [`a:${address}`, '*']) this.failures.set(key, [...this.recent(key, now), now]);
  }
}

const KEY = Symbol.for('switchyard.auth-limiter');
export function authLimiter(): Limiter {
  const g = globalThis as unknown as Record<symbol, Limiter | undefined>;
  return (g[KEY] ??= new Limiter(authLimit(settings().SWITCHYARD_AUTH_FAILURES)));
}
