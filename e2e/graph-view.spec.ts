// The graph as a person first sees it and moves around in it, on the lab engine: readable
// labels at first view, folding and unfolding, search that unfolds, positions that survive a
// reload, and one selection whether made in the graph or in the list. Real mouse and keyboard.
import { expect, test, type Page } from '@playwright/test';
import { docker, removeTestObjects } from '../test/integration/docker-cli';
import { notTheLab } from '../test/helpers/lab-nets';
import { DashboardPage } from './dashboard-page';

const idOf = (name: string) => docker('inspect', '--format', '{{.Id}}', name).trim();
const netId = (name: string) => docker('network', 'inspect', '--format', '{{.Id}}', name).trim();

/** Opens the dashboard (with a query) and waits until the lab's graph is drawn and fitted (the page marks it ready). */
async function openLab(page: Page, query = '') {
  const dash = new DashboardPage(page);
  await dash.open(query);
  await dash.allDrawn();
  await page.waitForFunction(() => document.querySelector('[data-testid=graph]')?.getAttribute('data-ready') === '1');
  return dash;
}

/**
 * A spot in the graph (its own coordinates) at least `mx` by `my` away from every node, and
 * clear of every edge's line (sampled along it, bends included): an edge's bounding box is no
 * guide, since a long edge's box covers much of the graph.
 */
async function emptySpot(page: Page, mx: number, my: number) {
  return page.evaluate(({ mx, my }) => {
    const cy = window.cy!;
    const boxes = cy.nodes().map((n) => n.renderedBoundingBox({ includeLabels: true }));
    const lines: { x: number; y: number }[] = [];
    cy.edges().forEach((e) => {
      const a = e.renderedSourceEndpoint();
      const b = e.renderedTargetEndpoint();
      let bend: { x: number; y: number } | undefined;
      try {
        bend = e.renderedControlPoints()?.[0]; // a bent edge's; a straight one has none (and may throw)
      } catch { /* straight */ }
      const c = bend ?? { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
      for (let i = 0; i <= 40; i++) {
        const t = i / 40;
        lines.push({ x: (1 - t) ** 2 * a.x + 2 * (1 - t) * t * c.x + t ** 2 * b.x, y: (1 - t) ** 2 * a.y + 2 * (1 - t) * t * c.y + t ** 2 * b.y });
      }
    });
    const clear = Math.min(mx, my, 20);
    // And where the page's own hit test finds nothing (the background itself).
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the renderer's hit test is not in the typings
    const r = (cy as any).renderer() as { findNearestElement(x: number, y: number, i: boolean, t: boolean): unknown; projectIntoViewport(x: number, y: number): [number, number] };
    const frame = cy.container()!.getBoundingClientRect();
    for (let y = 40; y < cy.height() - 40; y += 15) {
      for (let x = 40; x < cy.width() - 260; x += 15) {
        if (boxes.some((b) => x > b.x1 - mx && x < b.x2 + mx && y > b.y1 - my && y < b.y2 + my)) continue;
        if (lines.some((p) => Math.abs(p.x - x) < clear && Math.abs(p.y - y) < clear)) continue;
        const [px, py] = r.projectIntoViewport(frame.x + x, frame.y + y);
        if (r.findNearestElement(px, py, true, false)) continue;
        return { x, y };
      }
    }
    return null;
  }, { mx, my });
}

const selectedIds = (page: Page) => page.evaluate(() => window.cy!.$(':selected').map((e) => e.id()));

/** Every container and network label at first view: its size on screen, and whether it is in view. */
async function firstViewLabels(page: Page) {
  // The seed lab, without what an earlier suite left (a leaked network stays, and is drawn).
  removeTestObjects();
  await openLab(page);
  return page.evaluate(() => {
    const cy = window.cy!;
    return cy.nodes('[kind = "container"], [kind = "network"]').map((n) => ({
      id: n.id(), label: String(n.data('label')).split('\n')[0], px: parseFloat(n.style('font-size')) * cy.zoom(),
      // drawn inside the visible part of the graph
      inView: (() => { const b = n.renderedBoundingBox(); return b.x1 >= -1 && b.y1 >= -1 && b.x2 <= cy.width() + 1 && b.y2 <= cy.height() + 1; })(),
    }));
  });
}

test('at first view every container and network is in view, nothing folded', async ({ page }) => {
  const sizes = await firstViewLabels(page);
  const labContainers = docker('ps', '-aq', '--filter', 'label=switchyard.lab=1').split('\n').filter(Boolean).length;
  expect(sizes.filter((s) => s.id.startsWith('ctr:')).length).toBeGreaterThanOrEqual(labContainers);
  for (const s of sizes) expect(s.inView, `${s.label} is in view`).toBe(true);
  // Nothing is folded at this size, and the page says which renderer draws.
  await expect(page.getByTestId('fold-banner')).toHaveCount(0);
  await expect(page.getByTestId('diagnostics')).toContainText(/Renderer: (WebGL|canvas)/);
});

test('at the lab\'s first view every container and network label is drawn at 11 px or more', async ({ page }) => {
  const others = notTheLab();
  test.skip(others.length > 0, `the engine also holds what neither the lab nor a test made (${others.join(', ')}): its first view is not the lab's size`);
  for (const s of await firstViewLabels(page)) expect(s.px, `${s.label} drawn at ${s.px.toFixed(1)} px`).toBeGreaterThanOrEqual(11);
});

test("the lab's first view is a clean picture: no label out of its node, none over a node or another label, the area used", async ({ page }) => {
  removeTestObjects();
  const dash = await openLab(page);
  // Read from Cytoscape's own boxes (components/graph/picture): whatever else the engine holds,
  // the rules hold; the lab's own edges carry labels (addresses, ports, --link), so some are measured.
  const p = await dash.expectCleanPicture("the lab's first view");
  expect(p.edgeLabels, 'edge labels drawn at first view').toBeGreaterThanOrEqual(15);
  // A name too long for its node is shortened in the middle; the node keeps the full name, shown on hover.
  const names = await page.evaluate(() => window.cy!.nodes('[kind = "container"]').map((n) => ({ id: n.id(), name: n.data('name') as string, shown: String(n.data('label')).split('\n')[0]!, edges: n.connectedEdges().length })));
  for (const n of names) if (n.shown !== n.name) expect(n.shown, `${n.name} shortened`).toMatch(/…/);
  // Hovering a container shows its edges' labels, tucked or not.
  const any = names.find((n) => n.edges > 1)!;
  const at = await dash.nodePoint(any.id);
  await page.mouse.move(at.x, at.y);
  await expect.poll(() => page.evaluate((id) => { const n = window.cy!.getElementById(id); return n.connectedEdges('.label-peek').length === n.connectedEdges().length; }, any.id)).toBe(true);
});

test('an edge label with no clear spot is tucked away, and shown on hover, with a selection and closer in', async ({ page }) => {
  const dash = await openLab(page);
  await dash.picture();
  // The longest (a short one between two neighbours may have no point the pointer reaches it by).
  const tucked = await page.evaluate(() => window.cy!.edges('.label-tucked').map((e) => {
    const a = e.renderedSourceEndpoint(), b = e.renderedTargetEndpoint();
    return { id: e.id(), len: Math.hypot(a.x - b.x, a.y - b.y) };
  }).sort((x, y) => y.len - x.len).map((e) => e.id));
  test.skip(tucked.length === 0, 'every edge label found a clear spot in this first view');
  // Its label as the renderer will draw it (a class change marks the style to be worked out again at the next frame).
  const shown = (id: string) => page.evaluate((i) => {
    const e = window.cy!.getElementById(i) as unknown as { updateStyle(): void; style(k: string): string };
    e.updateStyle();
    return e.style('label');
  }, id);
  const id = tucked[0]!;
  const label = await page.evaluate((i) => window.cy!.getElementById(i).data('label') as string, id);
  expect(await shown(id)).toBe('');
  // Hover: the pointer on the edge itself (a point the page's hit test gives to it).
  const at = await dash.edgePoint(id);
  await page.mouse.move(at.x, at.y);
  await expect.poll(() => shown(id)).toBe(label);
  // Off it, onto the background: tucked again.
  const spot = await emptySpot(page, 40, 40);
  const box = await dash.graphBox();
  await page.mouse.move(box.x + spot!.x, box.y + spot!.y, { steps: 5 });
  await expect.poll(() => shown(id)).toBe('');
  // With a selection that takes it in (a click on it selects it, or what it stands for, with
  // its neighbourhood), it stays drawn with the pointer elsewhere; a click on the background lets it go.
  await page.mouse.click(at.x, at.y);
  await expect.poll(() => page.evaluate((i) => { const e = window.cy!.getElementById(i); return e.selected() || e.hasClass('nbr'); }, id)).toBe(true);
  await page.mouse.move(box.x + spot!.x, box.y + spot!.y, { steps: 5 });
  expect(await shown(id)).toBe(label);
  await page.mouse.click(box.x + spot!.x, box.y + spot!.y);
  await expect.poll(() => shown(id)).toBe('');
  // Closer than zoom 1.5: drawn.
  await page.evaluate(() => { window.cy!.zoom({ level: 1.6, renderedPosition: { x: 10, y: 10 } }); });
  await expect.poll(() => shown(id)).toBe(label);
});

test('past the fold budget the page opens folded and says so; "Unfold all" draws every container, lays the graph out afresh with no node over another, and fits it', async ({ page }) => {
  // The lab is small: `?fold=8` lowers the size rule's budget (60 nodes) to below the lab's size.
  await new DashboardPage(page).open('?fold=8');
  await page.waitForFunction(() => document.querySelector('[data-testid=graph]')?.getAttribute('data-ready') === '1');
  const banner = page.getByTestId('fold-banner');
  await expect(banner).toBeVisible();
  const labContainers = docker('ps', '-aq', '--filter', 'label=switchyard.lab=1').split('\n').filter(Boolean).length;
  const drawnContainers = () => page.evaluate(() => window.cy!.nodes('[kind = "container"]').length);
  expect(await drawnContainers()).toBeLessThan(labContainers);
  expect(await page.evaluate(() => window.cy!.nodes('.collapsed').length)).toBeGreaterThan(0);

  await banner.getByRole('button', { name: 'Unfold all' }).click();
  await expect(banner).toHaveCount(0);
  await page.waitForFunction(() => document.querySelector('[data-testid=graph]')?.getAttribute('data-complete') === '1' && window.cy!.nodes('.collapsed').length === 0);
  expect(await drawnContainers()).toBeGreaterThanOrEqual(labContainers);

  // Laid out afresh: no node's box overlaps another's (compose projects' boxes hold their
  // members, so they are left out), and the whole graph is in view.
  const layout = await page.evaluate(() => {
    const cy = window.cy!;
    const boxes = cy.nodes().filter((n) => !n.isParent()).map((n) => ({ id: String(n.data('label')).split('\n')[0], b: n.boundingBox({ includeLabels: false }) }));
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!.b, b = boxes[j]!.b;
        if (a.x1 < b.x2 - 1 && b.x1 < a.x2 - 1 && a.y1 < b.y2 - 1 && b.y1 < a.y2 - 1) overlaps.push(`${boxes[i]!.id} / ${boxes[j]!.id}`);
      }
    }
    const r = cy.nodes().renderedBoundingBox({ includeLabels: false });
    return { overlaps, inView: r.x1 >= -1 && r.y1 >= -1 && r.x2 <= cy.width() + 1 && r.y2 <= cy.height() + 1 };
  });
  expect(layout.overlaps).toEqual([]);
  expect(layout.inView).toBe(true);
  // The list lists every member too.
  await expect(page.locator('[data-fold]').first()).toHaveAttribute('aria-expanded', 'true');
});

test('a network folds into one node with its count, and unfolds by double-click and from the list', async ({ page }) => {
  const dash = await openLab(page);
  const redis = `net:${netId('redis')}`;
  const members = ['redis-1', 'redis-2', 'redis-4'].map((n) => `ctr:${idOf(n)}`);

  // Fold from the list (keyboard: focus the button, press Enter).
  const fold = page.locator('[data-fold="redis"]');
  await fold.focus();
  await page.keyboard.press('Enter');
  await expect(fold).toHaveAttribute('aria-expanded', 'false');
  await dash.waitForElement(members[0]!, { present: false });
  const folded = await page.evaluate((id) => ({ label: window.cy!.getElementById(id).data('label'), classes: window.cy!.getElementById(id).classes() }), redis);
  expect(folded.classes).toContain('collapsed');
  expect(folded.label).toContain('6 containers');
  for (const m of members) await dash.waitForElement(m, { present: false });

  // Unfold with a real double-click on the folded node.
  await dash.clickElement(redis, { double: true });
  for (const m of members) await dash.waitForElement(m);
  await expect(fold).toHaveAttribute('aria-expanded', 'true');
  // The members come back beside their network, not on top of it.
  const d = await page.evaluate(({ n, c }) => {
    const a = window.cy!.getElementById(n).position(), b = window.cy!.getElementById(c).position();
    return Math.hypot(a.x - b.x, a.y - b.y);
  }, { n: redis, c: members[0]! });
  expect(d).toBeGreaterThan(100);
  expect(d).toBeLessThan(900);

  // Fold again in the inspector, unfold from the list.
  await page.locator('[data-network="redis"]').click();
  await page.getByTestId('inspector').getByTestId('fold-toggle').click();
  await dash.waitForElement(members[0]!, { present: false });
  await fold.click();
  await dash.waitForElement(members[0]!);
});

test('search unfolds the group that hides a match and brings it into view', async ({ page }) => {
  const dash = await openLab(page);
  const target = `ctr:${idOf('redis-5')}`;
  await page.locator('[data-fold="redis"]').click();
  await dash.waitForElement(target, { present: false });
  // The folded network holds the match: it is marked as one.
  await page.getByTestId('search').fill('redis-5');
  await dash.waitForElement(target);
  await page.waitForFunction((id) => {
    const cy = window.cy!;
    const el = cy.getElementById(id);
    const b = el.renderedBoundingBox();
    return el.hasClass('match') && b.x1 >= 0 && b.y1 >= 0 && b.x2 <= cy.width() && b.y2 <= cy.height() && parseFloat(el.style('font-size')) * cy.zoom() >= 11;
  }, target);
});

test('a deep link to a container in a folded network unfolds it and selects it', async ({ page }) => {
  const dash = await openLab(page);
  const target = idOf('redis-6');
  await page.locator('[data-fold="redis"]').click();
  await dash.waitForElement(`ctr:${target}`, { present: false });
  // The fold is kept in the browser; a link to the container opens it again.
  await page.goto(`/?sel=container:${target}`);
  await dash.waitForElement(`ctr:${target}`);
  await expect.poll(() => selectedIds(page)).toEqual([`ctr:${target}`]);
  await expect(dash.inspector()).toContainText('redis-6');
});

test('positions stay put across a reload, dragged ones included', async ({ page }) => {
  const dash = await openLab(page);
  const moved = `ctr:${idOf('internal-db')}`;
  const still = `ctr:${idOf('tomcat02')}`;
  // Drag a container to an empty spot with the real mouse.
  const from = await dash.nodePoint(moved);
  const spot = await emptySpot(page, 140, 50);
  expect(spot, 'an empty spot to drop on').not.toBeNull();
  const box = await dash.graphBox();
  const origin = await page.evaluate((i) => window.cy!.getElementById(i).position(), moved);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 10, from.y + 10, { steps: 3 });
  await page.mouse.move(box.x + spot!.x, box.y + spot!.y, { steps: 20 });
  await page.mouse.up();
  const before = await page.evaluate((ids) => ids.map((i) => window.cy!.getElementById(i).position()), [moved, still]);
  expect(Math.hypot(before[0]!.x - origin.x, before[0]!.y - origin.y), 'the drag moved the node').toBeGreaterThan(50);
  await page.waitForTimeout(800); // positions are written a moment after the last move

  await page.reload();
  await dash.allDrawn();
  await page.waitForFunction(() => document.querySelector('[data-testid=graph]')?.getAttribute('data-ready') === '1');
  const after = await page.evaluate((ids) => ids.map((i) => window.cy!.getElementById(i).position()), [moved, still]);
  for (let i = 0; i < 2; i++) {
    expect(Math.abs(after[i]!.x - before[i]!.x)).toBeLessThanOrEqual(1);
    expect(Math.abs(after[i]!.y - before[i]!.y)).toBeLessThanOrEqual(1);
  }

  // Re-layout puts the dragged node back in its network's card.
  await page.getByRole('button', { name: 'Re-layout' }).click();
  const relaid = await page.evaluate((i) => window.cy!.getElementById(i).position(), moved);
  expect(Math.hypot(relaid.x - before[0]!.x, relaid.y - before[0]!.y)).toBeGreaterThan(20);
});

test('one selection: a click in the graph, then a pick in the list, highlights only the second', async ({ page }) => {
  const dash = await openLab(page);
  const a = `ctr:${idOf('tomcat02')}`;
  const b = `net:${netId('mynet')}`;
  await dash.clickElement(a);
  await expect.poll(() => selectedIds(page)).toEqual([a]);
  await expect(dash.inspector()).toContainText('tomcat02');
  // Its neighbourhood is highlighted too (its network), but not selected.
  expect(await page.evaluate((id) => window.cy!.getElementById(id).connectedEdges().connectedNodes('.nbr').length, a)).toBeGreaterThan(0);

  await page.locator('[data-network="mynet"]').click();
  await expect.poll(() => selectedIds(page)).toEqual([b]);
  await expect(dash.inspector()).toContainText('mynet');
  // No second way of marking a selection is left over.
  expect(await page.evaluate(() => window.cy!.elements('.selected').length)).toBe(0);

  // A click on the background clears it (the graph back in view first: the list's row scrolled the page).
  await page.getByTestId('graph').scrollIntoViewIfNeeded();
  const spot = await emptySpot(page, 10, 10);
  const box = await dash.graphBox();
  await page.mouse.click(box.x + spot!.x, box.y + spot!.y);
  await expect.poll(() => selectedIds(page)).toEqual([]);
});

test('the graph takes the colour scheme it opens with, and follows a change while open', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openLab(page);
  expect(await page.evaluate(() => window.cy!.nodes('[kind = "container"][name = "tomcat01"]').length)).toBe(1);
  const background = () => page.evaluate(() => {
    // A running lab container (a stopped one's label is muted, and earlier suites may leave one first).
    const n = window.cy!.nodes('[kind = "container"][name = "tomcat01"]');
    return { bg: n.style('background-color'), text: n.style('color') };
  });
  // PALETTES.dark.container / .text, then PALETTES.light's (components/graph/styles.ts)
  expect(await background()).toEqual({ bg: 'rgb(15,23,42)', text: 'rgb(226,232,240)' });
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(background).toEqual({ bg: 'rgb(255,255,255)', text: 'rgb(15,23,42)' });
});

/** The colour of one pixel of the overview's canvas, at a point in the graph's own coordinates. */
const overviewPixel = (page: Page, x: number, y: number) => page.evaluate(({ x, y }) => {
  const c = document.querySelector<HTMLCanvasElement>('[data-testid=graph-overview]')!;
  const k = c.width / c.clientWidth;
  return Array.from(c.getContext('2d')!.getImageData(Math.round(x * k), Math.round(y * k), 1, 1).data.slice(0, 3));
}, { x, y });

test('zoomed far out, a large graph is drawn as an overview of boxes; a real click still selects, and zooming in brings the detail back', async ({ page }) => {
  // The lab is small: `?overview=10` lowers the threshold (300 nodes) to the lab's size.
  const dash = await openLab(page, '?overview=10');
  const overview = page.getByTestId('graph-overview');
  const active = () => page.evaluate(() => window.__switchyardOverview!.active());
  // At first view the labels are readable: Cytoscape draws.
  expect(await active()).toBe(false);
  await expect(overview).toBeHidden();

  // The mouse wheel zooms out past the point where no label would be drawn.
  const box = await dash.graphBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 30 && !(await active()); i++) await page.mouse.wheel(0, 200);
  expect(await active()).toBe(true);
  expect(await page.evaluate(() => window.cy!.zoom())).toBeLessThan(0.4);
  await expect(overview).toBeVisible();
  await expect(page.getByTestId('diagnostics')).toContainText('overview');

  // Cytoscape's frames are held back: drawing the overview is ours, and a frame has painted it.
  // The container's icon square is drawn in the running colour, its box elsewhere.
  const a = `ctr:${idOf('tomcat01')}`;
  await expect.poll(() => page.evaluate(() => window.__switchyardOverview!.paintMs())).toBeGreaterThan(0);
  const p = await page.evaluate((id) => {
    const n = window.cy!.getElementById(id);
    const z = window.cy!.zoom();
    const pos = n.renderedPosition();
    return { x: pos.x - (224 / 2 - 12 - 11) * z, y: pos.y, bgx: 5, bgy: 5 };
  }, a);
  const icon = await overviewPixel(page, p.x, p.y);
  const bg = await overviewPixel(page, p.bgx, p.bgy);
  expect(icon).not.toEqual(bg);

  // A real click on the node's box selects it, exactly one element, as in the detailed graph.
  await dash.clickElement(a);
  await expect.poll(() => selectedIds(page)).toEqual([a]);
  await expect(dash.inspector()).toContainText('tomcat01');

  // The pointer finds what the overview draws: each node's box (at its centre, unless another
  // box is drawn over it), else an edge's line, and nothing on the background.
  const found = await page.evaluate(() => {
    const cy = window.cy!;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the renderer is not in the typings
    const r = (cy as any).renderer() as { findNearestElements(x: number, y: number, i: boolean, t: boolean): { id(): string; isEdge(): boolean }[] };
    const leaves = cy.nodes().filter((n) => !n.isParent());
    let nodesRight = 0, nodesTried = 0;
    const boxes = leaves.map((n) => ({ n, b: n.boundingBox({ includeLabels: false }) }));
    leaves.forEach((n) => {
      const p = n.position();
      if (boxes.some(({ n: m, b }) => m !== n && b.x1 <= p.x && b.x2 >= p.x && b.y1 <= p.y && b.y2 >= p.y)) return;
      nodesTried++;
      if (r.findNearestElements(p.x, p.y, true, false).map((e) => e.id()).join() === n.id()) nodesRight++;
    });
    const b = cy.elements().boundingBox();
    const far = r.findNearestElements(b.x1 - 500, b.y1 - 500, true, false).length;
    // And it is the overview's answer (what it draws), not Cytoscape's walk, all over the graph.
    let same = 0, points = 0, edges = 0;
    for (let x = b.x1; x <= b.x2; x += b.w / 60) {
      for (let y = b.y1; y <= b.y2; y += b.h / 40) {
        points++;
        const mine = r.findNearestElements(x, y, true, false);
        if (mine.map((e) => e.id()).join() === window.__switchyardOverview!.hit(x, y, false)!.map((e) => e.id()).join()) same++;
        if (mine.some((e) => e.isEdge())) edges++;
      }
    }
    return { nodesRight, nodesTried, far, same, points, edges };
  });
  expect(found.same).toBe(found.points);
  expect(found.edges).toBeGreaterThan(10);
  expect(found.nodesTried).toBeGreaterThan(15);
  expect(found.nodesRight).toBe(found.nodesTried);
  expect(found.far).toBe(0);
  // A real right-click on a network's edge to a container, in the overview: the disconnect dialog.
  const redis = docker('inspect', '--format', '{{.Id}}', 'redismod-redismod-1').trim();
  const dialog = page.getByTestId('disconnect-dialog');
  await dash.rightClickEdge(`ep:${netId('redismod_default')}:${redis}`, dialog);
  await expect(dialog.getByTestId('cli-equivalent')).toContainText('docker network disconnect redismod_default redismod-redismod-1');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(await active()).toBe(true);

  // Zooming back in: the overview goes and Cytoscape draws the view again.
  for (let i = 0; i < 30 && (await active()); i++) await page.mouse.wheel(0, -200);
  expect(await active()).toBe(false);
  await expect(overview).toBeHidden();
  await expect(page.getByTestId('diagnostics')).not.toContainText('overview');
  expect(await selectedIds(page)).toEqual([a]);
});

test('without `?overview=`, the lab never switches to the overview, however far out it is zoomed', async ({ page }) => {
  const dash = await openLab(page);
  const box = await dash.graphBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const zoom = () => page.evaluate(() => window.cy!.zoom());
  for (let i = 0; i < 40 && (await zoom()) >= 0.3; i++) await page.mouse.wheel(0, 200);
  expect(await zoom()).toBeLessThan(0.3);
  expect(await page.evaluate(() => window.__switchyardOverview!.active())).toBe(false);
  await expect(page.getByTestId('graph-overview')).toBeHidden();
});

test('the hit test looks only at elements whose box holds the pointer, and answers as Cytoscape\'s own at every point, zoomed in and out, mouse and touch', async ({ page }) => {
  await openLab(page);
  const renderer = await page.evaluate(() => (window as unknown as { __switchyardGraph?: { renderer: string } }).__switchyardGraph?.renderer);
  test.skip(renderer !== 'canvas', `the ${renderer} renderer picks on the GPU and is not patched`);
  for (const zoomBy of [1, 2.5, 0.4]) {
    const seen = await page.evaluate((zoomBy) => {
      const cy = window.cy!;
      cy.fit(undefined, 24);
      cy.zoom({ level: cy.zoom() * zoomBy, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
      type Found = { id(): string }[];
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the renderer is not in the typings
      const r = (cy as any).renderer() as { findNearestElements(x: number, y: number, i: boolean, t: boolean): Found; switchyardUnpatchedFind?: (x: number, y: number, i: boolean, t: boolean) => Found };
      if (!r.switchyardUnpatchedFind) return { patched: false, points: 0, hits: 0, nodes: 0, edges: 0, differ: [] as string[] };
      const pan = cy.pan();
      const z = cy.zoom();
      // A grid over the screen every 6 px, and each element's own points: node centres and
      // corners, edge midpoints and ends, where the answers are the closest calls.
      const points: [number, number][] = [];
      for (let sx = 0; sx < cy.width(); sx += 6) for (let sy = 0; sy < cy.height(); sy += 6) points.push([(sx - pan.x) / z, (sy - pan.y) / z]);
      cy.nodes().forEach((n) => {
        const b = n.boundingBox({ includeLabels: false });
        points.push([n.position().x, n.position().y], [b.x1, b.y1], [b.x2 + 1 / z, b.y2 + 1 / z]);
      });
      cy.edges().forEach((e) => {
        const m = e.midpoint();
        const s = e.sourceEndpoint();
        points.push([m.x, m.y], [m.x + 5 / z, m.y + 5 / z], [s.x, s.y]);
      });
      const ids = (f: Found) => f.map((e) => e.id()).join(' ');
      const differ: string[] = [];
      let hits = 0, nodes = 0, edges = 0;
      for (const [x, y] of points) {
        for (const touch of [false, true]) {
          const mine = r.findNearestElements(x, y, true, touch);
          const theirs = r.switchyardUnpatchedFind.call(r, x, y, true, touch);
          if (ids(mine) !== ids(theirs)) differ.push(`(${x.toFixed(1)}, ${y.toFixed(1)}) touch=${touch}: ${ids(mine)} | ${ids(theirs)}`);
          if (theirs.length) hits++;
          if (theirs.some((e) => cy.getElementById(e.id()).isNode())) nodes++;
          if (theirs.some((e) => cy.getElementById(e.id()).isEdge())) edges++;
        }
      }
      return { patched: true, points: points.length, hits, nodes, edges, differ: differ.slice(0, 10) };
    }, zoomBy);
    expect(seen.patched, 'the canvas renderer\'s hit test is patched').toBe(true);
    expect(seen.differ, `zoom ×${zoomBy}: points where the answers differ`).toEqual([]);
    // Not a test of empty space: nodes and edges were hit, many times.
    expect(seen.nodes, `zoom ×${zoomBy}`).toBeGreaterThan(100);
    expect(seen.edges, `zoom ×${zoomBy}`).toBeGreaterThan(20);
  }
});
