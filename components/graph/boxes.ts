/**
 * Node boxes from positions and the known node sizes (lib/graph/geometry), without asking
 * Cytoscape: its own bounding box first styles and measures every element not yet measured
 * (in a pass of a large addition, all that pass added) and builds collections on the way,
 * where this is one walk over the nodes. Labels sit inside their nodes, so the boxes are the
 * nodes' own.
 */
import type { NodeCollection, NodeSingular } from 'cytoscape';
import { nodeSize } from '@/lib/graph/geometry';

export type Box = { x1: number; y1: number; x2: number; y2: number };

/** A (non-compound) node's box. */
export function boxOf(n: NodeSingular): Box {
  const p = n.position();
  const { w, h } = nodeSize(n.data('kind') as string, n.hasClass('collapsed'), n.data('w'));
  return { x1: p.x - w / 2, y1: p.y - h / 2, x2: p.x + w / 2, y2: p.y + h / 2 };
}

/**
 * The box around nodes, compounds left out (their children are in it), with its size; null
 * when there is no node but compounds.
 */
export function boxOfNodes(nodes: NodeCollection): (Box & { w: number; h: number }) | null {
  let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
  nodes.forEach((n) => {
    if (n.isParent()) return;
    const b = boxOf(n);
    if (b.x1 < x1) x1 = b.x1;
    if (b.y1 < y1) y1 = b.y1;
    if (b.x2 > x2) x2 = b.x2;
    if (b.y2 > y2) y2 = b.y2;
  });
  return Number.isFinite(x1) ? { x1, y1, x2, y2, w: x2 - x1, h: y2 - y1 } : null;
}
