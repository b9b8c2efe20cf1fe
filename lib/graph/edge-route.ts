/**
 * A way round for an edge (a `--link`, a shared namespace, a published port from the host)
 * whose straight line would run across other nodes: the control point of one quadratic curve, the
 * nearest on either side that takes the curve clear of every node's box. Pure, in model units,
 * for the page's graph (components/graph/edge-labels) and the server-drawn first view.
 */
import type { Box, Pt } from './label-place';

/** Room kept between a routed edge and the nodes it passes. */
const CLEAR = 8;
const SAMPLES = 24;

/** Whether the segment a-b runs through box b (Liang-Barsky clipping). */
function segmentHits(a: Pt, b: Pt, box: Box): boolean {
  let t0 = 0, t1 = 1;
  const dx = b.x - a.x, dy = b.y - a.y;
  const edges: [number, number][] = [[-dx, a.x - box.x1], [dx, box.x2 - a.x], [-dy, a.y - box.y1], [dy, box.y2 - a.y]];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const r = q / p;
    if (p < 0) {
      if (r > t1) return false;
      if (r > t0) t0 = r;
    } else {
      if (r < t0) return false;
      if (r < t1) t1 = r;
    }
  }
  return t0 <= t1;
}

const grow = (b: Box, d: number): Box => ({ x1: b.x1 - d, y1: b.y1 - d, x2: b.x2 + d, y2: b.y2 + d });
const inside = (p: Pt, b: Box) => p.x >= b.x1 && p.x <= b.x2 && p.y >= b.y1 && p.y <= b.y2;

/** The points of the quadratic curve from s through control c to t. */
function curve(s: Pt, c: Pt, t: Pt): Pt[] {
  const pts: Pt[] = [];
  for (let i = 0; i <= SAMPLES; i++) {
    const u = i / SAMPLES, v = 1 - u;
    pts.push({ x: v * v * s.x + 2 * u * v * c.x + u * u * t.x, y: v * v * s.y + 2 * u * v * c.y + u * u * t.y });
  }
  return pts;
}

/** Whether a polyline, outside the boxes of its own ends, runs over any of `others`. */
function polylineHits(pts: Pt[], ends: Box[], others: readonly Box[]): boolean {
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!, b = pts[i]!;
    if (ends.some((e) => inside(a, e) && inside(b, e))) continue;
    for (const o of others) if (segmentHits(a, b, o)) return true;
  }
  return false;
}

/**
 * The control point of a curve from the centre of box `from` to that of `to` that keeps clear
 * of `others` (every other node's box), or null where the straight line already does (or no
 * curve within reach would).
 */
export function routeAround(from: Box, to: Box, others: readonly Box[]): Pt | null {
  const s = { x: (from.x1 + from.x2) / 2, y: (from.y1 + from.y2) / 2 };
  const t = { x: (to.x1 + to.x2) / 2, y: (to.y1 + to.y2) / 2 };
  const near = others.map((o) => grow(o, CLEAR));
  const ends = [from, to];
  if (!polylineHits([s, t], ends, near)) return null;
  const len = Math.hypot(t.x - s.x, t.y - s.y);
  if (len < 1) return null;
  const n = { x: -(t.y - s.y) / len, y: (t.x - s.x) / len };
  const m = { x: (s.x + t.x) / 2, y: (s.y + t.y) / 2 };
  for (let d = 60; d <= 1200; d += 30) {
    for (const sign of [1, -1]) {
      const c = { x: m.x + n.x * d * sign, y: m.y + n.y * d * sign };
      if (!polylineHits(curve(s, c, t), ends, near)) return { x: Math.round(c.x), y: Math.round(c.y) };
    }
  }
  return null;
}

/** The point half-way along the curve through control point c (where the renderer puts its label). */
export function curveMiddle(s: Pt, c: Pt, t: Pt): Pt {
  return { x: 0.25 * s.x + 0.5 * c.x + 0.25 * t.x, y: 0.25 * s.y + 0.5 * c.y + 0.25 * t.y };
}

/** Where the line from the centre of `b` towards `p` leaves `b` (how an edge meets a box-shaped node). */
export function borderPoint(b: Box, p: Pt): Pt {
  const c = { x: (b.x1 + b.x2) / 2, y: (b.y1 + b.y2) / 2 };
  const dx = p.x - c.x, dy = p.y - c.y;
  if (!dx && !dy) return c;
  const k = Math.min(dx ? (b.x2 - b.x1) / 2 / Math.abs(dx) : Infinity, dy ? (b.y2 - b.y1) / 2 / Math.abs(dy) : Infinity, 1);
  return { x: c.x + dx * k, y: c.y + dy * k };
}
