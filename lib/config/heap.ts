/**
 * How far V8 lets the server's heap grow past what it holds before collecting it again.
 * After each full collection V8 sets the next limit at the live size times a factor it picks
 * from its own speeds (between 1.1 and 4): seen here about 1.7 at 10,000 containers, so a heap
 * holding 76 MB kept 115-120 MB of old space, and the server's RSS 280-295 MB. A fixed factor of
 * 1.3 (what V8 itself uses when it reduces memory) kept 86 MB and 252-261 MB, with the same
 * event -> patch times (docs/benchmarks.md, issue 29). The setting is read at every collection,
 * so setting it once the server runs is enough (`--heap-growing-percent` is not among the
 * options NODE_OPTIONS may carry).
 */
import { setFlagsFromString } from 'node:v8';

/** The V8 flag for a growth percentage, or null for V8's own choice (0). */
export function heapGrowthFlag(percent: number): string | null {
  return percent > 0 ? `--heap-growing-percent=${percent}` : null;
}

/** Applies it to this process (once, at server start: instrumentation.ts). */
export function applyHeapGrowth(percent: number): void {
  const flag = heapGrowthFlag(percent);
  if (flag) setFlagsFromString(flag);
}
