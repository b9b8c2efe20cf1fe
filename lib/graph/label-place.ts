/**
 * Where each edge's label goes: on its edge, at the first spot (from the end it belongs to)
 * where its box lies over no node and no label placed before it; an edge with no such spot has
 * its label tucked away (shown on hover, with a selection, and at closer zoom). Pure, in model
 * units, so the page's graph (components/graph/edge-labels) and the server-drawn first view
 * (lib/graph/preview) place labels alike. Labels are drawn level (not turned along the edge):
 * their boxes are then exactly what is tested.
 *
 * A spatial grid holds the nodes and the labels placed, so the cost is linear in the number
 * of edges (each tries a bounded number of spots, each looking at a few cells).
 */

export interface Pt { x: number; y: number }
export interface Box { x1: number; y1: number; x2: number; y2: number }

export interface LabelEdge {
  id: string;
  /** Where the edge leaves its source and reaches its target (on the nodes' borders). */
  s: Pt;
  t: Pt;
  /** Where the renderer puts the label with no offset (the edge's middle; a curve's own). */
  mid: Pt;
  /** The label's size, padding included. */
  w: number;
  h: number;
  /** Which end the label is about: an address belongs near its network, a published port near its container. */
  near: 'source' | 'target' | 'middle';
  /** A curved edge: only spots around its middle are on it. */
  curved?: boolean;
}

/** Where a label goes: its offset from `mid`, or null when it is tucked away. */
export type LabelSpot = { dx: number; dy: number } | null;

/** Room kept between a label and what is around it. */
const CLEAR = 3;
const CELL = 120;

class Grid {
  private cells = new Map<string, Box[]>();
  add(b: Box): void {
    for (const k of this.keys(b)) {
      const c = this.cells.get(k);
      if (c) c.push(b);
      else this.cells.set(k, [b]);
    }
  }
  hits(b: Box): boolean {
    for (const k of this.keys(b)) {
      for (const o of this.cells.get(k) ?? []) if (overlaps(b, o)) return true;
    }
    return false;
  }
  private *keys(b: Box): Generator<string> {
    for (let i = Math.floor(b.x1 / CELL); i <= Math.floor(b.x2 / CELL); i++) {
      for (let j = Math.floor(b.y1 / CELL); j <= Math.floor(b.y2 / CELL); j++) yield `${i},${j}`;
    }
  }
}

/** Whether two boxes share more than a hairline. */
export function overlaps(a: Box, b: Box, slack = 0.5): boolean {
  return a.x1 < b.x2 - slack && b.x1 < a.x2 - slack && a.y1 < b.y2 - slack && b.y1 < a.y2 - slack;
}

/**
 * Spots for every edge's label. `obstacles` are what no label may cover: the nodes' boxes and
 * any label that is not an edge's (a group's title above its box). Edges are taken in order:
 * put the ones whose label matters most first.
 */
export function placeLabels(edges: readonly LabelEdge[], obstacles: readonly Box[]): Map<string, LabelSpot> {
  const grid = new Grid();
  for (const o of obstacles) grid.add(o);
  const out = new Map<string, LabelSpot>();
  // Short edges first: they have the fewest spots (a member's address beside its network).
  const len = (e: LabelEdge) => Math.hypot(e.t.x - e.s.x, e.t.y - e.s.y);
  const order = [...edges].sort((a, b) => len(a) - len(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const e of order) {
    let spot: LabelSpot = null;
    for (const p of candidates(e)) {
      const box = { x1: p.x - e.w / 2 - CLEAR, y1: p.y - e.h / 2 - CLEAR, x2: p.x + e.w / 2 + CLEAR, y2: p.y + e.h / 2 + CLEAR };
      if (grid.hits(box)) continue;
      grid.add({ x1: box.x1 + CLEAR, y1: box.y1 + CLEAR, x2: box.x2 - CLEAR, y2: box.y2 - CLEAR });
      spot = { dx: round(p.x - e.mid.x), dy: round(p.y - e.mid.y) };
      break;
    }
    out.set(e.id, spot);
  }
  return out;
}

const round = (x: number) => Math.round(x * 10) / 10;

/**
 * The spots an edge's label may take, best first: along a straight edge, from its own end
 * towards the other (or from the middle outwards), a few pixels apart; around a curve's middle.
 */
function* candidates(e: LabelEdge): Generator<Pt> {
  if (e.curved) {
    yield e.mid;
    for (const k of [1, -1, 2, -2]) yield { x: e.mid.x, y: e.mid.y + k * (e.h + 2) };
    return;
  }
  const len = Math.hypot(e.t.x - e.s.x, e.t.y - e.s.y);
  if (len < 1) return;
  const steps = Math.max(2, Math.min(40, Math.floor(len / 8)));
  const at = (k: number): Pt => ({ x: e.s.x + ((e.t.x - e.s.x) * k) / steps, y: e.s.y + ((e.t.y - e.s.y) * k) / steps });
  if (e.near === 'middle') {
    const m = Math.round(steps / 2);
    yield { x: (e.s.x + e.t.x) / 2, y: (e.s.y + e.t.y) / 2 };
    for (let d = 1; d <= steps; d++) {
      if (m - d > 0) yield at(m - d);
      if (m + d < steps) yield at(m + d);
    }
    return;
  }
  for (let k = 1; k < steps; k++) yield at(e.near === 'target' ? steps - k : k);
}

/** Which end an edge's label is about, by the edge's kind. */
export function labelEnd(kind: string): LabelEdge['near'] {
  switch (kind) {
    case 'endpoint':
    case 'vip':
      return 'target'; // the address on that network
    case 'port':
      return 'target'; // the container's port
    default:
      return 'middle';
  }
}
