/**
 * The graph's first view for the page's HTML, from the store: its shapes (lib/graph/preview)
 * drawn as markup (./svg), only when the store is live and answers at once, so a slow or absent
 * engine never holds the page up (the page then opens with its loading state, as without a
 * preview). The page's side is ./page.
 */
import 'server-only';
import { graphPreview, type GraphPreview } from '@/lib/graph/preview';
export { ASPECT_COOKIE } from '@/lib/graph/browser-keys';
import { isKeptAspect } from '@/lib/graph/browser-keys';
import type { Topology } from '@/lib/topology/types';
import { topologyStore } from '@/lib/engines/registry';
import type { FirstView } from './page';
import { previewHtml } from './svg';

/** Until the page has said: a wide window's graph. */
export const DEFAULT_ASPECT = 1.6;
/** Past this many nodes the first view is left to the page (the HTML would grow large). */
const MAX_NODES = 400;
/** How long the page waits for the store's current topology. */
const WAIT_MS = 250;

export function aspectFrom(cookie: string | undefined): number {
  const a = Number(cookie);
  return isKeptAspect(a) ? Math.round(a * 100) / 100 : DEFAULT_ASPECT;
}

let last: { topo: Topology; aspect: number; preview: GraphPreview } | null = null;

/** What the page needs of a preview: its markup for the shapes (they stay out of the page's data). */
export function toFirstView(p: GraphPreview): FirstView {
  const { nodes, groups, edges, box, ...rest } = p;
  return { ...rest, html: previewHtml(p) };
}

/** The first view of an engine's current topology, for a graph of this width / height; null to leave it to the page. */
export async function firstView(aspect: number, engine: string | null = null): Promise<FirstView | null> {
  try {
    const store = topologyStore(engine);
    if (store.status().state !== 'live') return null;
    const topo = await store.currentWithin(WAIT_MS);
    if (!topo) return null;
    if (last?.topo !== topo || last.aspect !== aspect) last = { topo, aspect, preview: graphPreview(topo, aspect) };
    const p = last.preview;
    return p.nodes.length > 0 && p.nodes.length <= MAX_NODES ? toFirstView(p) : null;
  } catch {
    return null;
  }
}
