/**
 * Edges arranged on the drawn graph: a `--link` or shared-namespace edge that would run across
 * other containers takes a curve round them (lib/graph/edge-route), and every edge label goes
 * where it lies over no node and no other label (lib/graph/label-place), or is tucked away
 * (the `label-tucked` class: shown on hover, with a selection, and at closer zoom). Runs after
 * the graph's positions change (a layout, the last pass of an addition, a drag); its marks are
 * style bypasses and one class, so a restyle (theme) keeps them and reconcile never sees them.
 */
import type { Core, EdgeSingular, NodeSingular } from 'cytoscape';
import { EDGE_FONT } from '@/lib/graph/geometry';
import { borderPoint, routeAround } from '@/lib/graph/edge-route';
import { labelEnd, placeLabels, type Box, type LabelEdge } from '@/lib/graph/label-place';
import { textWidth } from '@/lib/graph/text-fit';
import { boxOf } from './boxes';

export const TUCKED = 'label-tucked';
/** An edge under the pointer, or at a node under it: its tucked label is shown. */
export const PEEK = 'label-peek';
/** Zoomed in this close (a label at 1.5 times its size), tucked labels are drawn: the view holds a few nodes. */
export const CLOSE_ZOOM = 1.5;
export const CLOSE = 'label-close';
/** The edge label's background padding (the stylesheet's text-background-padding), each side. */
const LABEL_PAD = 2;
const LABEL_H = EDGE_FONT * 1.25 + 2 * LABEL_PAD;
/** Curved edges that may take a way round the nodes between their ends (a --link, a namespace, a published port). */
export const ROUTED = new Set(['link', 'shares', 'port']);

export interface Arranged { placed: number; tucked: number; routed: number; ms: number }

/** Edges the stylesheet draws as curves (bezier): their label sits at the curve's own middle. */
const CURVED = new Set(['link', 'shares', 'port', 'vip']);
const centre = (b: Box) => ({ x: (b.x1 + b.x2) / 2, y: (b.y1 + b.y2) / 2 });
/** A group's own box (an edge that ends at a group: a VIP's, a merged one's), or null when it is not drawn. */
function groupBox(n: NodeSingular): Box | null {
  if (!n.isParent() || !n.visible()) return null;
  const b = n.boundingBox({ includeLabels: false, includeOverlays: false });
  return { x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 };
}

/** A node's box, or its label's for a group (the group's own box holds other nodes). */
function obstacle(n: NodeSingular): Box {
  if (!n.isParent()) return boxOf(n);
  const b = n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false });
  return { x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 };
}

export function arrangeEdges(cy: Core): Arranged {
  const t0 = performance.now();
  const nodes = cy.nodes();
  const boxes = new Map<string, Box>();
  const obstacles: Box[] = [];
  nodes.forEach((n) => {
    if (n.removed() || !n.visible()) return;
    const b = obstacle(n);
    obstacles.push(b);
    if (!n.isParent()) boxes.set(n.id(), b);
  });

  let routed = 0;
  const edges = cy.edges();
  // Not in a batch: the side a curve takes is read back from the renderer (./bend).
  {
    edges.forEach((e) => {
      if (!ROUTED.has(e.data('kind') as string)) return;
      const from = boxes.get(e.data('source') as string), to = boxes.get(e.data('target') as string);
      if (!from || !to) return;
      const reach = { x1: Math.min(from.x1, to.x1) - 700, y1: Math.min(from.y1, to.y1) - 700, x2: Math.max(from.x2, to.x2) + 700, y2: Math.max(from.y2, to.y2) + 700 };
      const others: Box[] = [];
      for (const [id, b] of boxes) {
        if (id === e.data('source') || id === e.data('target')) continue;
        if (b.x2 >= reach.x1 && b.x1 <= reach.x2 && b.y2 >= reach.y1 && b.y1 <= reach.y2) others.push(b);
      }
      const c = routeAround(from, to, others);
      if (c) {
        bend(e, from, to, c);
        routed++;
      } else if (e.style('curve-style') === 'unbundled-bezier') e.removeStyle('curve-style control-point-distances control-point-weights');
    });
  }

  const wanted: LabelEdge[] = [];
  const byId = new Map<string, EdgeSingular>();
  edges.forEach((e) => {
    const text = e.data('label') as string | undefined;
    if (!text) return;
    const a = boxes.get(e.data('source') as string) ?? groupBox(e.source()), b = boxes.get(e.data('target') as string) ?? groupBox(e.target());
    if (!a || !b) return; // an end not drawn (hidden)
    const kind = e.data('kind') as string;
    const curved = CURVED.has(kind);
    // A straight edge's ends and middle from the boxes (a sum, where asking Cytoscape would
    // compute every edge's shape first: seconds at thousands); a curve's from Cytoscape.
    let s, t, mid;
    if (curved) {
      s = e.sourceEndpoint(); t = e.targetEndpoint(); mid = e.midpoint();
    } else {
      s = borderPoint(a, centre(b)); t = borderPoint(b, centre(a)); mid = { x: (s.x + t.x) / 2, y: (s.y + t.y) / 2 };
    }
    if (![s.x, s.y, t.x, t.y, mid.x, mid.y].every(Number.isFinite)) return;
    byId.set(e.id(), e);
    wanted.push({ id: e.id(), s, t, mid, near: labelEnd(kind), curved, w: textWidth(text, EDGE_FONT, kind === 'aggregate') + 2 * LABEL_PAD, h: LABEL_H });
  });
  const spots = placeLabels(wanted, obstacles);
  let placed = 0, tucked = 0;
  cy.batch(() => {
    for (const [id, spot] of spots) {
      const e = byId.get(id)!;
      if (spot) {
        placed++;
        e.removeClass(`${TUCKED} ${CLOSE}`);
        e.style({ 'text-margin-x': spot.dx, 'text-margin-y': spot.dy });
      } else {
        tucked++;
        e.addClass(TUCKED);
        if (cy.zoom() >= CLOSE_ZOOM) e.addClass(CLOSE);
        e.removeStyle('text-margin-x text-margin-y');
      }
    }
  });
  return { placed, tucked, routed, ms: Math.round(performance.now() - t0) };
}

/** Curves an edge through control point c: Cytoscape measures its distance from the line between the ends, on a side of its own choosing. */
function bend(e: EdgeSingular, from: Box, to: Box, c: { x: number; y: number }) {
  const s = { x: (from.x1 + from.x2) / 2, y: (from.y1 + from.y2) / 2 }, t = { x: (to.x1 + to.x2) / 2, y: (to.y1 + to.y2) / 2 };
  const len = Math.hypot(t.x - s.x, t.y - s.y) || 1;
  const d = Math.abs(((c.x - (s.x + t.x) / 2) * -(t.y - s.y) + (c.y - (s.y + t.y) / 2) * (t.x - s.x)) / len);
  e.style({ 'curve-style': 'unbundled-bezier', 'control-point-distances': d, 'control-point-weights': 0.5 });
  const cp = e.controlPoints()?.[0];
  if (cp && Math.hypot(cp.x - c.x, cp.y - c.y) > Math.hypot(2 * ((s.x + t.x) / 2) - cp.x - c.x, 2 * ((s.y + t.y) / 2) - cp.y - c.y)) {
    e.style('control-point-distances', -d);
  }
}
