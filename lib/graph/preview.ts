/**
 * The graph's first view as plain shapes, computed on the server so the page's HTML already
 * shows it: the same elements (folded by the same size rule) and the same clusters layout the
 * page's Cytoscape draws a moment later, so the hand-over is in place. Pure.
 */
import type { Topology } from '@/lib/topology/types';
import { toElements, type ElementKind, type GraphElement } from './elements';
import { visibleTopology } from './filter';
import { autoFold, FOLD_BUDGET } from './fold';
import { nodeSize, NODE } from './geometry';
import { borderPoint, routeAround } from './edge-route';
import { edgeLabelSize, labelEnd, placeLabels, type Box, type LabelEdge } from './label-place';
import { clusterLayout } from './layout-clusters';
import { textWidth } from './text-fit';
import { DEFAULT_VIEW } from './view-state';

/** A node, centred on (x, y). */
export interface PreviewNode {
  id: string;
  kind: ElementKind;
  classes: string[];
  lines: string[];
  x: number;
  y: number;
  w: number;
  h: number;
  font: number;
}

/** A compose project's box around its members (a compound node in Cytoscape). */
export interface PreviewGroup {
  id: string;
  label: string;
  members: string[];
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface PreviewEdge {
  id: string;
  kind: ElementKind;
  classes: string[];
  label: string;
  source: string;
  target: string;
  /** For merged edges: how many they stand for. */
  count: number | null;
  /** Where its label goes, as an offset from the middle of the line between its ends' centres; null: tucked away (lib/graph/label-place). */
  labelAt: { dx: number; dy: number } | null;
  /** A curve's control point, for an edge taken round the containers its line would cross (lib/graph/edge-route). */
  curve: { x: number; y: number } | null;
}

export interface GraphPreview {
  engineId: string;
  /** The width / height the layout was packed for. */
  aspect: number;
  nodes: PreviewNode[];
  groups: PreviewGroup[];
  edges: PreviewEdge[];
  /** The graph elements themselves, as the page computes them: it draws these before its topology has arrived. */
  elements: GraphElement[];
  /** The topology version it was made from (absent for a topology without meta). */
  epoch: string | null;
  version: number | null;
  /** The groups the size rule folded (lib/graph/fold autoFold), as the page would fold them. */
  collapsed: string[];
  /** Containers in the view, and groups folded by the size rule. */
  containers: number;
  folded: number;
  /** The nodes' and groups' box (no labels), what the page fits to. */
  box: { x1: number; y1: number; x2: number; y2: number };
}

/** Room between a compound node's members and its border (the stylesheet's `padding`). */
export const GROUP_PADDING = 14;
/** A group's title sits this far above its box (Cytoscape's `text-valign: top`). */
export const GROUP_LABEL_GAP = 6;

/** The first view of a topology for a graph of this shape (width / height), as the page opens it. */
export function graphPreview(t: Topology, aspect: number): GraphPreview {
  const vis = visibleTopology(t, DEFAULT_VIEW);
  const collapsed = autoFold(vis, FOLD_BUDGET);
  const elements = toElements(t, DEFAULT_VIEW, collapsed);
  const { positions } = clusterLayout(elements, { aspect });
  const nodes: PreviewNode[] = [];
  const members = new Map<string, string[]>();
  const labels = new Map<string, string>();
  for (const e of elements) {
    if (e.group !== 'nodes') continue;
    const parent = e.data.parent;
    if (parent) members.set(parent, [...(members.get(parent) ?? []), e.data.id]);
  }
  for (const e of elements) {
    if (e.group !== 'nodes') continue;
    if (members.has(e.data.id)) {
      labels.set(e.data.id, e.data.label);
      continue;
    }
    const p = positions.get(e.data.id);
    if (!p) continue;
    const folded = e.classes.includes('collapsed');
    const size = nodeSize(e.data.kind, folded, e.data.w);
    const font = (NODE as Record<string, { font: number }>)[e.data.kind]?.font ?? NODE.container.font;
    nodes.push({ id: e.data.id, kind: e.data.kind, classes: e.classes, lines: e.data.label.split('\n'), x: p.x, y: p.y, w: size.w, h: size.h, font });
  }
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const groups: PreviewGroup[] = [];
  for (const [id, ids] of members) {
    const kids = ids.map((k) => byId.get(k)).filter((n): n is PreviewNode => !!n);
    if (!kids.length) continue;
    groups.push({
      id, label: labels.get(id) ?? '', members: kids.map((k) => k.id),
      x1: Math.min(...kids.map((k) => k.x - k.w / 2)) - GROUP_PADDING, y1: Math.min(...kids.map((k) => k.y - k.h / 2)) - GROUP_PADDING,
      x2: Math.max(...kids.map((k) => k.x + k.w / 2)) + GROUP_PADDING, y2: Math.max(...kids.map((k) => k.y + k.h / 2)) + GROUP_PADDING,
    });
  }
  const drawn = new Set([...byId.keys(), ...groups.map((g) => g.id)]);
  const edges: PreviewEdge[] = [];
  for (const e of elements) {
    if (e.group !== 'edges' || !drawn.has(e.data.source!) || !drawn.has(e.data.target!)) continue;
    edges.push({ id: e.data.id, kind: e.data.kind, classes: e.classes, label: e.data.label, source: e.data.source!, target: e.data.target!, count: typeof e.data.count === 'number' ? e.data.count : null, labelAt: null, curve: null });
  }
  arrange(nodes, groups, edges);
  const xs1 = [...nodes.map((n) => n.x - n.w / 2), ...groups.map((g) => g.x1)];
  const ys1 = [...nodes.map((n) => n.y - n.h / 2), ...groups.map((g) => g.y1)];
  const xs2 = [...nodes.map((n) => n.x + n.w / 2), ...groups.map((g) => g.x2)];
  const ys2 = [...nodes.map((n) => n.y + n.h / 2), ...groups.map((g) => g.y2)];
  const box = nodes.length ? { x1: Math.min(...xs1), y1: Math.min(...ys1), x2: Math.max(...xs2), y2: Math.max(...ys2) } : { x1: 0, y1: 0, x2: 1, y2: 1 };
  return { engineId: t.engine.id, aspect, elements, epoch: t.meta?.epoch ?? null, version: t.meta?.version ?? null, collapsed: [...collapsed], containers: vis.containers.length, folded: collapsed.size, nodes, groups, edges, box };
}


/** Curves round containers and label spots, as the page's graph does (components/graph/edge-labels). */
function arrange(nodes: readonly PreviewNode[], groups: readonly PreviewGroup[], edges: PreviewEdge[]) {
  const box = new Map<string, Box>();
  for (const n of nodes) box.set(n.id, { x1: n.x - n.w / 2, y1: n.y - n.h / 2, x2: n.x + n.w / 2, y2: n.y + n.h / 2 });
  for (const g of groups) box.set(g.id, { x1: g.x1, y1: g.y1, x2: g.x2, y2: g.y2 });
  const titles = groups.map((g) => {
    const lines = g.label.split('\n');
    const w = Math.max(...lines.map((l) => textWidth(l, NODE.project.font)));
    const cx = (g.x1 + g.x2) / 2;
    return { x1: cx - w / 2, y1: g.y1 - GROUP_LABEL_GAP - lines.length * NODE.project.font * 1.2, x2: cx + w / 2, y2: g.y1 - GROUP_LABEL_GAP };
  });
  const nodeBoxes = nodes.map((n) => box.get(n.id)!);
  const wanted: LabelEdge[] = [];
  const chords = new Map<string, { x: number; y: number }>();
  for (const e of edges) {
    const a = box.get(e.source)!, b = box.get(e.target)!;
    const ca = { x: (a.x1 + a.x2) / 2, y: (a.y1 + a.y2) / 2 }, cb = { x: (b.x1 + b.x2) / 2, y: (b.y1 + b.y2) / 2 };
    const chordMid = { x: (ca.x + cb.x) / 2, y: (ca.y + cb.y) / 2 };
    if (e.kind === 'link' || e.kind === 'shares' || e.kind === 'port') e.curve = routeAround(a, b, nodeBoxes.filter((x) => x !== a && x !== b));
    if (!e.label) continue;
    const s = borderPoint(a, e.curve ?? cb), t = borderPoint(b, e.curve ?? ca);
    const mid = e.curve ? { x: 0.25 * ca.x + 0.5 * e.curve.x + 0.25 * cb.x, y: 0.25 * ca.y + 0.5 * e.curve.y + 0.25 * cb.y } : { x: (s.x + t.x) / 2, y: (s.y + t.y) / 2 };
    wanted.push({ id: e.id, s, t, mid, near: labelEnd(e.kind), curved: !!e.curve, ...edgeLabelSize(e.label, e.kind) });
    // Offsets are from the chord's middle (what the SVG and its script draw from).
    chords.set(e.id, chordMid);
  }
  const spots = placeLabels(wanted, [...nodeBoxes, ...titles]);
  const mids = new Map(wanted.map((w) => [w.id, w.mid]));
  for (const e of edges) {
    const spot = spots.get(e.id);
    const chord = chords.get(e.id);
    if (!spot || !chord) continue;
    const m = mids.get(e.id)!;
    e.labelAt = { dx: Math.round((m.x + spot.dx - chord.x) * 10) / 10, dy: Math.round((m.y + spot.dy - chord.y) * 10) / 10 };
  }
}
