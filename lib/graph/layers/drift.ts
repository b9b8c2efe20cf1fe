/**
 * The Drift layer: compose containers that differ from their compose files (GET
 * /api/compose/drift), marked on the graph. A drifted container gets `drift` (or, where `docker
 * compose up` would recreate it now, `drift-up`); its endpoint edge to a network its files do
 * not name gets `drift-extra` (a recreate cuts it); a container Switchyard cannot judge gets
 * `drift-unknown`. A container folded into a group marks the group. Pure.
 */
import { ids } from '@/lib/graph/ids';
import type { ContainerDrift } from '@/lib/compose/drift';
import type { DrawnGraph, GraphLayer, LayerMarks } from './layer';

const NAME = 'drift';
export const DRIFT_CLASSES = ['drift', 'drift-up', 'drift-unknown', 'drift-extra'] as const;

export interface DriftLayerData {
  containers: readonly Pick<ContainerDrift, 'containerId' | 'status' | 'up' | 'items'>[];
  /** Where a container is drawn when it is not its own node (a folded group), by container id. */
  drawnAs?: ReadonlyMap<string, string>;
}

const RANK = { 'drift-unknown': 1, drift: 2, 'drift-up': 3 } as const;

export const driftLayer: GraphLayer<DriftLayerData> = {
  name: NAME,
  classes: DRIFT_CLASSES,
  mark(data: DriftLayerData, graph: DrawnGraph): LayerMarks {
    const marks = new Map<string, string[]>();
    const node = new Map<string, keyof typeof RANK>();
    for (const c of data.containers) {
      const cls = c.status === 'drift' ? (c.up === 'recreates' ? 'drift-up' : 'drift') : c.status === 'unknown' ? 'drift-unknown' : null;
      if (!cls) continue;
      const own = ids.container(c.containerId);
      const at = graph.has(own) ? own : data.drawnAs?.get(c.containerId) ?? null;
      if (at && graph.has(at) && RANK[cls] > (node.has(at) ? RANK[node.get(at)!] : 0)) node.set(at, cls);
      for (const i of c.items) {
        if (i.kind !== 'extra-network' || !i.network?.id) continue;
        const edge = ids.endpoint(i.network.id, c.containerId);
        if (graph.has(edge)) marks.set(edge, ['drift-extra']);
      }
    }
    for (const [id, cls] of node) marks.set(id, [cls]);
    return { layer: NAME, classes: DRIFT_CLASSES, marks };
  },
};
