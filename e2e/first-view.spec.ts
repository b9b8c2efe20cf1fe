// The graph's first view is in the page's HTML (drawn by the server from its store), so nodes
// are on screen before any script runs; Cytoscape then takes over with every node in the same
// place, and on a later visit the preview shows the positions the browser kept. Lab engine.
import { expect, test, type Page } from '@playwright/test';
import { docker, removeTestObjects } from '../test/integration/docker-cli';
import { notTheLab } from '../test/helpers/lab-nets';
import { DashboardPage } from './dashboard-page';

type Drawn = { id: string; x: number; y: number };

/** The nodes the preview draws: id and model position (after its inline script, if it ran). */
function previewNodes(page: Page): Promise<Drawn[]> {
  return page.$$eval('[data-testid=graph-preview] g.n', (gs) => gs.map((g) => {
    const m = /translate\(([-\d.]+)[ ,]+([-\d.]+)\)/.exec(g.getAttribute('transform') ?? '')!;
    return { id: g.getAttribute('data-id')!, x: Number(m[1]), y: Number(m[2]) };
  }));
}

const cyNodes = (page: Page) => page.evaluate(() => window.cy!.nodes(':childless').map((n) => ({ id: n.id(), ...n.position() })));

function expectSamePlaces(a: Drawn[], b: Drawn[], tolerance: number) {
  const at = new Map(b.map((n) => [n.id, n]));
  expect(a.map((n) => n.id).sort()).toEqual(b.map((n) => n.id).sort());
  for (const n of a) {
    const m = at.get(n.id)!;
    expect(Math.hypot(n.x - m.x, n.y - m.y), `${n.id} at (${n.x}, ${n.y}) and (${m.x}, ${m.y})`).toBeLessThanOrEqual(tolerance);
  }
}

test('without any script the page already shows every lab container and network', async ({ browser }) => {
  // The seed lab, without what an earlier suite left (a leaked network stays, and is drawn).
  removeTestObjects();
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto('/');
  const preview = page.getByTestId('graph-preview');
  await expect(preview).toBeVisible();
  const names = docker('ps', '-a', '--filter', 'label=switchyard.lab=1', '--format', '{{.Names}}').split('\n').filter(Boolean);
  expect(names.length).toBeGreaterThan(10);
  const text = await preview.locator('svg').textContent();
  for (const name of names) expect(text, `${name} is drawn`).toContain(name);
  const nets = docker('network', 'ls', '--filter', 'label=switchyard.lab=1', '--format', '{{.Name}}').split('\n').filter(Boolean);
  for (const net of nets) expect(text, `network ${net} is drawn`).toContain(net);
  await context.close();
});

test('without any script the lab\'s first view is drawn at a size a person can read', async ({ browser }) => {
  const others = notTheLab();
  test.skip(others.length > 0, `the engine also holds what neither the lab nor a test made (${others.join(', ')}): its first view is not the lab's size`);
  removeTestObjects();
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByTestId('graph-preview')).toBeVisible();
  // The labels' font size times the SVG's scale.
  const px = await page.getByTestId('graph-preview').locator('svg').evaluate((svg: SVGSVGElement) => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return Math.min(...[...svg.querySelectorAll('g.n text')].map((t) => Number(t.getAttribute('font-size')) * scale));
  });
  expect(px).toBeGreaterThanOrEqual(11);
  await context.close();
});

test('Cytoscape takes the first view over in place, and a later visit previews the kept positions', async ({ page }) => {
  const dash = new DashboardPage(page);
  // The first view as the server sends it (the page's scripts may take over before a test could look).
  const body = await (await page.request.get('/')).text();
  const html = [...body.matchAll(/<g class="n [^"]*" data-id="([^"]+)" data-x="([-\d.]+)" data-y="([-\d.]+)"/g)].map((m) => ({ id: m[1]!, x: Number(m[2]), y: Number(m[3]) }));
  expect(html.length).toBeGreaterThan(20);
  await page.goto('/');
  await dash.allDrawn();
  await page.waitForFunction(() => document.querySelector('[data-testid=graph]')?.getAttribute('data-ready') === '1');
  await expect(page.getByTestId('graph-preview')).toHaveCount(0);
  // Every node where the preview drew it (the same layout, packed to the same shape).
  expectSamePlaces(await cyNodes(page), html, 0.5);
  const first = await page.evaluate(() => window.__switchyardPreview);
  expect(first?.nodes).toBe(html.length);

  // Move a node, then open the page again with the app's scripts held back: the preview's own
  // script puts every node where the browser kept it.
  const moved = (await cyNodes(page)).find((n) => n.id.startsWith('ctr:'))!;
  await page.evaluate((id) => {
    window.cy!.getElementById(id).position({ x: -900, y: -700 }).emit('dragfree');
  }, moved.id);
  await page.waitForTimeout(800); // positions are written a moment after the last move
  const kept = await cyNodes(page);
  await page.route(/\/_next\/static\/chunks\/.*\.js$/, (route) => route.abort());
  await page.reload({ waitUntil: 'domcontentloaded' });
  await expect(page.getByTestId('graph-preview')).toBeVisible();
  expectSamePlaces(await previewNodes(page), kept, 1);
  expect((await previewNodes(page)).find((n) => n.id === moved.id)).toMatchObject({ x: -900, y: -700 });
});

test('a user\'s own folds are not previewed: the page draws them itself', async ({ page }) => {
  const dash = new DashboardPage(page);
  await page.goto('/');
  await dash.allDrawn();
  // Fold a network from the list (a real click), then reload: the preview steps aside.
  await page.locator('[data-fold]').first().click();
  await page.reload();
  await expect(page.getByTestId('graph-preview')).toBeHidden();
  await dash.graphReady(1);
});
