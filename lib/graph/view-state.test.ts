import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, nodesParam, parseView, serializeView } from './view-state';

describe('nodesParam', () => {
  it('takes a whole number from 1, and the fallback for anything else', () => {
    expect(nodesParam('?fold=8', 'fold', 60)).toBe(8);
    expect(nodesParam('?overview=1&fold=3', 'overview', 1500)).toBe(1);
    for (const bad of ['', '?fold', '?fold=', '?fold=%20', '?fold=0', '?fold=-4', '?fold=2.5', '?fold=abc', '?fold=1e400', '?other=8']) {
      expect(nodesParam(bad, 'fold', 60), bad).toBe(60);
    }
  });
});

describe('view state in the URL', () => {
  it('writes nothing for the default view, and reads back any other', () => {
    expect(serializeView(DEFAULT_VIEW)).toBe('');
    const v = { ...DEFAULT_VIEW, engine: 'lab2', q: 'redis', network: 'n1', hideStopped: true, layout: 'grid' as const, sel: 'ctr:abc' };
    const s = serializeView(v);
    expect(s).toBe('?engine=lab2&q=redis&network=n1&hideStopped=1&layout=grid&sel=ctr%3Aabc');
    expect(parseView(new URLSearchParams(s))).toEqual(v);
  });
});
