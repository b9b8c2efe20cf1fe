/**
 * A measure of the picture, from the boxes the renderer itself reports (components/graph/picture
 * reads Cytoscape's label and node boxes): labels that run out of their node, labels over a node
 * or over another label, edges that cross, and how much of the graph area the drawing uses.
 * Pure, so it is unit-tested on boxes made by hand; the e2e tests and `npm run bench:ui` use it
 * on the real page.
 */
import { overlaps, type Box, type Pt } from './label-place';

export interface PictureNode {
  id: string;
  /** The node's own box (border included, label left out). */
  body: Box;
  /** Its label's box, or null when it has none drawn. */
  label: Box | null;
  /** A group (compound node): its title sits above its box by design, and its box holds other nodes. */
  compound: boolean;
  /** What to call it in an example (its id if absent). */
  name?: string;
}

export interface PictureEdge {
  id: string;
  source: string;
  target: string;
  /** Its ends as drawn, and a point half-way (a curve's bend). */
  a: Pt;
  m: Pt;
  b: Pt;
  label: Box | null;
  name?: string;
}

export interface Picture {
  nodes: number;
  edges: number;
  /** Edge labels drawn; tucked away (shown on hover, with a selection, closer in). */
  edgeLabels: number;
  tucked: number;
  /** Node labels that extend past their own node (groups' titles left out). */
  labelOverflow: number;
  /** Labels over a node that is not their own (an edge's own ends left out, groups' boxes too). */
  labelOverNode: number;
  /** Pairs of labels over each other. */
  labelOverLabel: number;
  /** Pairs of edges that cross, not counting edges that share a node. */
  crossings: number;
  /** Share of the graph area's width and height the drawing spans (clipped to the area). */
  used: { x: number; y: number };
  /** The first few of each, to name in a failure. */
  examples: { overflow: string[]; overNode: string[]; overLabel: string[] };
}

/** Slack for rounding in the renderer's boxes. */
const SLACK = 1;
const inside = (a: Box, b: Box) => a.x1 >= b.x1 - SLACK && a.y1 >= b.y1 - SLACK && a.x2 <= b.x2 + SLACK && a.y2 <= b.y2 + SLACK;

function cross(p: Pt, q: Pt, r: Pt, s: Pt): boolean {
  const d = (a: Pt, b: Pt, c: Pt) => (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
  const d1 = d(r, s, p), d2 = d(r, s, q), d3 = d(p, q, r), d4 = d(p, q, s);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/** The measure of a picture drawn in an area `area` wide and high (same units as the boxes, origin at its top-left). */
export function measurePicture(nodes: readonly PictureNode[], edges: readonly PictureEdge[], area: { w: number; h: number }, tucked = 0): Picture {
  const examples = { overflow: [] as string[], overNode: [] as string[], overLabel: [] as string[] };
  const note = (list: string[], s: string) => { if (list.length < 8) list.push(s); };
  const bodies = nodes.filter((n) => !n.compound);

  let labelOverflow = 0;
  for (const n of bodies) {
    if (n.label && !inside(n.label, n.body)) {
      labelOverflow++;
      note(examples.overflow, n.name ?? n.id);
    }
  }

  type L = { id: string; box: Box; own: Set<string> };
  const labels: L[] = [
    ...nodes.filter((n) => n.label).map((n) => ({ id: n.name ?? n.id, box: n.label!, own: new Set([n.id]) })),
    ...edges.filter((e) => e.label).map((e) => ({ id: e.name ?? e.id, box: e.label!, own: new Set([e.source, e.target]) })),
  ];
  let labelOverNode = 0;
  for (const l of labels) {
    const over = bodies.find((n) => !l.own.has(n.id) && overlaps(l.box, n.body, SLACK));
    if (over) {
      labelOverNode++;
      note(examples.overNode, `${l.id} over ${over.name ?? over.id}`);
    }
  }
  let labelOverLabel = 0;
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      if (overlaps(labels[i]!.box, labels[j]!.box, SLACK)) {
        labelOverLabel++;
        note(examples.overLabel, `${labels[i]!.id} / ${labels[j]!.id}`);
      }
    }
  }

  let crossings = 0;
  const segs = edges.map((e) => ({ e, parts: [[e.a, e.m], [e.m, e.b]] as [Pt, Pt][] }));
  for (let i = 0; i < segs.length; i++) {
    for (let j = i + 1; j < segs.length; j++) {
      const x = segs[i]!, y = segs[j]!;
      if (x.e.source === y.e.source || x.e.source === y.e.target || x.e.target === y.e.source || x.e.target === y.e.target) continue;
      if (x.parts.some(([p, q]) => y.parts.some(([r, s]) => cross(p, q, r, s)))) crossings++;
    }
  }

  let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
  for (const n of nodes) {
    for (const b of [n.body, n.label]) {
      if (!b) continue;
      x1 = Math.min(x1, b.x1); y1 = Math.min(y1, b.y1); x2 = Math.max(x2, b.x2); y2 = Math.max(y2, b.y2);
    }
  }
  const span = (lo: number, hi: number, size: number) => (size > 0 && hi > lo ? Math.max(0, Math.min(size, hi) - Math.max(0, lo)) / size : 0);
  const used = { x: round2(span(x1, x2, area.w)), y: round2(span(y1, y2, area.h)) };
  return {
    nodes: nodes.length, edges: edges.length, edgeLabels: edges.filter((e) => e.label).length, tucked,
    labelOverflow, labelOverNode, labelOverLabel, crossings, used, examples,
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
