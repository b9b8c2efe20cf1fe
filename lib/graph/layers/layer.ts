/**
 * A layer: a view that restyles graph elements from data of its own (a search, a selection's
 * neighbourhood, a reachability path, changes since a moment; next, traffic and exposure).
 * Kiali's decorators and Headlamp's glance overlays, in Switchyard's shape:
 *
 * - a layer is one file, pure: `mark(data, graph)` answers which element gets which classes;
 * - the page runs each layer on its own data and hands the graph the marks (LayerMarks);
 * - the graph paints them (components/graph/layer-painter), keeps them through its updates,
 *   and never learns a layer's name;
 * - what a class looks like is in the graph's stylesheet (components/graph/styles).
 *
 * A new layer: a file here with its test, a line in the page that runs it, and its classes'
 * style. docs/architecture.md has the steps.
 */
import type { GraphElement } from '@/lib/graph/elements';
import { ids } from '@/lib/graph/ids';

/** Which classes each element gets from one layer. */
export interface LayerMarks {
  /** The layer's name: for diagnostics and tests, never for behaviour. */
  readonly layer: string;
  /** Every class the layer may set (the graph keeps them through data updates). */
  readonly classes: readonly string[];
  /** Element id -> the classes it has from this layer. */
  readonly marks: ReadonlyMap<string, readonly string[]>;
}

export interface GraphLayer<D> {
  readonly name: string;
  readonly classes: readonly string[];
  /** The marks for this data on this graph (the element list the graph draws). Pure. */
  mark(data: D, graph: DrawnGraph): LayerMarks;
}

/** What a layer may ask of the graph it marks. */
export interface DrawnGraph {
  readonly elements: readonly GraphElement[];
  has(id: string): boolean;
  /** An element's neighbours as Cytoscape counts them: a node's edges and the nodes at their other ends; an edge's two ends. */
  neighbours(id: string): string[];
}

const graphs = new WeakMap<readonly GraphElement[], DrawnGraph>();

/** The graph an element list draws, indexed once per list. */
export function drawnGraph(elements: readonly GraphElement[]): DrawnGraph {
  let g = graphs.get(elements);
  if (g) return g;
  const byId = new Map<string, GraphElement>();
  let edgesOf: Map<string, GraphElement[]> | null = null;
  for (const e of elements) byId.set(e.data.id, e);
  g = {
    elements,
    has: (id) => byId.has(id),
    neighbours: (id) => {
      const el = byId.get(id);
      if (!el) return [];
      if (el.group === 'edges') return [el.data.source!, el.data.target!].filter((x) => byId.has(x));
      if (!edgesOf) {
        edgesOf = new Map();
        for (const e of elements) {
          if (e.group !== 'edges') continue;
          for (const end of [e.data.source!, e.data.target!]) {
            const list = edgesOf.get(end);
            if (list) list.push(e);
            else edgesOf.set(end, [e]);
          }
        }
      }
      const out = new Set<string>();
      for (const e of edgesOf.get(id) ?? []) {
        if (!byId.has(e.data.source!) || !byId.has(e.data.target!)) continue;
        out.add(e.data.id);
        out.add(e.data.source === id ? e.data.target! : e.data.source!);
      }
      out.delete(id);
      return [...out];
    },
  };
  graphs.set(elements, g);
  return g;
}

/** A layer that gives one class to the elements it is handed (a path, what is pending, what changed). */
export function idsLayer(name: string, cls: string): GraphLayer<readonly string[]> {
  return {
    name,
    classes: [cls],
    mark: (elementIds) => ({ layer: name, classes: [cls], marks: new Map(elementIds.map((id) => [id, [cls]])) }),
  };
}

/** No marks (a layer with nothing to show). */
export const noMarks = (layer: Pick<GraphLayer<unknown>, 'name' | 'classes'>): LayerMarks => ({ layer: layer.name, classes: layer.classes, marks: new Map() });

/**
 * Where each of these containers is drawn when it is not its own node: its compose project's
 * folded node, else a folded network it is on (for layers that mark containers).
 */
export function drawnAsOf(containerIds: ReadonlySet<string>, drawn: { containers: readonly { id: string; composeProject: string | null }[]; endpoints: readonly { containerId: string; networkId: string }[] }, graph: DrawnGraph): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of drawn.containers) {
    if (!containerIds.has(c.id) || graph.has(ids.container(c.id))) continue;
    const at = [c.composeProject ? ids.project(c.composeProject) : null, ...drawn.endpoints.filter((e) => e.containerId === c.id).map((e) => ids.network(e.networkId))].find((x) => x && graph.has(x));
    if (at) out.set(c.id, at);
  }
  return out;
}
