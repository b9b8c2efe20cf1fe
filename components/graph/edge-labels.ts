/**
 * Edges arranged on the drawn graph: a `--link`, shared-namespace or published-port edge that
 * would run across other nodes takes a curve round them (lib/graph/edge-route), and every edge
 * label goes where it lies over no node and no other label (lib/graph/label-place), or is
 * tucked away (the `label-tucked` class: shown on hover, with a selection, and at closer zoom).
 * ./edge-arranger runs it after the graph's positions change; its marks are style bypasses and
 * one class, so a restyle (theme) keeps them and reconcile never sees them.
 */
import type { Core, EdgeSingular, NodeSingular } from 'cytoscape';
import { borderPoint, routeAround } from '@/lib/graph/edge-route';
import { edgeLabelSize, LabelPlacer, labelEnd, placingOrder, type Box, type LabelEdge, type LabelSpot } from '@/lib/graph/label-place';
import { boxOf } from './boxes';

export const TUCKED = 'label-tucked';
/** An edge under the pointer, or at a node under it: its tucked label is shown. */
export const PEEK = 'label-peek';
/** Zoomed in this close (a label at 1.5 times its size), tucked labels are drawn: the view holds a few nodes. */
export const CLOSE_ZOOM = 1.5;
export const CLOSE = 'label-close';
/** Curved edges that may take a way round the nodes between their ends (a --link, a namespace, a published port). */
export const ROUTED = new Set(['link', 'shares', 'port', 'flow']);

/** What an arrangement did, and the time from its start to its end (over several tasks). */
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

/**
 * The arrangement as a job of steps: it yields whenever the slice's time is spent (`due()`
 * says so), so a large graph (6,000 edges: a quarter of a second of work) is arranged over
 * several tasks, none long, while the page stays responsive. Returns what it did.
 */
export function* arrangeSteps(cy: Core, due: () => boolean): Generator<void, Arranged> {
  const t0 = performance.now();
  const boxes = new Map<string, Box>();
  const obstacles: Box[] = [];
  cy.nodes().forEach((n) => {
    if (n.removed() || !n.visible()) return;
    const b = obstacle(n);
    obstacles.push(b);
    if (!n.isParent()) boxes.set(n.id(), b);
  });
  yield;

  let routed = 0;
  const edges = cy.edges();
  // Not in a batch: the side a curve takes is read back from the renderer (./bend).
  for (const e of edges.filter((x) => ROUTED.has(x.data('kind') as string))) {
    const from = boxes.get(e.data('source') as string), to = boxes.get(e.data('target') as string);
    if (!from || !to) continue;
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
    if (due()) yield;
  }

  const wanted: LabelEdge[] = [];
  const byId = new Map<string, EdgeSingular>();
  for (const e of edges) {
    const text = e.data('label') as string | undefined;
    // A loop (a folded group's own traffic) keeps the label Cytoscape puts at its top.
    if (!text || e.data('source') === e.data('target')) continue;
    const a = boxes.get(e.data('source') as string) ?? groupBox(e.source()), b = boxes.get(e.data('target') as string) ?? groupBox(e.target());
    if (!a || !b) continue; // an end not drawn (hidden)
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
    if (![s.x, s.y, t.x, t.y, mid.x, mid.y].every(Number.isFinite)) continue;
    byId.set(e.id(), e);
    wanted.push({ id: e.id(), s, t, mid, near: labelEnd(kind), curved, ...edgeLabelSize(text, kind) });
    if (due()) yield;
  }

  const placer = new LabelPlacer(obstacles);
  const spots: [string, LabelSpot][] = [];
  for (const e of placingOrder(wanted)) {
    spots.push([e.id, placer.place(e)]);
    if (due()) yield;
  }

  let placed = 0, tucked = 0;
  const close = cy.zoom() >= CLOSE_ZOOM;
  for (let k = 0; k < spots.length;) {
    // A batch per slice: the renderer restyles what a slice changed once.
    cy.batch(() => {
      for (; k < spots.length; k++) {
        const [id, spot] = spots[k]!;
        const e = byId.get(id)!;
        if (e.removed()) continue;
        if (spot) {
          placed++;
          e.removeClass(`${TUCKED} ${CLOSE}`);
          e.style({ 'text-margin-x': spot.dx, 'text-margin-y': spot.dy });
        } else {
          tucked++;
          e.addClass(close ? `${TUCKED} ${CLOSE}` : TUCKED);
          e.removeStyle('text-margin-x text-margin-y');
        }
        if (k % 64 === 63 && due()) { k++; break; }
      }
    });
    if (k < spots.length) yield;
  }
  return { placed, tucked, routed, ms: Math.round(performance.now() - t0) };
}

/** Runs the arrangement of `cy` in slices of `sliceMs`, one task each; `cancel` drops it (positions changed again). */
export function arrangeInSlices(cy: Core, sliceMs: number, done: (a: Arranged) => void): { cancel(): void } {
  let start = 0;
  const job = arrangeSteps(cy, () => performance.now() - start > sliceMs);
  let timer: ReturnType<typeof setTimeout> | null = null;
  const step = () => {
    timer = null;
    if (cy.destroyed()) return;
    start = performance.now();
    const r = job.next();
    if (r.done) done(r.value);
    else timer = setTimeout(step, 0);
  };
  step();
  return { cancel() { if (timer) clearTimeout(timer); timer = null; } };
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
