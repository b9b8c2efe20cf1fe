/**
 * Layouts. "clusters" (lib/graph/layout-clusters) is the default: linear, deterministic,
 * each network with its members. The force-directed and geometric ones are Cytoscape's and
 * are offered only up to SMALL_LAYOUT_MAX nodes, where they finish in a blink.
 */
import type { LayoutOptions } from 'cytoscape';
import type { LayoutName } from '@/lib/graph/view-state';

export const SMALL_LAYOUT_MAX = 300;

export function layoutOptions(name: Exclude<LayoutName, 'clusters'>, opts: { fit: boolean; randomize: boolean }): LayoutOptions {
  const common = { fit: opts.fit, padding: 24, animate: false };
  switch (name) {
    case 'fcose':
      return {
        name: 'fcose', ...common, randomize: opts.randomize, quality: 'default', nodeSeparation: 40,
        idealEdgeLength: 60, nodeRepulsion: 4500, packComponents: true, tile: true, tilingPaddingVertical: 14, tilingPaddingHorizontal: 14,
      } as LayoutOptions;
    case 'concentric':
      return {
        name: 'concentric', ...common, minNodeSpacing: 20,
        // networks in the middle, containers around them
        concentric: (n: { data: (k: string) => unknown }) => (n.data('kind') === 'network' || n.data('kind') === 'host' ? 2 : 1),
        levelWidth: () => 1,
      } as LayoutOptions;
    case 'breadthfirst':
      return { name: 'breadthfirst', ...common, directed: false, spacingFactor: 1 } as LayoutOptions;
    case 'grid':
      return { name: 'grid', ...common, avoidOverlap: true } as LayoutOptions;
    case 'circle':
      return { name: 'circle', ...common, avoidOverlap: true } as LayoutOptions;
  }
}
