/**
 * Paints layers' marks (lib/graph/layers) on the graph: exactly the classes each layer marks,
 * on the elements it marks. A new set of marks changes only what differs from the last; the
 * elements a pass adds are painted as they come; and the classes stay through reconcile's data
 * updates (`keep()`). The painter knows classes and ids, never what a layer means.
 */
import type { Collection, Core } from 'cytoscape';
import type { LayerMarks } from '@/lib/graph/layers/layer';

export class LayerPainter {
  private shown = new Map<string, LayerMarks>();
  private kept = new Set<string>();

  /** Every class a layer may set: reconcile leaves these on an element whose data it updates. */
  keep(): ReadonlySet<string> {
    return this.kept;
  }

  /** Shows these layers' marks instead of the last ones. */
  show(cy: Core, layers: readonly LayerMarks[]): void {
    const next = new Map(layers.map((l) => [l.layer, l]));
    const changed = [...new Set([...this.shown.keys(), ...next.keys()])].filter((name) => this.shown.get(name) !== next.get(name));
    if (changed.length === 0) return;
    cy.batch(() => {
      for (const name of changed) {
        const before = this.shown.get(name)?.marks ?? NONE;
        const after = next.get(name)?.marks ?? NONE;
        for (const [id, classes] of before) {
          const now = after.get(id);
          if (now && same(now, classes)) continue;
          const el = cy.getElementById(id);
          if (el.nonempty()) el.removeClass(classes.join(' '));
        }
        for (const [id, classes] of after) {
          const was = before.get(id);
          if (was && same(was, classes)) continue;
          const el = cy.getElementById(id);
          if (el.nonempty()) el.addClass(classes.join(' '));
        }
      }
    });
    this.shown = next;
    this.kept = new Set(layers.flatMap((l) => l.classes));
  }

  /** Paints the elements a pass just added (reconcile adds them with their own classes only). */
  added(cy: Core, eles: Collection): void {
    if (eles.empty() || this.shown.size === 0) return;
    const layers = [...this.shown.values()].filter((l) => l.marks.size > 0);
    if (layers.length === 0) return;
    cy.batch(() => eles.forEach((el) => {
      for (const l of layers) {
        const classes = l.marks.get(el.id());
        if (classes) el.addClass(classes.join(' '));
      }
    }));
  }
}

const NONE: ReadonlyMap<string, readonly string[]> = new Map();
const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((c, i) => c === b[i]);
