/**
 * The graph's first view for the page's HTML (lib/graph/preview), from the store: only when
 * the store is live and answers at once, so a slow or absent engine never holds the page up
 * (the page then opens with its loading state, as without a preview).
 */
import 'server-only';
import { graphPreview, type GraphPreview } from '@/lib/graph/preview';
export { ASPECT_COOKIE } from '@/lib/graph/browser-keys';
import { isKeptAspect } from '@/lib/graph/browser-keys';
import type { Topology } from '@/lib/topology/types';
import { topologyStore } from '@/lib/engines/registry';

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

export async function firstView(aspect: number, engine: string | null = null): Promise<GraphPreview | null> {
  try {
    const store = topologyStore(engine);
    if (store.status().state !== 'live') return null;
    const topo = await store.currentWithin(WAIT_MS);
    if (!topo) return null;
    if (last?.topo !== topo || last.aspect !== aspect) last = { topo, aspect, preview: graphPreview(topo, aspect) };
    const p = last.preview;
    return p.nodes.length > 0 && p.nodes.length <= MAX_NODES ? p : null;
  } catch {
    return null;
  }
}
