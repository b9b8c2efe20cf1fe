import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, nodesParam, parseKnobs, parseView, serializeView } from './view-state';

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

describe('the URL\'s tuning knobs', () => {
  it('reads ?fold=, ?overview= and ?renderer=, and nothing it does not know', () => {
    expect(parseKnobs('')).toEqual({ fold: null, overview: null, renderer: null });
    expect(parseKnobs('?fold=8&overview=200&renderer=webgl')).toEqual({ fold: 8, overview: 200, renderer: 'webgl' });
    expect(parseKnobs('?overview=off&renderer=canvas')).toEqual({ fold: null, overview: 'off', renderer: 'canvas' });
    expect(parseKnobs('?fold=0&overview=-1&renderer=vulkan')).toEqual({ fold: null, overview: null, renderer: null });
  });
});
