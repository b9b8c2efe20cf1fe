/**
 * How many rows the list view lists now, per network and for the containers on none. Pure.
 *
 * A host of thousands of containers is listed a step at a time, so no task makes thousands of
 * rows (at 5,000 containers, 400 rows were 100-150 ms of one task). Two rules keep each step
 * small whatever changes between them:
 * - what the last render listed stays listed (capped by what there is now), so a change of the
 *   view (an unfold, a live update) never unmounts rows only to make others in one task;
 * - at most `budget` rows are new, given in list order.
 *
 * Not a virtual list (@tanstack/react-virtual) on purpose: the list view is the graph's
 * accessible twin ("the list view has the same content"), so every row stays in the document,
 * for a screen reader, the keyboard's Tab order and the browser's find-in-page, which a virtual
 * list takes away from rows off screen. Rows off screen cost no layout or paint
 * (`content-visibility: auto` on each network's section); only making them is stepped here.
 */

/** What a render lists: rows per network id, and of the containers on no network. */
export interface ListedRows {
  rows: ReadonlyMap<string, number>;
  loose: number;
}

/** Rows listed at first (the first view, before any step). */
export const FIRST_ROWS = 400;
/**
 * Rows a later step may add: at 5,000 containers here a row is 0.25-0.35 ms to render and
 * commit, so a step is about 50 ms, a quarter of the 200 ms no task may take, with room for a
 * collection or a slower machine.
 */
export const ROW_STEP = 150;

/**
 * The rows to list: `rowsOf` is what each network has now (0 when folded), in list order;
 * `loose` the containers on none; `before` what the last render listed (null at first).
 */
export function allotRows(rowsOf: ReadonlyMap<string, number>, loose: number, before: ListedRows | null, budget: number): ListedRows & { added: number; pending: boolean } {
  let left = budget;
  let pending = false;
  const rows = new Map<string, number>();
  for (const [id, n] of rowsOf) {
    const kept = Math.min(n, before?.rows.get(id) ?? 0);
    const extra = Math.min(n - kept, left);
    left -= extra;
    rows.set(id, kept + extra);
    if (kept + extra < n) pending = true;
  }
  const keptLoose = Math.min(loose, before?.loose ?? 0);
  const looseExtra = Math.min(loose - keptLoose, left);
  left -= looseExtra;
  if (keptLoose + looseExtra < loose) pending = true;
  return { rows, loose: keptLoose + looseExtra, added: budget - left, pending };
}
