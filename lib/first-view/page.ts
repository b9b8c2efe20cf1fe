/**
 * The first view on the page's side: what the server hands the page (FirstView), and when the
 * page may draw its elements as they are, before and after its own topology arrives. The
 * server's side is ./server (from the store) and ./svg (the markup); the script that runs
 * before the page's own is ./bootstrap. Pure.
 */
import type { GraphPreview } from '@/lib/graph/preview';
import { DEFAULT_VIEW, foldFilterKey } from '@/lib/graph/view-state';

/** The graph's first view drawn by the server (./svg), shown until Cytoscape has drawn. */
export type FirstView = Omit<GraphPreview, 'nodes' | 'groups' | 'edges' | 'box'> & {
  /** Its markup: shown until Cytoscape has drawn. Its `elements` are drawn by Cytoscape before the page's own topology arrives. */
  html: string;
};

/** The fold filter of the view the server draws a first view for (the default one). */
export const FIRST_VIEW_FILTER_KEY = foldFilterKey(DEFAULT_VIEW);

/**
 * Whether the page would compute exactly the first view's elements: the same topology
 * version, the default view (the search aside: it is a layer, not part of the elements), no
 * host interfaces, the same folds.
 */
export function isEarlyView(v: Pick<FirstView, 'epoch' | 'version' | 'collapsed'>, t: { meta?: { epoch: string; version: number } }, filterKey: string, hostIfaces: boolean, collapsed: ReadonlySet<string>): boolean {
  return v.epoch !== null && t.meta?.epoch === v.epoch && t.meta.version === v.version && filterKey === FIRST_VIEW_FILTER_KEY && !hostIfaces
    && collapsed.size === v.collapsed.length && v.collapsed.every((k) => collapsed.has(k));
}
