/**
 * The selection's neighbourhood: the elements next to the selected one are marked `nbr` (a
 * node's edges and the nodes at their other ends; an edge's two ends). The selection itself
 * is Cytoscape's own `:selected`, set by the graph.
 */
import type { DrawnGraph, GraphLayer, LayerMarks } from './layer';

const NAME = 'neighbourhood';
const CLASSES = ['nbr'] as const;
const NBR = ['nbr'] as const;

export const neighbourhoodLayer: GraphLayer<string | null> = {
  name: NAME,
  classes: CLASSES,
  mark: (selectedId: string | null, graph: DrawnGraph): LayerMarks => ({
    layer: NAME,
    classes: CLASSES,
    marks: new Map(selectedId ? graph.neighbours(selectedId).map((id) => [id, NBR]) : []),
  }),
};
