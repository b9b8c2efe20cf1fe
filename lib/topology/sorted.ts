/**
 * Keeping a sorted list sorted when a few of its items change: the work is in proportion to
 * the change (a filter of the list and a binary search per item), not a sort of the whole. Pure.
 */

/** The last index in `list` (sorted by `cmp`) at which `x` may go: after its equals, as a stable sort puts it. */
export function upperBound<T>(list: readonly T[], x: T, cmp: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(list[mid]!, x) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Past this many new items a merge is cheaper than an insertion each. */
const INSERT_MAX = 32;

/**
 * `prev` (sorted by `cmp`) without the items in `stale`, with `added` in their places: the
 * same list as sorting the result afresh, when `cmp` is a total order.
 */
export function resorted<T>(prev: readonly T[], stale: ReadonlySet<T>, added: T[], cmp: (a: T, b: T) => number): T[] {
  const kept = stale.size ? prev.filter((x) => !stale.has(x)) : prev.slice();
  if (added.length === 0) return kept;
  added.sort(cmp);
  if (added.length <= INSERT_MAX) {
    for (const x of added) kept.splice(upperBound(kept, x, cmp), 0, x);
    return kept;
  }
  const out: T[] = new Array(kept.length + added.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < kept.length && j < added.length) out[k++] = cmp(kept[i]!, added[j]!) <= 0 ? kept[i++]! : added[j++]!;
  while (i < kept.length) out[k++] = kept[i++]!;
  while (j < added.length) out[k++] = added[j++]!;
  return out;
}
