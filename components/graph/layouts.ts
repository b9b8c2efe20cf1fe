/** Layout options per layout name. fcose reads well for networks with their members. */
import type { LayoutOptions } from 'cytoscape';
import type { LayoutName } from '@/lib/graph/view-state';

export function layoutOptions(name: LayoutName, opts: { fit: boolean; randomize: boolean }): LayoutOptions {
  const common = { fit: opts.fit, padding: 30, animate: false };
  switch (name) {
    case 'fcose':
      return {
        name: 'fcose', ...common, randomize: opts.randomize, quality: 'default', nodeSeparation: 60,
        idealEdgeLength: 70, nodeRepulsion: 6000, packComponents: true, tile: true, tilingPaddingVertical: 20, tilingPaddingHorizontal: 20,
      } as LayoutOptions;
    case 'concentric':
      return {
        name: 'concentric', ...common, minNodeSpacing: 30,
        // networks in the middle, containers around them
        concentric: (n: { data: (k: string) => unknown }) => (n.data('kind') === 'network' || n.data('kind') === 'host' ? 2 : 1),
        levelWidth: () => 1,
      } as LayoutOptions;
    case 'breadthfirst':
      return { name: 'breadthfirst', ...common, directed: false, spacingFactor: 1.1 } as LayoutOptions;
    case 'grid':
      return { name: 'grid', ...common, avoidOverlap: true } as LayoutOptions;
    case 'circle':
      return { name: 'circle', ...common, avoidOverlap: true } as LayoutOptions;
  }
}
