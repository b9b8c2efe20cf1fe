/**
 * The search layer: what the search box matches is marked `match`, the rest of the containers
 * and networks `faded`. A folded group (a network, a compose project) that holds a match is a
 * match itself: the matched container is inside it. The host node is marked by the host
 * network, where it is shown. Edges are left as they are.
 */
import { visibleTopology, type TopologyFilter } from '@/lib/graph/filter';
import { placeContainers } from '@/lib/graph/fold';
import { HOST_NODE_ID, ids } from '@/lib/graph/ids';
import type { Topology } from '@/lib/topology/types';
import type { DrawnGraph, GraphLayer, LayerMarks } from './layer';

export interface SearchData {
  /** The topology the graph draws (regrouped where it is). */
  topology: Topology;
  /** The view's filter, with its search (`q`). */
  filter: TopologyFilter;
  /** The folded groups' element ids. */
  collapsed: ReadonlySet<string>;
}

const NAME = 'search';
const CLASSES = ['match', 'faded'] as const;

export const searchLayer: GraphLayer<SearchData> = {
  name: NAME,
  classes: CLASSES,
  mark: ({ topology: t, filter, collapsed }: SearchData, graph: DrawnGraph): LayerMarks => {
    const marks = new Map<string, readonly string[]>();
    const out: LayerMarks = { layer: NAME, classes: CLASSES, marks };
    if (!filter.q.trim()) return out;
    const vis = visibleTopology(t, filter);
    const matches = vis.matches!;
    const rep = placeContainers(vis, collapsed);
    // Groups holding a match are marked as matches themselves.
    const groupMatches = new Set<string>();
    for (const id of matches) {
      const r = rep.get(id);
      if (r?.kind === 'project') groupMatches.add(r.key);
      if (r?.kind === 'networks') r.keys.forEach((k) => groupMatches.add(k));
    }
    const mark = (elementId: string, matched: boolean) => {
      if (graph.has(elementId)) marks.set(elementId, [matched ? 'match' : 'faded']);
    };
    const hostNet = vis.networks.find((n) => n.builtin && n.driver === 'host');
    if (hostNet) mark(HOST_NODE_ID, matches.has(hostNet.id));
    for (const n of vis.networks) {
      if (n === hostNet) continue;
      const id = ids.network(n.id);
      mark(id, matches.has(n.id) || groupMatches.has(id));
    }
    // A project's box is marked only while it is folded (unfolded, its containers are).
    for (const key of collapsed) if (key.startsWith(ids.project(''))) mark(key, groupMatches.has(key));
    for (const c of vis.containers) if (rep.get(c.id)?.kind === 'self') mark(ids.container(c.id), matches.has(c.id));
    return out;
  },
};
