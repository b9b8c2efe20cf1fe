/**
 * Where the graph is looked at from, and where its nodes are: fitting (never measuring every
 * label), full layouts, the positions the browser keeps, and the graph's shape for the next
 * first view (a cookie the server packs that view to).
 */
import type { Collection, Core, NodeCollection } from 'cytoscape';
import type { GraphElement } from '@/lib/graph/elements';
import { ASPECT_COOKIE, isKeptAspect } from '@/lib/graph/browser-keys';
import { MAX_FIT_ZOOM } from '@/lib/graph/geometry';
import type { LayoutName } from '@/lib/graph/view-state';
import { boxOfNodes } from './boxes';
import { layoutOptions, SMALL_LAYOUT_MAX } from './layouts';
import { clusterPositions } from './placement';
import { loadPositions, savePositions, type Positions } from './positions-store';
import { plugin } from './plugins';

/** Focusing on one node brings it this close: its label well readable. */
export const FOCUS_ZOOM = 1.1;
/** Past this many nodes a fit measures boxes from positions and the known node sizes (./boxes). */
const LARGE_FIT = 300;

/**
 * Fits the view to elements (all by default), never closer than `maxZoom`. The box is the
 * nodes' own, without labels: node labels sit inside their nodes, and measuring every label
 * (what cy.fit does) takes most of a second on a few thousand elements.
 */
export function fitView(cy: Core, eles?: Collection, maxZoom = MAX_FIT_ZOOM, byPositions = false) {
  // The whole graph is its nodes (an edge's ends are among them): no union of collections,
  // which at 5,000 nodes is most of the cost of a fit.
  fitNodes(cy, eles ? eles.nodes().union(eles.edges().connectedNodes()) : cy.nodes(), maxZoom, byPositions);
}

/**
 * fitView of these nodes. `byPositions` takes the box from positions and sizes (./boxes)
 * whatever the size: while an addition is drawn in passes, Cytoscape's box would first style
 * every node the last pass added.
 */
export function fitNodes(cy: Core, nodes: NodeCollection, maxZoom: number, byPositions: boolean) {
  if (nodes.empty()) return;
  const bb = (byPositions || nodes.length > LARGE_FIT ? boxOfNodes(nodes) : null) ?? nodes.boundingBox({ includeLabels: false, includeOverlays: false, includeEdges: false });
  const pad = 24;
  const w = cy.width(), h = cy.height();
  if (!(w > 2 * pad && h > 2 * pad)) return;
  const fit = Math.min((w - 2 * pad) / Math.max(bb.w, 1), (h - 2 * pad) / Math.max(bb.h, 1));
  const zoom = Math.max(cy.minZoom(), Math.min(maxZoom, cy.maxZoom(), fit));
  cy.viewport({ zoom, pan: { x: (w - zoom * (bb.x1 + bb.x2)) / 2, y: (h - zoom * (bb.y1 + bb.y2)) / 2 } });
}

/** Zooms by a factor about the middle of the view. */
export function zoomBy(cy: Core, factor: number) {
  cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
}

/**
 * Lays every node out with a layout: clusters (always for large graphs), or one of
 * Cytoscape's (fcose loads first). `after` gets the time it took.
 */
export function layoutAll(cy: Core, name: LayoutName, elements: readonly GraphElement[], after: (ms: number) => void) {
  if (cy.nodes().empty()) return;
  const t0 = performance.now();
  if (name === 'clusters' || cy.nodes().length > SMALL_LAYOUT_MAX) {
    const pos = clusterPositions(cy, elements);
    cy.batch(() => cy.nodes().forEach((n) => {
      const p = pos.get(n.id());
      if (p && !n.isParent()) n.position(p);
    }));
    after(Math.round(performance.now() - t0));
    return;
  }
  const run = () => {
    if (cy.destroyed()) return;
    cy.layout(layoutOptions(name, { fit: false, randomize: true })).run();
    after(Math.round(performance.now() - t0));
  };
  if (name === 'fcose') void plugin('fcose').then(run);
  else run();
}

/** Keeps the graph's shape in a cookie, so the server packs the next first view to it (lib/first-view/server). */
export function rememberAspect(cy: Core) {
  const a = cy.height() > 0 ? Math.round((cy.width() / cy.height()) * 100) / 100 : 0;
  if (isKeptAspect(a)) document.cookie = `${ASPECT_COOKIE}=${a}; path=/; max-age=31536000; samesite=strict`;
}

/** Node positions kept in the browser, one key per engine: loaded on a new key, saved a moment after the last move. */
export class KeptPositions {
  private key: string | null = null;
  saved: Positions = new Map();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly cy: Core) {}

  /** The key to keep positions under (null: keep none); loads what it holds. */
  use(key: string | null): void {
    if (key === this.key) return;
    this.key = key;
    this.saved = key ? loadPositions(key) : new Map();
  }

  /** Positions of every drawn node go to the browser's storage, a moment after the last move. */
  persist(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const key = this.key;
      if (!key || this.cy.destroyed()) return;
      this.cy.nodes().forEach((n) => {
        if (n.isParent()) return;
        this.saved.delete(n.id()); // re-insert: most recent last, so the bound drops the oldest
        this.saved.set(n.id(), { ...n.position() });
      });
      savePositions(key, this.saved);
    }, 400);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
