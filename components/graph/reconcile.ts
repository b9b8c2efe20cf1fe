/**
 * Brings a live Cytoscape instance in line with a new element list, by id, in one batch:
 * stale elements go, new ones come, existing ones get new data and classes and keep their
 * positions. Returns the ids of the nodes added (the only ones that need a position: an edge
 * added or removed between nodes that stay needs none).
 */
import type { Core, ElementDefinition } from 'cytoscape';
import type { GraphElement } from '@/lib/graph/elements';

export function reconcile(cy: Core, elements: readonly GraphElement[]): { added: string[]; removed: number } {
  const next = new Map(elements.map((e) => [e.data.id, e]));
  const added: string[] = [];
  let removed = 0;
  cy.batch(() => {
    // Move surviving nodes out of parents that change or go, before any parent is removed.
    for (const e of elements) {
      if (e.group !== 'nodes') continue;
      const el = cy.getElementById(e.data.id);
      if (el.nonempty() && (el.data('parent') ?? null) !== (e.data.parent ?? null)) {
        el.move({ parent: e.data.parent ?? null });
      }
    }
    cy.edges().forEach((el) => {
      const e = next.get(el.id());
      if (!e || e.data.source !== el.data('source') || e.data.target !== el.data('target')) el.remove();
    });
    cy.nodes().forEach((el) => {
      if (!next.has(el.id()) && !el.removed()) {
        el.remove();
        removed++;
      }
    });
    const toAdd: ElementDefinition[] = [];
    for (const e of elements) {
      const el = cy.getElementById(e.data.id);
      if (el.empty()) {
        toAdd.push({ group: e.group, data: { ...e.data }, classes: e.classes.join(' ') });
        if (e.group === 'nodes') added.push(e.data.id);
      } else {
        // Only what changed: writing data or classes makes Cytoscape restyle the element.
        const data = el.data() as Record<string, unknown>;
        if (Object.entries(e.data).some(([k, v]) => data[k] !== v)) el.data(e.data);
        const classes = mergeLocalClasses(el.classes(), e.classes);
        if (classes.join(' ') !== el.classes().join(' ')) el.classes(classes);
      }
    }
    if (toAdd.length) cy.add(toAdd);
  });
  return { added, removed };
}

/** Classes the page sets on elements itself (pending, neighbourhood) survive a data update. */
const LOCAL = new Set(['pending', 'nbr']);
function mergeLocalClasses(current: string[], fromData: string[]): string[] {
  return [...fromData, ...current.filter((c) => LOCAL.has(c))];
}
