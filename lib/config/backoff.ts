/**
 * Switchyard's one reconnect policy, for every stream it follows: the server's store following
 * an engine's events (lib/store/connection), the page following the server's (lib/hooks/
 * use-engine-events), and what /api/events tells any other EventSource client (`retry:`, the
 * first wait). After a failed attempt, wait 1, 2, 4, 8, then every 10 s; a success starts over.
 * docs/architecture.md describes it.
 */
export const BACKOFF_MS: readonly number[] = [1_000, 2_000, 4_000, 8_000, 10_000];

/** The wait after the `failures`-th failed attempt in a row (0: the first). */
export function backoffMs(failures: number): number {
  return BACKOFF_MS[Math.min(Math.max(0, failures), BACKOFF_MS.length - 1)]!;
}
