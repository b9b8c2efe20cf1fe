import { describe, expect, it } from 'vitest';
import { earlyTopology, inlineScript, placePreview, previewScript, type PreviewConfig, type PreviewEl, type PreviewRoot } from './bootstrap';

const cfg: PreviewConfig = {
  positionsKey: 'switchyard:positions:E', foldsKey: 'switchyard:folds:E',
  groupPadding: 10, groupLabelGap: 6, maxFitZoom: 1.2, containerFont: 15, minLabelPx: 11, edgeFont: 12,
};

/** Just enough of the DOM: elements with attributes and children found by selector. */
function el(attrs: Record<string, string> = {}, kids: Record<string, PreviewEl> = {}): PreviewEl & { attrs: Record<string, string> } {
  const a = { ...attrs };
  return {
    attrs: a,
    style: {},
    getAttribute: (n) => a[n] ?? null,
    setAttribute: (n, v) => { a[n] = String(v); },
    querySelector: (s) => kids[s] ?? null,
  };
}
function page() {
  const a = el({ 'data-id': 'ctr:a', 'data-x': '0', 'data-y': '0', 'data-w': '100', 'data-h': '40' });
  const b = el({ 'data-id': 'ctr:b', 'data-x': '200', 'data-y': '0', 'data-w': '100', 'data-h': '40' });
  const rect = el(), title = el();
  const group = el({ 'data-id': 'project:p', 'data-members': 'ctr:a ctr:b' }, { rect, text: title });
  const line = el(), label = el({ 'data-dx': '5', 'data-dy': '-10' });
  const edge = el({ 'data-s': 'ctr:a', 'data-t': 'ctr:b' }, { line, text: label });
  // A curve made for the server's positions (a --link round other containers).
  const path = el({ d: 'M0 0 Q100 80 200 0', 'data-x1': '0', 'data-y1': '0', 'data-x2': '200', 'data-y2': '0' });
  const curved = el({ 'data-s': 'ctr:a', 'data-t': 'ctr:b' }, { path });
  const svg = el();
  const classes: string[] = [];
  const list = (xs: PreviewEl[]) => ({ forEach: (fn: (x: PreviewEl) => void) => xs.forEach(fn), length: xs.length });
  const root: PreviewRoot = {
    clientWidth: 800, clientHeight: 600, style: { display: '' },
    firstElementChild: { classList: { add: (c) => { classes.push(c); } } },
    querySelector: (s) => (s === 'svg' ? svg : null),
    querySelectorAll: (s) => list(s === 'g.n' ? [a, b] : s === 'g.group' ? [group] : s === 'g.e' ? [edge, curved] : []),
  };
  return { root, a, b, rect, title, line, label, path, svg, classes };
}
const storage = (items: Record<string, string>) => ({ getItem: (k: string) => items[k] ?? null });

describe('placePreview', () => {
  it('moves kept nodes, and their project box and edges with them', () => {
    const p = page();
    expect(placePreview(p.root, cfg, storage({ [cfg.positionsKey]: JSON.stringify({ 'ctr:b': [400, 100] }) }))).toBe('placed');
    expect(p.b.attrs.transform).toBe('translate(400 100)');
    expect(p.a.attrs.transform).toBeUndefined();
    // The box holds both nodes with its padding: x from -50-10 to 450+10, y from -20-10 to 120+10.
    expect([p.rect.attrs.x, p.rect.attrs.y, p.rect.attrs.width, p.rect.attrs.height]).toEqual(['-60', '-30', '520', '160']);
    expect(p.title.attrs.y).toBe(String(-30 - 6));
    expect([p.line.attrs.x1, p.line.attrs.y1, p.line.attrs.x2, p.line.attrs.y2]).toEqual(['0', '0', '400', '100']);
    // The label level, at its offset from the middle (lib/graph/label-place).
    expect(p.label.attrs.transform).toBe('translate(205 40)');
    // The curve was for where b was: now b is elsewhere, a straight line.
    expect(p.path.attrs.d).toBe('M0 0 L400 100');
    expect(p.svg.attrs.viewBox).toBe('-60 -30 520 160');
    expect(p.classes).toEqual([]);
  });

  it('hides the preview when the user has folds of their own', () => {
    const p = page();
    expect(placePreview(p.root, cfg, storage({ [cfg.foldsKey]: JSON.stringify({ open: ['net:x'], closed: [] }) }))).toBe('folded');
    expect(p.root.style.display).toBe('none');
  });

  it('leaves the server\'s placement when storage holds something else, and ignores positions that are not numbers', () => {
    const p = page();
    expect(placePreview(p.root, cfg, storage({ [cfg.positionsKey]: '{not json' }))).toBe('unreadable');
    expect(p.a.attrs.transform).toBeUndefined();
    const q = page();
    expect(placePreview(q.root, cfg, storage({ [cfg.positionsKey]: JSON.stringify({ 'ctr:a': ['x', 1], 'ctr:b': 7 }) }))).toBe('placed');
    expect(q.a.attrs.transform).toBeUndefined();
    expect(q.b.attrs.transform).toBeUndefined();
  });

  it('hides labels that would be too small to read at the zoom the view fits to', () => {
    const p = page();
    const small = { ...p.root, clientWidth: 100, clientHeight: 80 };
    placePreview(small, cfg, storage({}));
    expect(p.classes).toEqual(['no-node-labels', 'no-edge-labels']);
  });
});

describe('inlineScript', () => {
  it('writes functions that need nothing around them: the preview script runs from its own source', () => {
    const p = page();
    const marks: unknown[] = [];
    const code = inlineScript(previewScript, placePreview, cfg);
    expect(code).not.toMatch(/<\/script/i);
    const window = {
      localStorage: storage({ [cfg.positionsKey]: JSON.stringify({ 'ctr:a': [10, 20] }) }),
      set __switchyardPreview(v: unknown) { marks.push(v); },
    };
    const document = { currentScript: { previousElementSibling: p.root } };
    const raf = (fn: () => void) => fn();
    new Function('window', 'document', 'requestAnimationFrame', 'performance', code)(window, document, raf, { now: () => 5 });
    expect(p.a.attrs.transform).toBe('translate(10 20)');
    expect(marks).toEqual([{ parsed: 5, at: 5, nodes: 2 }]);
  });

  it('keeps data from closing the script element', () => {
    expect(inlineScript(earlyTopology, 'k', '</script><script>alert(1)</script>', 1)).not.toMatch(/<\/script/i);
  });

  it('the early fetch answers the JSON, or null when the request fails', async () => {
    const w = globalThis as unknown as Record<string, unknown>;
    const realFetch = globalThis.fetch;
    const hadWindow = 'window' in globalThis;
    w.window = globalThis;
    try {
      globalThis.fetch = (async () => new Response('{"ok":1}', { status: 200 })) as typeof fetch;
      earlyTopology('__early', '/api/topology', 1000);
      expect(await w.__early).toEqual({ ok: 1 });
      globalThis.fetch = (async () => new Response('no', { status: 503 })) as typeof fetch;
      earlyTopology('__early', '/api/topology', 1000);
      expect(await w.__early).toBeNull();
      globalThis.fetch = (async () => { throw new Error('down'); }) as typeof fetch;
      earlyTopology('__early', '/api/topology', 1000);
      expect(await w.__early).toBeNull();
    } finally {
      globalThis.fetch = realFetch;
      delete w.__early;
      if (!hadWindow) delete w.window;
    }
  });
});
