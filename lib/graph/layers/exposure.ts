/**
 * The Exposure layer: which containers other machines can reach through a published port
 * (GET /api/exposure), marked on the graph. A container gets the class of its riskiest port:
 * `exposed-all` (open to every machine that routes to this host), `exposed` (open on some
 * interface or address), `exposed-narrowed` (published beyond loopback, but dropped, narrowed
 * or unknown by a firewall rule); a port edge of such a port gets `exposed-port`. Loopback-only
 * ports mark nothing. A container folded into a group marks the group. Pure.
 */
import { ids } from '@/lib/graph/ids';
import type { Exposure } from '@/lib/exposure/exposure';
import type { DrawnGraph, GraphLayer, LayerMarks } from './layer';

const NAME = 'exposure';
export const EXPOSURE_CLASSES = ['exposed-all', 'exposed', 'exposed-narrowed', 'exposed-port'] as const;

const classOf = (risk: number) => (risk >= 3 ? 'exposed-all' : risk >= 2 ? 'exposed' : risk >= 1 ? 'exposed-narrowed' : null);

export interface ExposureLayerData {
  ports: readonly Pick<Exposure, 'containerId' | 'risk' | 'hostIp' | 'hostPort' | 'containerPort' | 'protocol'>[];
  /** Where a container is drawn when it is not its own node (a folded group), by container id. */
  drawnAs?: ReadonlyMap<string, string>;
}

export const exposureLayer: GraphLayer<ExposureLayerData> = {
  name: NAME,
  classes: EXPOSURE_CLASSES,
  mark(data: ExposureLayerData, graph: DrawnGraph): LayerMarks {
    const marks = new Map<string, string[]>();
    const risk = new Map<string, number>();
    const add = (id: string, cls: string) => {
      const list = marks.get(id) ?? [];
      if (!list.includes(cls)) list.push(cls);
      marks.set(id, list);
    };
    for (const p of data.ports) {
      const cls = classOf(p.risk);
      if (!cls) continue;
      const own = ids.container(p.containerId);
      const node = graph.has(own) ? own : data.drawnAs?.get(p.containerId) ?? null;
      if (node && graph.has(node) && (risk.get(node) ?? -1) < p.risk) risk.set(node, p.risk);
      const edge = ids.port(p.containerId, { hostIp: p.hostIp, hostPort: p.hostPort, containerPort: p.containerPort, protocol: p.protocol });
      if (graph.has(edge)) add(edge, 'exposed-port');
    }
    for (const [node, r] of risk) add(node, classOf(r)!);
    return { layer: NAME, classes: EXPOSURE_CLASSES, marks };
  },
};
