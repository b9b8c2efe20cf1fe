/**
 * Positions for nodes as they appear: where the browser kept them, else beside their
 * network (the clusters layout's offset from its anchor, applied to where that anchor is
 * now), else where the clusters layout puts them. Nothing already drawn moves.
 */
import type { Core } from 'cytoscape';
import type { GraphElement } from '@/lib/graph/elements';
import { clusterLayout, type Point } from '@/lib/graph/layout-clusters';
import type { Positions } from './positions-store';

export function placeNew(cy: Core, added: readonly string[], elements: readonly GraphElement[], saved: Positions, aspect = aspectOf(cy)): void {
  if (!added.length) return;
  const addedSet = new Set(added);
  const need = added.filter((id) => !saved.has(id));
  const computed = need.length ? layoutOf(elements, aspect) : null;
  cy.batch(() => {
    for (const id of added) {
      const el = cy.getElementById(id);
      if (el.empty() || el.isParent()) continue;
      const keep = saved.get(id);
      if (keep) {
        el.position(keep);
        continue;
      }
      const p = computed?.positions.get(id);
      if (!p) continue;
      const anchor = computed!.anchorOf.get(id);
      const a = anchor ? cy.getElementById(anchor) : null;
      const ap = anchor ? computed!.positions.get(anchor) : undefined;
      if (a && a.nonempty() && ap && !addedSet.has(anchor!)) {
        const now = a.position();
        el.position({ x: now.x + p.x - ap.x, y: now.y + p.y - ap.y });
      } else el.position(p);
    }
  });
}

/*
 * The last layout computed, by element list and aspect: a large addition is placed over
 * several passes (one frame apart) from the same list, and the layout is linear in its size.
 */
let last: { elements: readonly GraphElement[]; aspect: number; layout: ReturnType<typeof clusterLayout> } | null = null;
function layoutOf(elements: readonly GraphElement[], aspect: number) {
  if (last?.elements !== elements || last.aspect !== aspect) last = { elements, aspect, layout: clusterLayout(elements, { aspect }) };
  return last.layout;
}

/** Every node where the clusters layout puts it. */
export function clusterPositions(cy: Core, elements: readonly GraphElement[]): Map<string, Point> {
  return layoutOf(elements, aspectOf(cy)).positions;
}

const aspectOf = (cy: Core) => (cy.height() > 0 ? Math.max(0.5, Math.min(3, cy.width() / cy.height())) : 1.6);

/** Each node's anchor in the clusters layout (the network whose card it is on), for passes that add by card. */
export function clusterAnchors(cy: Core, elements: readonly GraphElement[], aspect = aspectOf(cy)): Map<string, string | null> {
  return layoutOf(elements, aspect).anchorOf;
}
