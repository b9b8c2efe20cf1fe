/**
 * The page's only JavaScript that runs before its scripts load, as real functions: the server
 * writes each into the HTML with `inlineScript` (its source, called with JSON arguments), so
 * each must be whole in itself (no imports, no closures, ES5-safe syntax the browser parses as
 * is). Tested in ./bootstrap.test.ts, linted like the rest.
 *
 * - earlyTopology: asks for the topology as the HTML is parsed (lib/hooks/use-topology takes
 *   the answer for its first fetch), about a second before the page's scripts would;
 * - placePreview: runs right after the server-drawn first view (./svg): kept positions (as the
 *   page keeps them, components/graph/positions-store) move nodes, their edges and project
 *   boxes; labels Cytoscape would leave out at this zoom are hidden; a user's own folds hide
 *   the preview (the page draws those itself). Then it notes when the preview was painted.
 */

/** What placePreview needs: the storage keys and the graph's sizes (lib/graph/geometry). */
export interface PreviewConfig {
  /** localStorage keys of this engine's positions and folds (lib/graph/browser-keys). */
  positionsKey: string;
  foldsKey: string;
  groupPadding: number;
  groupLabelGap: number;
  maxFitZoom: number;
  containerFont: number;
  minLabelPx: number;
  edgeFont: number;
}

/** The preview's wrapper as placePreview reads and changes it (an HTMLElement in the browser). */
export interface PreviewRoot {
  clientWidth: number;
  clientHeight: number;
  style: { display: string };
  firstElementChild: { classList: { add(c: string): void } } | null;
  querySelector(s: string): PreviewEl | null;
  querySelectorAll(s: string): { forEach(fn: (el: PreviewEl) => void): void; length: number };
}
export interface PreviewEl {
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string | number): void;
  querySelector(s: string): PreviewEl | null;
  style: Record<string, string>;
}

/**
 * Writes `fn` into a page as a script that calls it with these arguments: data as JSON, a
 * function (one of these) as its source.
 */
export function inlineScript(fn: (...args: never[]) => unknown, ...args: unknown[]): string {
  // `<` is escaped so no argument can close the script element.
  const arg = (a: unknown) => (typeof a === 'function' ? a.toString() : JSON.stringify(a).replace(/</g, '\\u003c'));
  return `(${fn.toString()})(${args.map(arg).join(',')});`;
}

/** `window[key] = fetch(url)` answering the JSON, or null on any failure or after `timeoutMs`. */
export function earlyTopology(key: string, url: string, timeoutMs: number): void {
  const w = window as unknown as Record<string, unknown>;
  const signal = typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(timeoutMs) : undefined;
  w[key] = fetch(url, { cache: 'no-cache', headers: { accept: 'application/json' }, signal })
    .then(function (r) { return r.ok ? r.json() : null; })
    .catch(function () { return null; });
}

/**
 * Places the preview `root` as the page will draw it. Answers what it did: 'folded' (hidden:
 * the user's own folds make another graph), 'placed', or 'unreadable' (storage could not be
 * read: the preview is left as the server drew it).
 */
export function placePreview(root: PreviewRoot, cfg: PreviewConfig, storage: Pick<Storage, 'getItem'>): 'folded' | 'placed' | 'unreadable' {
  let folds: { open?: unknown[]; closed?: unknown[] } | null;
  let kept: Record<string, [number, number]>;
  try {
    folds = JSON.parse(storage.getItem(cfg.foldsKey) || 'null');
    kept = JSON.parse(storage.getItem(cfg.positionsKey) || 'null') || {};
  } catch (err) {
    // Storage turned off, or a value not written by Switchyard: the server's placement stands.
    console.warn('[switchyard] the first view could not read the kept positions', err);
    return 'unreadable';
  }
  if (folds && ((folds.open && folds.open.length) || (folds.closed && folds.closed.length))) {
    root.style.display = 'none';
    return 'folded';
  }
  const pos: Record<string, { x: number; y: number; w: number; h: number }> = {};
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  const grow = function (x1: number, y1: number, x2: number, y2: number) {
    b[0] = Math.min(b[0]!, x1); b[1] = Math.min(b[1]!, y1); b[2] = Math.max(b[2]!, x2); b[3] = Math.max(b[3]!, y2);
  };
  const num = function (el: PreviewEl, name: string) { return Number(el.getAttribute(name)); };
  root.querySelectorAll('g.n').forEach(function (g) {
    const id = g.getAttribute('data-id') || '';
    const k = kept[id];
    let x = num(g, 'data-x'), y = num(g, 'data-y');
    const w = num(g, 'data-w'), h = num(g, 'data-h');
    if (k && Array.isArray(k) && isFinite(k[0]) && isFinite(k[1])) {
      x = k[0]; y = k[1];
      g.setAttribute('transform', 'translate(' + x + ' ' + y + ')');
    }
    pos[id] = { x: x, y: y, w: w, h: h };
    grow(x - w / 2, y - h / 2, x + w / 2, y + h / 2);
  });
  root.querySelectorAll('g.group').forEach(function (g) {
    const q = [Infinity, Infinity, -Infinity, -Infinity];
    (g.getAttribute('data-members') || '').split(' ').forEach(function (i) {
      const p = pos[i];
      if (!p) return;
      q[0] = Math.min(q[0]!, p.x - p.w / 2); q[1] = Math.min(q[1]!, p.y - p.h / 2);
      q[2] = Math.max(q[2]!, p.x + p.w / 2); q[3] = Math.max(q[3]!, p.y + p.h / 2);
    });
    const P = cfg.groupPadding;
    const x1 = q[0]! - P, y1 = q[1]! - P, x2 = q[2]! + P, y2 = q[3]! + P;
    const r = g.querySelector('rect'), t = g.querySelector('text');
    if (r) { r.setAttribute('x', x1); r.setAttribute('y', y1); r.setAttribute('width', x2 - x1); r.setAttribute('height', y2 - y1); }
    if (t) { t.setAttribute('x', (x1 + x2) / 2); t.setAttribute('y', y1 - cfg.groupLabelGap); }
    pos[g.getAttribute('data-id') || ''] = { x: (x1 + x2) / 2, y: (y1 + y2) / 2, w: x2 - x1, h: y2 - y1 };
    grow(x1, y1, x2, y2);
  });
  root.querySelectorAll('g.e').forEach(function (g) {
    const a = pos[g.getAttribute('data-s') || ''], c = pos[g.getAttribute('data-t') || ''];
    const l = g.querySelector('line'), p = g.querySelector('path'), t = g.querySelector('text');
    if (!a || !c || (!l && !p)) return;
    if (l) { l.setAttribute('x1', a.x); l.setAttribute('y1', a.y); l.setAttribute('x2', c.x); l.setAttribute('y2', c.y); }
    // A curve was made for the server's positions: where the user's differ, a straight line.
    if (p && (a.x !== num(p, 'data-x1') || a.y !== num(p, 'data-y1') || c.x !== num(p, 'data-x2') || c.y !== num(p, 'data-y2'))) p.setAttribute('d', 'M' + a.x + ' ' + a.y + ' L' + c.x + ' ' + c.y);
    if (t) t.setAttribute('transform', 'translate(' + ((a.x + c.x) / 2 + num(t, 'data-dx')) + ' ' + ((a.y + c.y) / 2 + num(t, 'data-dy')) + ')');
  });
  const W = b[2]! - b[0]!, H = b[3]! - b[1]!;
  const svg = root.querySelector('svg');
  if (svg && W > 0 && H > 0) {
    svg.setAttribute('viewBox', b[0] + ' ' + b[1] + ' ' + W + ' ' + H);
    svg.style.width = W * cfg.maxFitZoom + 'px';
    svg.style.height = H * cfg.maxFitZoom + 'px';
    const z = Math.min((root.clientWidth - 48) / W, (root.clientHeight - 48) / H, cfg.maxFitZoom);
    const top = root.firstElementChild;
    if (top && cfg.containerFont * z < cfg.minLabelPx) top.classList.add('no-node-labels');
    if (top && cfg.edgeFont * z < 8) top.classList.add('no-edge-labels');
  }
  return 'placed';
}

/** The preview's script: places it (the element before the script) with `place` (placePreview), then notes when it was painted. */
export function previewScript(place: typeof placePreview, cfg: PreviewConfig): void {
  const parsed = performance.now();
  const script = document.currentScript;
  const root = script && (script.previousElementSibling as unknown as PreviewRoot | null);
  if (!root) return;
  let storage: Pick<Storage, 'getItem'>;
  try {
    storage = window.localStorage;
  } catch {
    storage = { getItem: function () { return null; } };
  }
  if (place(root, cfg, storage) === 'folded') return;
  requestAnimationFrame(function () {
    requestAnimationFrame(function () {
      window.__switchyardPreview = { parsed: parsed, at: performance.now(), nodes: root.querySelectorAll('g.n').length };
    });
  });
}
