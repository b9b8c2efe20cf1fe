/**
 * Brings a live Cytoscape instance in line with a new element list, by id, in one batch:
 * stale elements go, new ones come, existing ones get new data and classes and keep their
 * positions. Returns the ids of the nodes added (the only ones that need a position: an edge
 * added or removed between nodes that stay needs none).
 *
 * At most `maxAdd` new nodes are added per call (with the edges that then have both ends, and
 * every compound parent): styling and first drawing thousands of elements at once (an
 * "Unfold all" on a large host) is seconds of one task, so the caller adds the rest in later
 * calls, one frame apart, passing `addOnly` when the list is the one already reconciled.
 * `groupOf` (a node's group, such as its network) makes a bounded pass take nodes group by
 * group. `more` says whether anything is still to add; `addedEles` holds what this call added.
 * `keep` names the classes the graph's layers set (./layer-painter): an element whose classes are
 * updated keeps those it has.
 */
import type { Collection, Core, ElementDefinition, SingularElementReturnValue } from 'cytoscape';
import type { GraphElement } from '@/lib/graph/elements';

export function reconcile(cy: Core, elements: readonly GraphElement[], maxAdd = Infinity, addOnly = false, groupOf?: (id: string) => string | null | undefined, keep: ReadonlySet<string> = NO_CLASSES): { added: string[]; addedEles: Collection; removed: number; more: boolean } {
  const next = byId(elements);
  // One walk over what is drawn: looking ids up one by one makes a collection each time. A
  // pass that only adds needs no element, only whether an id is drawn (Cytoscape's own index).
  const drawn = new Map<string, SingularElementReturnValue>();
  if (!addOnly) cy.elements().forEach((el) => {
    drawn.set(el.id(), el);
  });
  const isDrawn = addOnly ? (id: string) => cy.hasElementWithId(id) : (id: string) => drawn.has(id);
  const added: string[] = [];
  let removed = 0;
  let more = false;
  let addedEles = cy.collection();
  // Surviving nodes whose new parent is not drawn yet: moved into it once it is added.
  const reparent: [SingularElementReturnValue, string][] = [];
  cy.batch(() => {
    if (!addOnly) {
      // Move surviving nodes out of parents that change or go, before any parent is removed
      // (into the new parent now where it is drawn already, else once it is added, below).
      for (const e of elements) {
        if (e.group !== 'nodes') continue;
        const el = drawn.get(e.data.id);
        const want = e.data.parent ?? null;
        if (!el || (el.data('parent') ?? null) === want) continue;
        if (want === null || drawn.has(want)) el.move({ parent: want });
        else {
          el.move({ parent: null });
          reparent.push([el, want]);
        }
      }
      for (const [id, el] of drawn) {
        if (!el.isEdge()) continue;
        const e = next.get(id);
        if (!e || e.data.source !== el.data('source') || e.data.target !== el.data('target')) {
          el.remove();
          drawn.delete(id);
        }
      }
      for (const [id, el] of drawn) {
        if (!el.isNode() || next.has(id)) continue;
        if (!el.removed()) {
          el.remove();
          removed++;
        }
        drawn.delete(id);
      }
      // Removing a parent removes its children: forget whatever went with it.
      for (const [id, el] of drawn) if (el.removed()) drawn.delete(id);
    }
    const toAdd: ElementDefinition[] = [];
    const adding = new Set<string>();
    const add = (e: GraphElement) => {
      toAdd.push({ group: e.group, data: { ...e.data }, classes: e.classes.join(' ') });
      adding.add(e.data.id);
      if (e.group === 'nodes') added.push(e.data.id);
    };
    const present = (id: string) => adding.has(id) || isDrawn(id);
    // Compound parents first (they are few, and a child needs its parent), then nodes up to
    // the bound, then the edges whose two ends are then there.
    const parents = new Set<string>();
    for (const e of elements) if (e.data.parent) parents.add(e.data.parent);
    for (const e of elements) if (e.group === 'nodes' && parents.has(e.data.id) && !isDrawn(e.data.id)) add(e);
    // An addition over the bound takes whole groups (a network's card) a pass: every node an
    // addition touches is restyled with all its edges, so nodes spread over every network would
    // make each pass restyle the whole graph. (The order is worked out once per list: the
    // passes of one addition walk it again, not sort it again.) One that fits in a pass keeps
    // the list's order, which is the order Cytoscape's own layouts (grid, circle) place nodes in.
    let over = false;
    if (Number.isFinite(maxAdd) && groupOf) {
      let n = 0;
      for (const e of elements) if (e.group === 'nodes' && !present(e.data.id) && ++n > maxAdd) {
        over = true;
        break;
      }
    }
    const order = over ? groupOrder(elements, groupOf!) : elements;
    let missing = 0;
    for (const e of order) {
      if (e.group !== 'nodes' || present(e.data.id)) continue;
      if (++missing > maxAdd) {
        more = true;
        break;
      }
      add(e);
    }
    for (const e of elements) {
      if (adding.has(e.data.id)) continue;
      if (!isDrawn(e.data.id)) {
        // A node over the bound (counted above), or an edge: added once both its ends are.
        if (e.group === 'edges') {
          if (present(e.data.source!) && present(e.data.target!)) add(e);
          else if (next.has(e.data.source!) && next.has(e.data.target!)) more = true;
        }
        continue;
      }
      if (addOnly) continue;
      const el = drawn.get(e.data.id)!;
      // Only what changed: writing data or classes makes Cytoscape restyle the element.
      const data = el.data() as Record<string, unknown>;
      if (Object.entries(e.data).some(([k, v]) => data[k] !== v)) el.data(e.data);
      const classes = withKept(el.classes(), e.classes, keep);
      if (classes.join(' ') !== el.classes().join(' ')) el.classes(classes);
    }
    if (toAdd.length) addedEles = cy.add(toAdd);
    for (const [el, parent] of reparent) if (!el.removed() && cy.getElementById(parent).nonempty()) el.move({ parent });
  });
  return { added, addedEles, removed, more };
}

const byIds = new WeakMap<readonly GraphElement[], Map<string, GraphElement>>();
/**
 * The list by id, made once per list: the passes of one addition share it (a map of every
 * element a pass, at 5,000 containers, was garbage enough to bring major collections into passes).
 */
function byId(elements: readonly GraphElement[]): Map<string, GraphElement> {
  let m = byIds.get(elements);
  if (!m) {
    m = new Map(elements.map((e) => [e.data.id, e]));
    byIds.set(elements, m);
  }
  return m;
}

const groupOrders = new WeakMap<readonly GraphElement[], GraphElement[]>();
/** The list's nodes by group (by their own id where they have none), in a stable order. */
function groupOrder(elements: readonly GraphElement[], groupOf: (id: string) => string | null | undefined): GraphElement[] {
  let order = groupOrders.get(elements);
  if (!order) {
    const nodes = elements.filter((e) => e.group === 'nodes');
    const keys = new Map(nodes.map((e) => [e, groupOf(e.data.id) ?? e.data.id]));
    order = nodes.sort((a, b) => (keys.get(a)! < keys.get(b)! ? -1 : keys.get(a)! > keys.get(b)! ? 1 : 0));
    groupOrders.set(elements, order);
  }
  return order;
}

const NO_CLASSES: ReadonlySet<string> = new Set();
/** An element's classes from its data, and those layers set on it (they survive a data update). */
function withKept(current: string[], fromData: string[], keep: ReadonlySet<string>): string[] {
  return [...fromData, ...current.filter((c) => keep.has(c))];
}
