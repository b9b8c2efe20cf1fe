import { describe, expect, it } from 'vitest';
import { allotRows, FIRST_ROWS, ROW_STEP } from './list-rows';

const rowsOf = (...pairs: [string, number][]) => new Map(pairs);
const total = (r: { rows: ReadonlyMap<string, number>; loose: number }) => [...r.rows.values()].reduce((a, b) => a + b, 0) + r.loose;

describe('allotRows', () => {
  it('lists the first rows in list order, networks first, then the containers on none', () => {
    const r = allotRows(rowsOf(['a', 300], ['b', 300]), 50, null, FIRST_ROWS);
    expect([...r.rows]).toEqual([['a', 300], ['b', 100]]);
    expect(r.loose).toBe(0);
    expect(r).toMatchObject({ added: 400, pending: true });
  });

  it('grows a step at a time until everything is listed, then stops', () => {
    const now = rowsOf(['a', 300], ['b', 300]);
    let r = allotRows(now, 50, null, FIRST_ROWS);
    const seen = [total(r)];
    while (r.pending || r.added) {
      r = allotRows(now, 50, r, ROW_STEP);
      seen.push(total(r));
    }
    expect(seen).toEqual([400, 550, 650, 650]);
    expect([...r.rows]).toEqual([['a', 300], ['b', 300]]);
    expect(r.loose).toBe(50);
  });

  it('keeps what was listed when the view changes, and adds at most a step of new rows', () => {
    // Folded "a" holds nothing in the list; "b" and the loose containers were listed in full.
    const before = { rows: rowsOf(['a', 0], ['b', 120]), loose: 30 };
    // "a" unfolds with 5,000 members, "b" gains 2: new rows in list order, "a"'s first.
    const r = allotRows(rowsOf(['a', 5000], ['b', 122]), 30, before, ROW_STEP);
    expect(r.rows.get('a')).toBe(ROW_STEP);
    expect(r.rows.get('b')).toBe(120);
    expect(r.loose).toBe(30);
    expect(r).toMatchObject({ added: ROW_STEP, pending: true });
  });

  it('drops rows that are gone (a fold, a filter) and counts none of that as new', () => {
    const before = { rows: rowsOf(['a', 400], ['b', 100]), loose: 10 };
    const r = allotRows(rowsOf(['a', 0], ['b', 100]), 4, before, ROW_STEP);
    expect([...r.rows]).toEqual([['a', 0], ['b', 100]]);
    expect(r.loose).toBe(4);
    expect(r).toMatchObject({ added: 0, pending: false });
  });

  it('a network that was not there before takes from the step like any new row', () => {
    const before = { rows: rowsOf(['a', 10]), loose: 0 };
    const r = allotRows(rowsOf(['new', 1000], ['a', 10]), 0, before, ROW_STEP);
    expect(r.rows.get('a')).toBe(10);
    expect(r.rows.get('new')).toBe(ROW_STEP);
  });
});
