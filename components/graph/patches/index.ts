/**
 * Every place Switchyard reaches into Cytoscape's internals, named here and nowhere else. Each
 * was checked against one Cytoscape version (CHECKED_AGAINST) and says what it relies on;
 * ./index.test.ts fails when the installed Cytoscape is another version, or when what a patch
 * relies on is not there: read the patch against the new source before changing the version.
 *
 * - style-cache: a style applied to an element empties its family's derived-state cache once,
 *   not once per property (./style-cache; compound graphs, "Unfold all" at 5,000 containers);
 * - hit-test: the canvas renderer's hit test looks only at elements whose box holds the point,
 *   and the overview answers while it is on screen (./hit-test);
 * - canvas-texture: the canvas renderer draws a snapshot while the view moves, for large graphs
 *   (its `textureOnViewport` field, otherwise set only at start);
 * - svg-export: cytoscape-svg's `cy.svg()`, which its typings leave out.
 *
 * The WebGL renderer is left as it is: a patch that finds another renderer's shape does nothing.
 */
import cytoscape, { type Core } from 'cytoscape';
import { patchHitTest, type HitRenderer } from './hit-test';
import { patchStyleCache } from './style-cache';

/** The Cytoscape every patch here was read against. */
export const CHECKED_AGAINST = '3.34.4';

export interface PatchInfo {
  name: string;
  checkedAgainst: string;
  /** The internals it reads or replaces. */
  reliesOn: readonly string[];
}

export const PATCHES: readonly PatchInfo[] = [
  { name: 'style-cache', checkedAgainst: CHECKED_AGAINST, reliesOn: ['Style.prototype.checkTriggers', 'Style.prototype.applyContextStyle', 'Style.prototype.checkZOrderTrigger', 'Style.prototype.checkBoundsTrigger', 'Style.prototype.checkConnectedEdgesBoundsTrigger', 'Style.prototype.checkParallelEdgesBoundsTrigger', 'Collection.prototype.dirtyStyleCache', 'ele._private.applyingStyle (ours)'] },
  { name: 'hit-test', checkedAgainst: CHECKED_AGAINST, reliesOn: ['CanvasRenderer.prototype.findNearestElements', 'CanvasRenderer.prototype.getCachedZSortedEles (and its .interactive list)', 'cy.renderer()'] },
  { name: 'canvas-texture', checkedAgainst: CHECKED_AGAINST, reliesOn: ['CanvasRenderer instance field textureOnViewport', 'cy.renderer()'] },
  { name: 'svg-export', checkedAgainst: CHECKED_AGAINST, reliesOn: ['cy.svg() (cytoscape-svg 0.4)'] },
];

/** What the renderer has that @types/cytoscape leaves out. */
interface Untyped {
  renderer(): (HitRenderer & { textureOnViewport?: boolean }) | undefined;
  svg?(o: object): string;
}
const untyped = (cy: Core) => cy as unknown as Untyped;

/**
 * Installs the patches a new `cy` takes; `overviewHit` answers the hit test while the overview
 * draws the graph (null: leave it to Cytoscape). Answers which were installed.
 */
export function installPatches(cy: Core, overviewHit: (x: number, y: number, isTouch: boolean) => unknown[] | null): { styleCache: boolean; hitTest: boolean } {
  return { styleCache: patchStyleCache(cy), hitTest: patchHitTest(cy, overviewHit) };
}

/** The canvas renderer draws a snapshot while the view moves (no-op on another renderer). */
export function setTextureOnViewport(cy: Core, on: boolean): void {
  const r = untyped(cy).renderer();
  if (r && 'textureOnViewport' in r) r.textureOnViewport = on;
}

/** The graph as SVG (cytoscape-svg must be registered first). */
export function svgOf(cy: Core, options: object): string {
  return untyped(cy).svg?.(options) ?? '';
}

/** The canvas renderer's class, as Cytoscape registers it (for the test of what the patches rely on). */
export function canvasRendererClass(): { prototype: Record<string, unknown> } | undefined {
  return (cytoscape as unknown as (type: string, name: string) => { prototype: Record<string, unknown> } | undefined)('renderer', 'canvas');
}
