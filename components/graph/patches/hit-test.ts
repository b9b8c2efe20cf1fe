/**
 * One change to Cytoscape's (3.34) canvas renderer: its hit test, which finds the element under
 * the pointer on every mouse move, press and release, looks only at the elements whose box
 * holds the point.
 *
 * Cytoscape walks every element for each hit test, and for each one reads a dozen style values
 * and asks its bounding box up to three times (each ask builds a memoized function and hashes
 * the element's position). With the host of 5,000 containers unfolded (11,000 elements) one
 * hit test took 55-90 ms, so merely moving the mouse over the graph was a long task per frame.
 *
 * Here the walk first keeps the elements whose bounding box (labels, arrows and overlays
 * included), widened by the largest distance at which Cytoscape still counts a hit, holds the
 * point, in Cytoscape's own z-order, and Cytoscape's own test then runs on those alone. So it
 * answers as before: an element left out could not have been hit. One case reaches past an
 * element's box: in a compound graph an edge near the point lets Cytoscape take its end nodes
 * instead, so every edge of a kept node is kept too.
 *
 * While the overview (../overview) is on screen, it answers instead: what it draws there.
 *
 * The WebGL renderer has a hit test of its own (GPU picking) and is left as it is.
 */
import type { Core } from 'cytoscape';

interface Box { x1: number; y1: number; x2: number; y2: number }
interface Ele {
  boundingBox(): Box;
  isNode(): boolean;
  isEdge(): boolean;
  connectedEdges(): { forEach(fn: (e: Ele) => void): void };
  interactive(): boolean;
}
type Sorted = Ele[] & { interactive: Ele[] };
export interface HitRenderer {
  findNearestElements(x: number, y: number, interactiveOnly: boolean, isTouch: boolean): Ele[];
  getCachedZSortedEles(force?: boolean): Sorted;
  /** Cytoscape's own hit test, kept for comparison (e2e/graph-view.spec.ts). */
  switchyardUnpatchedFind?: HitRenderer['findNearestElements'];
}

/** The widest of Cytoscape's hit distances (an edge's: 8 screen px with a mouse, 24 by touch) and a pixel to spare, in the graph's units. */
const reach = (isTouch: boolean, zoom: number) => ((isTouch ? 24 : 8) + 1) / zoom;

/**
 * Patches the hit test of `cy`'s renderer; true if it is (now or before) patched. `drawnElsewhere`
 * answers instead while something else draws the graph (the overview, ../overview): what is
 * under the pointer is then what that drew, or null to leave it to Cytoscape.
 */
export function patchHitTest(cy: Core, drawnElsewhere?: (x: number, y: number, isTouch: boolean) => unknown[] | null): boolean {
  const r = (cy as unknown as { renderer(): HitRenderer | undefined }).renderer();
  if (!r) return false;
  if (r.switchyardUnpatchedFind) return true;
  // The WebGL renderer's own (picking), or another version of Cytoscape shaped otherwise.
  const own = (name: string) => Object.prototype.hasOwnProperty.call(r, name);
  if (own('findNearestElements') || own('getCachedZSortedEles')) return false;
  const find = r.findNearestElements;
  const sorted = r.getCachedZSortedEles;
  if (typeof find !== 'function' || typeof sorted !== 'function') return false;
  r.switchyardUnpatchedFind = find;
  r.findNearestElements = function (this: HitRenderer, x, y, interactiveOnly, isTouch) {
    const other = drawnElsewhere?.(x, y, isTouch);
    if (other) return other as Ele[];
    const all = sorted.call(this);
    const eles = interactiveOnly ? all.interactive : all;
    const pad = reach(isTouch, cy.zoom());
    let few = [] as unknown as Sorted;
    let nodes = false;
    for (let i = 0; i < eles.length; i++) {
      const e = eles[i]!;
      const b = e.boundingBox();
      if (x < b.x1 - pad || x > b.x2 + pad || y < b.y1 - pad || y > b.y2 + pad) continue;
      few.push(e);
      if (!nodes && e.isNode()) nodes = true;
    }
    if (nodes && (cy as unknown as { hasCompoundNodes(): boolean }).hasCompoundNodes()) {
      const kept = new Set(few);
      for (const e of few) if (e.isNode()) e.connectedEdges().forEach((edge) => kept.add(edge));
      if (kept.size > few.length) few = eles.filter((e) => kept.has(e)) as Sorted;
    }
    few.interactive = interactiveOnly ? few : few.filter((e) => e.interactive());
    // Cytoscape's test, on the elements kept (in the same order): it asks the renderer for them.
    this.getCachedZSortedEles = () => few;
    try {
      return find.call(this, x, y, interactiveOnly, isTouch);
    } finally {
      delete (this as Partial<HitRenderer>).getCachedZSortedEles;
    }
  };
  return true;
}
