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
import { clusterLayout } from './layout-clusters';
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
    const size = nodeSize(e.data.kind, folded);
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
    edges.push({ id: e.data.id, kind: e.data.kind, classes: e.classes, label: e.data.label, source: e.data.source!, target: e.data.target!, count: typeof e.data.count === 'number' ? e.data.count : null });
  }
  const xs1 = [...nodes.map((n) => n.x - n.w / 2), ...groups.map((g) => g.x1)];
  const ys1 = [...nodes.map((n) => n.y - n.h / 2), ...groups.map((g) => g.y1)];
  const xs2 = [...nodes.map((n) => n.x + n.w / 2), ...groups.map((g) => g.x2)];
  const ys2 = [...nodes.map((n) => n.y + n.h / 2), ...groups.map((g) => g.y2)];
  const box = nodes.length ? { x1: Math.min(...xs1), y1: Math.min(...ys1), x2: Math.max(...xs2), y2: Math.max(...ys2) } : { x1: 0, y1: 0, x2: 1, y2: 1 };
  return { engineId: t.engine.id, aspect, elements, epoch: t.meta?.epoch ?? null, version: t.meta?.version ?? null, collapsed: [...collapsed], containers: vis.containers.length, folded: collapsed.size, nodes, groups, edges, box };
}
