import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resorted } from './sorted';

type Item = { k: number; tag: string };
const cmp = (a: Item, b: Item) => a.k - b.k;

describe('resorted', () => {
  it('equals a stable sort of what is kept and what is added, however many are added', () => {
    fc.assert(fc.property(fc.array(fc.nat(20), { maxLength: 60 }), fc.array(fc.boolean(), { maxLength: 60 }), fc.array(fc.nat(20), { maxLength: 80 }), (ks, drop, adds) => {
      const prev = ks.map((k, i) => ({ k, tag: `p${i}` })).sort(cmp);
      const stale = new Set(prev.filter((_, i) => drop[i]));
      const added = adds.map((k, i) => ({ k, tag: `a${i}` }));
      const want = [...prev.filter((x) => !stale.has(x)), ...added].sort(cmp);
      expect(resorted(prev, stale, [...added], cmp)).toEqual(want);
    }), { numRuns: 500 });
  });
});
