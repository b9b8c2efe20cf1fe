/**
 * Cytoscape plugins, loaded when first needed (fcose for its layout, svg for an SVG export):
 * the page's first view compiles less JavaScript. Each registers once, at module level.
 */
import cytoscape from 'cytoscape';

const plugins = new Map<string, Promise<void>>();

export function plugin(name: 'fcose' | 'svg'): Promise<void> {
  let p = plugins.get(name);
  if (!p) {
    p = (name === 'fcose' ? import('cytoscape-fcose') : import('cytoscape-svg')).then((m) => {
      cytoscape.use(m.default);
    });
    plugins.set(name, p);
  }
  return p;
}
