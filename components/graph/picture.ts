/**
 * The measure of the picture as drawn (lib/graph/picture-metrics), from Cytoscape's own boxes:
 * each node's box and its label's, each edge's ends and label. On `window.__switchyardPicture()`
 * for the e2e tests and `npm run bench:ui`; in rendered pixels, the graph's area as the frame.
 */
import type { Core } from 'cytoscape';
import { measurePicture, type Picture, type PictureEdge, type PictureNode } from '@/lib/graph/picture-metrics';
import { TUCKED } from './edge-labels';

type BB = { x1: number; y1: number; x2: number; y2: number; w: number; h: number };
const box = (b: BB) => ({ x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 });
const hasBox = (b: BB) => b.w > 0 && b.h > 0 && Number.isFinite(b.x1);

export function pictureOf(cy: Core): Picture {
  const nodes: PictureNode[] = [];
  cy.nodes().forEach((n) => {
    if (!n.visible()) return;
    const body = n.renderedBoundingBox({ includeLabels: false, includeOverlays: false, includeUnderlays: false });
    const label = n.data('label') ? n.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false, includeUnderlays: false }) : null;
    nodes.push({ id: n.id(), name: String(n.data('name') ?? n.data('label')).split('\n')[0], body: box(body), label: label && hasBox(label) ? box(label) : null, compound: n.isParent() });
  });
  const edges: PictureEdge[] = [];
  let tucked = 0;
  cy.edges().forEach((e) => {
    if (!e.visible()) return;
    if (e.hasClass(TUCKED)) tucked++;
    const shown = e.data('label') && e.style('label');
    const label = shown ? e.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false, includeUnderlays: false }) : null;
    edges.push({
      id: e.id(), name: `"${e.data('label')}" (${e.data('kind')})`, source: e.data('source'), target: e.data('target'),
      a: e.renderedSourceEndpoint(), m: e.renderedMidpoint(), b: e.renderedTargetEndpoint(),
      label: label && hasBox(label) ? box(label) : null,
    });
  });
  return measurePicture(nodes, edges, { w: cy.width(), h: cy.height() }, tucked);
}
