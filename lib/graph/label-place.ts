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

import { EDGE_FONT } from './geometry';
import { textWidth } from './text-fit';

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

/** Boxes by the cells of a grid they cover: what lies near a box is a look at a few cells. */
class Grid {
  private cells = new Map<number, Box[]>();
  // A cell's key: its column and row in one number (rows and columns within ±2^20 cells).
  private static key(i: number, j: number) { return (i + 1048576) * 2097152 + (j + 1048576); }
  add(b: Box): void {
    for (let i = Math.floor(b.x1 / CELL); i <= Math.floor(b.x2 / CELL); i++) {
      for (let j = Math.floor(b.y1 / CELL); j <= Math.floor(b.y2 / CELL); j++) {
        const k = Grid.key(i, j);
        const c = this.cells.get(k);
        if (c) c.push(b);
        else this.cells.set(k, [b]);
      }
    }
  }
  hits(b: Box): boolean {
    for (let i = Math.floor(b.x1 / CELL); i <= Math.floor(b.x2 / CELL); i++) {
      for (let j = Math.floor(b.y1 / CELL); j <= Math.floor(b.y2 / CELL); j++) {
        const c = this.cells.get(Grid.key(i, j));
        if (c) for (const o of c) if (overlaps(b, o)) return true;
      }
    }
    return false;
  }
}

/** Whether two boxes share more than a hairline. */
export function overlaps(a: Box, b: Box, slack = 0.5): boolean {
  return a.x1 < b.x2 - slack && b.x1 < a.x2 - slack && a.y1 < b.y2 - slack && b.y1 < a.y2 - slack;
}

/**
 * Places labels one edge at a time, each clear of the obstacles and of the labels placed
 * before it: so a long list can be placed over several tasks (components/graph/edge-labels).
 * `obstacles` are what no label may cover: the nodes' boxes and any label that is not an
 * edge's (a group's title above its box).
 */
export class LabelPlacer {
  private grid = new Grid();
  constructor(obstacles: readonly Box[]) {
    for (const o of obstacles) this.grid.add(o);
  }
  place(e: LabelEdge): LabelSpot {
    for (const p of candidates(e)) {
      const box = { x1: p.x - e.w / 2 - CLEAR, y1: p.y - e.h / 2 - CLEAR, x2: p.x + e.w / 2 + CLEAR, y2: p.y + e.h / 2 + CLEAR };
      if (this.grid.hits(box)) continue;
      this.grid.add({ x1: box.x1 + CLEAR, y1: box.y1 + CLEAR, x2: box.x2 - CLEAR, y2: box.y2 - CLEAR });
      return { dx: round(p.x - e.mid.x), dy: round(p.y - e.mid.y) };
    }
    return null;
  }
}

/** The order labels are placed in: short edges first, they have the fewest spots (a member's address beside its network). */
export function placingOrder(edges: readonly LabelEdge[]): LabelEdge[] {
  const len = (e: LabelEdge) => Math.hypot(e.t.x - e.s.x, e.t.y - e.s.y);
  return edges.map((e) => ({ e, l: len(e) })).sort((a, b) => a.l - b.l || (a.e.id < b.e.id ? -1 : a.e.id > b.e.id ? 1 : 0)).map((x) => x.e);
}

/** Spots for every edge's label (LabelPlacer over placingOrder). */
export function placeLabels(edges: readonly LabelEdge[], obstacles: readonly Box[]): Map<string, LabelSpot> {
  const placer = new LabelPlacer(obstacles);
  const out = new Map<string, LabelSpot>();
  for (const e of placingOrder(edges)) out.set(e.id, placer.place(e));
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

/** The edge label's background padding (the stylesheet's text-background-padding), each side. */
const LABEL_PAD = 2;

/** An edge label's box size, padding included, as the page and the server-drawn view place it (a merged edge's label is bold). */
export function edgeLabelSize(text: string, kind: string): { w: number; h: number } {
  return { w: textWidth(text, EDGE_FONT, kind === 'aggregate') + 2 * LABEL_PAD, h: EDGE_FONT * 1.25 + 2 * LABEL_PAD };
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
