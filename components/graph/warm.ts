/**
 * Cytoscape's rendered styles (edge endpoints and control points, label boxes) and each
 * element's bounding box brought up to date a slice at a time, once a large graph has settled.
 *
 * Cytoscape computes them lazily: in its next frame, or in the first hit test of the pointer.
 * While the overview is on screen (./overview) Cytoscape draws no frame, so after "Unfold all"
 * of 5,000 containers the first press of the mouse on the graph recomputed all 11,000
 * elements' in one task: 630 ms, with the z-order of every element sorted as well. Done here
 * in slices of about SLICE_MS, each a task of its own, the press finds them computed.
 */
import type { Core } from 'cytoscape';

/** What a slice should take, ms. */
export const SLICE_MS = 25;
/** Elements taken between two looks at the clock. */
const STEP = 64;

interface Renderer { getCachedZSortedEles?: () => unknown }
/** Cytoscape has it on collections; its typings leave it out. */
interface Recalculable { recalculateRenderedStyle(useCache?: boolean): unknown }

/** Starts warming `cy`'s rendered styles; the function returned stops it. */
export function warmRenderedStyles(cy: Core): () => void {
  const eles = cy.elements();
  let i = 0;
  let sorted = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const slice = () => {
    timer = null;
    if (cy.destroyed()) return;
    const t = performance.now();
    if (!sorted) {
      // The z-order of every element (the hit test walks it): one sort, a slice of its own.
      sorted = true;
      (cy as unknown as { renderer(): Renderer }).renderer().getCachedZSortedEles?.();
    } else {
      while (i < eles.length && performance.now() - t < SLICE_MS) {
        // Elements removed since are skipped by Cytoscape; clean ones cost a flag check.
        const part = eles.slice(i, i + STEP);
        (part as unknown as Recalculable).recalculateRenderedStyle();
        part.boundingBox(); // and each element's box, which the hit test reads

        i += STEP;
      }
    }
    if (i < eles.length) timer = setTimeout(slice, 0);
  };
  timer = setTimeout(slice, 0);
  return () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
}
