import { expect, type Locator, type Page, type Request } from '@playwright/test';
import { docker } from '../test/integration/docker-cli';

/** Page object for the dashboard: navigation, and reading the graph through window.cy. */
export class DashboardPage {
  constructor(readonly page: Page) {}

  async open(query = '') {
    await gotoSettled(this.page, `/${query}`);
    await expect(this.page.getByRole('heading', { name: 'Switchyard' })).toBeVisible();
  }

  engineStatus() {
    return this.page.getByTestId('engine-status');
  }

  /** Waits until the graph has drawn the topology (at least `min` nodes). */
  async graphReady(min = 1) {
    await this.page.waitForFunction((n) => (window.cy?.nodes().length ?? 0) >= n, min);
  }

  /** Waits until the graph has a node for every container and network the engine has (the host network is the host node). */
  async allDrawn() {
    const count = (...args: string[]) => docker(...args).split('\n').filter(Boolean).length;
    await this.graphReady(count('ps', '-aq') + count('network', 'ls', '-q'));
  }

  /** The graph's box on screen, scrolled into view first (the list below it scrolls the page). */
  async graphBox() {
    const graph = this.page.getByTestId('graph');
    await graph.scrollIntoViewIfNeeded();
    return (await graph.boundingBox())!;
  }

  /** Where a graph element is drawn, in page coordinates. */
  async screenPos(id: string) {
    const box = await this.graphBox();
    const p = await this.page.evaluate((i) => window.cy!.getElementById(i).renderedPosition(), id);
    return { x: box.x + p.x, y: box.y + p.y };
  }

  /** Clicks a graph element with the mouse, at a point the page's own hit test gives to it. */
  async clickElement(id: string, opts: { double?: boolean } = {}) {
    const at = await this.hitPoint(id);
    if (opts.double) await this.page.mouse.dblclick(at.x, at.y);
    else await this.page.mouse.click(at.x, at.y);
  }

  /**
   * The measure of the picture as drawn (components/graph/picture: Cytoscape's own label and
   * node boxes), once the graph is complete and its edges arranged.
   */
  async picture() {
    await this.settled();
    return this.page.evaluate(() => window.__switchyardPicture!());
  }

  /** Once the graph is complete, laid out and its edges arranged (nothing moves under a click then). */
  async settled() {
    await this.page.waitForFunction(() => {
      const g = document.querySelector('[data-testid=graph]');
      return g?.getAttribute('data-complete') === '1' && g.hasAttribute('data-arranged');
    }, null, { timeout: 30_000 });
    // The arrangement runs once the last pass is done: a frame for it to be drawn.
    await this.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }

  /** The rules of the picture: no node label out of its node, no label over a node or a label, the graph area used. */
  async expectCleanPicture(what: string) {
    const p = await this.picture();
    expect(p.labelOverflow, `${what}: node labels out of their nodes: ${p.examples.overflow.join(', ')}`).toBe(0);
    expect(p.labelOverNode, `${what}: labels over a node: ${p.examples.overNode.join(', ')}`).toBe(0);
    expect(p.labelOverLabel, `${what}: labels over labels: ${p.examples.overLabel.join(', ')}`).toBe(0);
    const [more, less] = [Math.max(p.used.x, p.used.y), Math.min(p.used.x, p.used.y)];
    expect(more, `${what}: the fitted graph spans ${Math.round(p.used.x * 100)} % x ${Math.round(p.used.y * 100)} % of the graph area`).toBeGreaterThanOrEqual(0.7);
    expect(less, `${what}: the fitted graph spans ${Math.round(p.used.x * 100)} % x ${Math.round(p.used.y * 100)} % of the graph area`).toBeGreaterThanOrEqual(0.5);
    // Something was measured: the labels are there (drawn, or tucked away for lack of room).
    expect(p.nodes).toBeGreaterThan(0);
    return p;
  }

  /**
   * A point of a node where a click reaches the node itself, in page coordinates: the first
   * point of a grid over its box, from its middle outwards, that the page's hit test gives to
   * this node (no edge, label or other node is drawn over it there; for a group, a point of its
   * padding or title). See hitPoint.
   */
  nodePoint(id: string, timeout = 10_000) {
    return this.hitPoint(id, timeout);
  }

  /**
   * A point of an edge where a click reaches the edge itself, in page coordinates: the first
   * point, from its middle outwards, that the page's hit test gives to this edge (no node or
   * other edge is drawn over it), at least 12 px from the edges that meet it at its ends. See
   * hitPoint.
   */
  edgePoint(id: string, timeout = 10_000) {
    return this.hitPoint(id, timeout);
  }

  /**
   * A point of a graph element (nodePoint, edgePoint) that Cytoscape's own hit test, at the
   * point its mouse handler will take it to be, gives to that element, and that nothing of the
   * page covers (the server-drawn preview until it goes, the minimap, the controls), once the
   * edges are arranged (components/graph/edge-arranger). Waits for one, as a pass, the preview
   * or an arrangement may be under way; fails, naming the element, if there is none.
   */
  async hitPoint(id: string, timeout = 10_000) {
    await this.graphBox();
    const found = await this.page.waitForFunction((i) => {
      const cy = window.cy;
      const el = cy?.getElementById(i);
      if (!cy || !el || el.empty()) return null;
      // Not while edges are being arranged: a curve may still move over the point.
      if (!cy.container()!.hasAttribute('data-arranged')) return null;
      const pan = cy.pan();
      const zoom = cy.zoom();
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the renderer's hit test is not in the typings
      const r = (cy as any).renderer() as {
        findNearestElement(x: number, y: number, interactive: boolean, touch: boolean): { id(): string } | undefined;
        projectIntoViewport(clientX: number, clientY: number): [number, number];
      };
      const box = cy.container()!.getBoundingClientRect();
      type Pt = { x: number; y: number };
      const pts: Pt[] = [];
      let clear: (x: number, y: number) => boolean = () => true;
      if (el.isNode()) {
        const bb = el.renderedBoundingBox({ includeLabels: el.isParent(), includeOverlays: false });
        const c = { x: (bb.x1 + bb.x2) / 2, y: (bb.y1 + bb.y2) / 2 };
        for (let gx = 1; gx < 12; gx++) for (let gy = 1; gy < 8; gy++) pts.push({ x: bb.x1 + (bb.x2 - bb.x1) * gx / 12, y: bb.y1 + (bb.y2 - bb.y1) * gy / 8 });
        pts.push(c);
        pts.sort((a, b) => Math.hypot(a.x - c.x, a.y - c.y) - Math.hypot(b.x - c.x, b.y - c.y));
      } else {
        const e = el as unknown as import('cytoscape').EdgeSingular;
        const a = e.renderedSourceEndpoint(), b = e.renderedTargetEndpoint();
        for (let k = 0; k < 19; k++) {
          const t = 0.5 + (k % 2 ? -1 : 1) * Math.ceil(k / 2) * 0.05;
          pts.push({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t });
        }
        // The other edges at either end (they meet this one there): each as the line through its
        // ends and its midpoint, which follows a bend well enough to keep clear of it.
        type Ends = { renderedSourceEndpoint(): Pt; renderedMidpoint(): Pt; renderedTargetEndpoint(): Pt };
        const others = e.connectedNodes().connectedEdges().filter((o) => o !== e && o.visible()).map((o) => {
          const l = o as unknown as Ends;
          return [l.renderedSourceEndpoint(), l.renderedMidpoint(), l.renderedTargetEndpoint()];
        });
        // (The overview's sqDistToSegment, components/graph/overview.ts; a page function cannot import it.)
        const dist = (x: number, y: number, p: Pt, q: Pt) => {
          const dx = q.x - p.x, dy = q.y - p.y, l = dx * dx + dy * dy;
          const k = l ? Math.max(0, Math.min(1, ((x - p.x) * dx + (y - p.y) * dy) / l)) : 0;
          return Math.hypot(p.x + k * dx - x, p.y + k * dy - y);
        };
        // Not where another edge runs close by: which of two edges a click there takes is
        // Cytoscape's close call, drawn apart by a pixel.
        clear = (x, y) => others.every(([s, m, t]) => dist(x, y, s!, m!) > 12 && dist(x, y, m!, t!) > 12);
      }
      for (const { x, y } of pts) {
        if (x < 2 || y < 2 || x > cy.width() - 2 || y > cy.height() - 2) continue;
        if (!clear(x, y)) continue;
        // Where Cytoscape's mouse handler will take this point to be (its own idea of where its
        // container is), and what it finds there.
        const [mx, my] = r.projectIntoViewport(box.x + x, box.y + y);
        if (Math.hypot(mx - (x - pan.x) / zoom, my - (y - pan.y) / zoom) * zoom > 1) continue;
        if (r.findNearestElement(mx, my, true, false)?.id() !== i) continue;
        if (!cy.container()!.contains(document.elementFromPoint(box.x + x, box.y + y))) continue;
        return { x: box.x + x, y: box.y + y };
      }
      return null;
    }, id, { timeout }).catch(() => null);
    const at = (await found?.jsonValue()) as { x: number; y: number } | null | undefined;
    expect(at, `a point of ${id} that nothing else covers`).toBeTruthy();
    return at!;
  }

  /**
   * Right-clicks an edge (at edgePoint) and waits for what that opens. A click that opens
   * nothing is told on stdout with what the page saw (the mousedown's target, the events
   * Cytoscape emitted, its hit test and idea of its container then and now), then tried again,
   * at most three times in all.
   */
  async rightClickEdge(id: string, opened: Locator) {
    for (let attempt = 1; ; attempt++) {
      const at = await this.edgePoint(id);
      await this.page.evaluate(() => {
        const w = window as unknown as { __clickSeen: string[] };
        w.__clickSeen = [];
        const seen = (e: Event) => {
          const t = e.target as Element | null;
          w.__clickSeen.push(`${e.type}@${t?.tagName ?? '?'}${t?.getAttribute?.('data-testid') ? `[${t.getAttribute('data-testid')}]` : ''}`);
        };
        for (const type of ['mousedown', 'mouseup', 'contextmenu']) document.addEventListener(type, seen, { capture: true, once: true });
        window.cy!.one('cxttapstart cxttap', (e) => { w.__clickSeen.push(`${e.type}:${e.target === window.cy ? 'core' : e.target.id()}`); });
      });
      await this.page.mouse.click(at.x, at.y, { button: 'right' });
      try {
        await expect(opened).toBeVisible({ timeout: attempt < 3 ? 5_000 : 15_000 });
        return;
      } catch (err) {
        const seen = await this.page.evaluate(({ i, x, y }) => {
          const cy = window.cy!;
          // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the renderer is not in the typings
          const r = (cy as any).renderer();
          const [mx, my] = r.projectIntoViewport(x, y);
          const e = cy.getElementById(i);
          return {
            events: (window as unknown as { __clickSeen: string[] }).__clickSeen,
            hit: r.findNearestElement(mx, my, true, false)?.id() ?? null,
            // Cytoscape's own hit test, where Switchyard's patch (components/graph/patches/hit-test) is in place.
            cytoscapeHit: r.switchyardUnpatchedFind?.call(r, mx, my, true, false).map((e: { id(): string }) => e.id()) ?? null,
            atPoint: document.elementFromPoint(x, y)?.outerHTML.slice(0, 120) ?? null,
            box: cy.container()!.getBoundingClientRect().toJSON(), cached: r.containerBB,
            pan: cy.pan(), zoom: cy.zoom(), scrollY: window.scrollY,
            edge: e.empty() ? null : { s: e.renderedSourceEndpoint(), t: e.renderedTargetEndpoint() },
            dialogs: [...document.querySelectorAll('dialog')].map((d) => d.getAttribute('data-testid')),
          };
        }, { i: id, ...at });
        console.log(`right-click on ${id} at (${at.x.toFixed(1)}, ${at.y.toFixed(1)}) opened nothing (try ${attempt}): ${JSON.stringify(seen)}`);
        if (attempt >= 3) throw err;
      }
    }
  }

  /** Every element of the graph as plain data. */
  elements(): Promise<{ id: string; group: string; kind: string; label: string; source?: string; target?: string; classes: string[] }[]> {
    return this.page.evaluate(() => window.cy!.elements().map((e) => ({
      id: e.id(), group: e.group(), kind: e.data('kind'), label: e.data('label'),
      source: e.data('source'), target: e.data('target'), classes: e.classes(),
    })));
  }

  /** Waits for a graph element to exist (or not), optionally with a label. */
  async waitForElement(id: string, opts: { present?: boolean; label?: string; timeout?: number } = {}) {
    const { present = true, label, timeout = 20_000 } = opts;
    await this.page.waitForFunction(({ id, present, label }) => {
      const el = window.cy?.getElementById(id);
      if (!el) return false;
      if (!present) return el.empty();
      return el.nonempty() && (label === undefined || el.data('label') === label);
    }, { id, present, label }, { timeout });
  }

  inspector() {
    return this.page.getByTestId('inspector');
  }
}

/**
 * Drags one graph node onto another with the real mouse, in small steps like a person: from a
 * point the page's hit test gives to the first, to one it gives to the second.
 */
export async function dragNodeOnto(page: Page, fromId: string, toId: string) {
  const dash = new DashboardPage(page);
  const from = await dash.nodePoint(fromId);
  const there = await dash.nodePoint(toId);
  // A drop counts where the dragged node's centre lands: the pointer keeps its offset from it.
  const centre = await dash.screenPos(fromId);
  const to = { x: there.x + from.x - centre.x, y: there.y + from.y - centre.y };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 5, from.y + 5, { steps: 2 });
  await page.mouse.move(to.x, to.y, { steps: 15 });
  await page.mouse.up();
}

/**
 * Navigates, and loads the page again if Chromium dropped one of its requests because the
 * machine's network changed: a test's own engine starting makes bridges and veths, Chromium
 * then fails requests in flight with net::ERR_NETWORK_CHANGED, and a page whose script chunk
 * failed that way never runs (CI saw it twice: the page stayed at "Checking the Docker engine…").
 */
export async function gotoSettled(page: Page, url: string) {
  for (let attempt = 0; ; attempt++) {
    let changed = false;
    const onFail = (r: Request) => { if (r.failure()?.errorText.includes('ERR_NETWORK_CHANGED')) changed = true; };
    page.on('requestfailed', onFail);
    try {
      await page.goto(url);
      await page.waitForLoadState('load');
    } finally {
      page.off('requestfailed', onFail);
    }
    if (!changed || attempt >= 3) return;
  }
}
