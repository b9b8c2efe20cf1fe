// Measures of the page in Chromium shared by the UI benchmarks (scripts/bench-ui.mjs,
// scripts/bench-traffic.mjs): the long-task and frame recorder installed before the page's own
// scripts, frame times while panning and zooming with the mouse, and an empty spot to drag from.

/** Installed before any page script: long tasks and the rAF recorder. */
export const INIT = () => {
  window.__bench = { longtasks: [], frames: null };
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__bench.longtasks.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch { /* no long task timing */ }
  window.__benchFrames = {
    start() {
      const ts = [];
      let on = true;
      const tick = (t) => { ts.push(t); if (on) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
      window.__benchFrames.stop = () => { on = false; return ts.slice(1).map((t, i) => t - ts[i]); };
    },
  };
};

/**
 * An empty spot in the graph (to drag the background, not a node), away from every node and
 * compound box (a compound's children are in it). The nodes' boxes are drawn
 * into a grid of 4 px cells first: testing each candidate point against 5,000 boxes was a task
 * of 300 ms or more of the benchmark's own, counted as the page's.
 */
export async function emptySpot(page) {
  return page.evaluate(() => {
    const cy = window.cy;
    const box = cy.container().getBoundingClientRect();
    const C = 4;
    const w = Math.ceil(cy.width() / C);
    const h = Math.ceil(cy.height() / C);
    const taken = new Uint8Array(w * h);
    // From positions and sizes: a node's labels sit inside it, and its rendered bounding box
    // would have Cytoscape measure every element moved since its last frame (after "Unfold
    // all" with the overview on screen, all of them), a task of the benchmark's own.
    // A compound's box is its children's, with the stylesheet's padding (14).
    const boxes = [];
    const parents = new Map();
    const z = cy.zoom();
    cy.nodes().forEach((n) => {
      if (n.isParent()) return;
      const p = n.renderedPosition(), hw = n.renderedOuterWidth() / 2, hh = n.renderedOuterHeight() / 2;
      const b = { x1: p.x - hw, y1: p.y - hh, x2: p.x + hw, y2: p.y + hh };
      boxes.push(b);
      for (let a = n.parent(); a.nonempty(); a = a.parent()) {
        const pb = parents.get(a.id()) ?? { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };
        parents.set(a.id(), { x1: Math.min(pb.x1, b.x1 - 14 * z), y1: Math.min(pb.y1, b.y1 - 14 * z), x2: Math.max(pb.x2, b.x2 + 14 * z), y2: Math.max(pb.y2, b.y2 + 14 * z) });
      }
    });
    for (const b of [...boxes, ...parents.values()]) {
      const x1 = Math.max(0, Math.floor((b.x1 - 6) / C)), x2 = Math.min(w - 1, Math.ceil((b.x2 + 6) / C));
      const y1 = Math.max(0, Math.floor((b.y1 - 6) / C)), y2 = Math.min(h - 1, Math.ceil((b.y2 + 6) / C));
      for (let y = y1; y <= y2; y++) taken.fill(1, y * w + x1, y * w + x2 + 1);
    }
    for (let y = 40; y < cy.height() - 40; y += 23) {
      for (let x = 40; x < cy.width() - 250; x += 29) {
        if (!taken[Math.floor(y / C) * w + Math.floor(x / C)]) return { x: box.left + x, y: box.top + y };
      }
    }
    return null;
  });
}

/** The longest main-thread task that started in [from, to). */
export const longestTask = (page, from, to = Infinity) => page.evaluate(({ from, to }) =>
  Math.max(0, ...window.__bench.longtasks.filter((l) => l.start >= from && l.start < to).map((l) => l.ms)), { from, to: to === Infinity ? 1e15 : to });

export async function frames(page, action) {
  await page.evaluate(() => window.__benchFrames.start());
  await action();
  await page.evaluate(() => new Promise((r) => setTimeout(r, 100)));
  return page.evaluate(() => window.__benchFrames.stop());
}

export async function panAndZoom(page) {
  const spot = await emptySpot(page);
  if (!spot) throw new Error('no empty spot to drag the background from');
  console.error('[bench] pan from', Math.round(spot.x), Math.round(spot.y));
  const pan = await frames(page, async () => {
    for (let k = 0; k < 3; k++) {
      await page.mouse.move(spot.x, spot.y);
      await page.mouse.down();
      await page.mouse.move(spot.x + 220, spot.y + 120, { steps: 40 });
      await page.mouse.move(spot.x - 120, spot.y - 60, { steps: 40 });
      await page.mouse.move(spot.x, spot.y, { steps: 20 });
      await page.mouse.up();
    }
  });
  console.error('[bench] zoom');
  const zoom = await frames(page, async () => {
    await page.mouse.move(spot.x, spot.y);
    for (let k = 0; k < 16; k++) await page.mouse.wheel(0, k < 8 ? -120 : 120);
  });
  return { pan, zoom };
}

