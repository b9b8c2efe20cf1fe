/**
 * How much a pass of a large addition takes on. A pass adds nodes, then Cytoscape styles and
 * measures what that touched: the new elements, and their neighbours'
 * (a network node gaining edges re-projects all of its edges, a compose project gaining
 * members restyles them all). That cost per node varies by an order of magnitude with the
 * graph and the machine, so the number of nodes per pass is steered by what the last pass
 * took, towards PASS_BUDGET_MS: well under the 200 ms a task may take, with no more passes
 * (each has a cost of its own) than that needs.
 */
import type { Core } from 'cytoscape';

/** Nodes the first pass of an addition takes. */
export const FIRST_CHUNK = 30;
export const MIN_CHUNK = 10;
export const MAX_CHUNK = 240;
/**
 * What a pass and its styling should take, ms. A pass that V8 interrupts to mark its heap takes
 * 70-90 ms more than its own work: at 45 ms, 1 of 4 traced unfolds of 5,000 containers here
 * had a task over 200 ms (162-230 ms longest); at 30 ms none did (118-170 ms), in no more time.
 */
export const PASS_BUDGET_MS = 30;

/** The next pass's size, from this one's and what it took. Changes at most twofold a pass. */
export function nextChunk(chunk: number, spentMs: number): number {
  const factor = spentMs > 0 ? Math.min(2, Math.max(0.5, PASS_BUDGET_MS / spentMs)) : 2;
  return Math.round(Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, chunk * factor)));
}

/** A clock started now: the ms since, when called. */
export function passTimer(): () => number {
  const t = performance.now();
  return () => performance.now() - t;
}

/**
 * Styles and measures now whatever Cytoscape would before its next frame (its queue of
 * elements whose style or bounds changed): the work then lands in the caller's task, where it
 * is timed, not in a frame. Without that hook (another renderer), the added elements' box
 * does most of it.
 */
export function flushStyles(cy: Core, added: { boundingBox(): unknown }): void {
  const r = (cy as unknown as { renderer(): { flushRenderedStyleQueue?: () => void } }).renderer();
  if (typeof r?.flushRenderedStyleQueue === 'function') r.flushRenderedStyleQueue();
  else added.boundingBox();
}
