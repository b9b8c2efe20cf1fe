// The Traffic layer in Chromium against the lab's traffic scenario (scripts/lab.sh traffic up:
// a long-lived connection, short requests, a client failing across isolated networks, one
// refused, the host through a published port). What the layer draws, the failing flows'
// reasons and fixes, the inspector's live peers, the reachability panel's traffic per port,
// the connections a disconnect would cut (in its dialog and its activity entry), and axe on
// the new parts, light and dark.
import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { docker } from '../test/integration/docker-cli';
import { seriousViolations } from './axe';
import { DashboardPage } from './dashboard-page';

const idOf = (name: string) => docker('inspect', '--format', '{{.Id}}', name).trim();
const netIdOf = (name: string) => docker('network', 'inspect', '--format', '{{.Id}}', name).trim();

test.describe.configure({ mode: 'serial' });
test.beforeAll(() => {
  execFileSync('bash', ['scripts/lab.sh', 'traffic', 'up'], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 120_000 });
});
test.afterAll(() => {
  execFileSync('bash', ['scripts/lab.sh', 'traffic', 'down'], { stdio: 'ignore', timeout: 120_000 });
});

/** The flow edges the graph draws: source and target node ids, label, classes. */
const flowEdges = (page: Page) => page.evaluate(() => window.cy!.edges('[kind = "flow"]').map((e) => ({ source: e.data('source') as string, target: e.data('target') as string, label: e.data('label') as string, classes: e.classes() as string[] })));


test('the Traffic layer draws the lab\'s flows, and the failing ones apart with their reason and fix; the toggle is kept in the URL', async ({ page }) => {
  const [holder, server, lost, knocker] = ['traffic-holder', 'traffic-server', 'traffic-lost', 'traffic-knocker'].map((n) => `ctr:${idOf(n)}`);
  const dash = new DashboardPage(page);
  await dash.open();
  await dash.graphReady();
  expect(await flowEdges(page)).toEqual([]);
  await page.getByTestId('toggle-traffic').check();
  await expect(page).toHaveURL(/[?&]traffic=1/);
  await expect.poll(async () => (await flowEdges(page)).find((e) => e.source === holder && e.target === server)?.label, { timeout: 20_000 }).toMatch(/^:7000/);
  await expect.poll(async () => (await flowEdges(page)).find((e) => e.source === lost && e.target === server)?.classes, { timeout: 20_000 }).toContain('flow-failing');
  await expect.poll(async () => (await flowEdges(page)).find((e) => e.source === knocker && e.target === server)?.label, { timeout: 20_000 }).toBe(':6379 ✕ refused');
  // The host reaches traffic-server through its published port: an edge from the host node.
  await expect.poll(async () => (await flowEdges(page)).some((e) => e.source === 'host' && e.target === server), { timeout: 20_000 }).toBe(true);
  expect(await page.evaluate((id) => window.cy!.getElementById(id).hasClass('talking'), server!)).toBe(true);

  const failing = page.getByTestId('failing-flow').filter({ hasText: 'traffic-lost → traffic-server:7000' });
  await expect(failing).toContainText('Docker isolates different networks from each other');
  await expect(failing).toContainText('docker network connect lab-traffic traffic-lost');
  await expect(page.getByTestId('failing-flow').filter({ hasText: 'traffic-knocker → traffic-server:6379' })).toContainText('nothing in traffic-server listens on port 6379');
  // Its fix opens the connect dialog for that network and container.
  await failing.getByRole('button', { name: 'Connect…' }).click();
  await expect(page.getByTestId('connect-dialog')).toContainText('Connect traffic-lost to lab-traffic');
  await page.getByRole('button', { name: 'Cancel' }).click();

  // How often it is read is the user's: kept in the URL, and the server says the interval in force.
  // (Another watcher of this engine, a page or an API client, may ask for less: the server reads at the shortest, and the panel says so.)
  await expect(page.getByTestId('traffic-panel')).toContainText('read every 2 s');
  const asked = page.waitForRequest(/\/api\/events\?(.*&)?traffic=5000(&|$)/);
  await page.getByTestId('traffic-every').selectOption('5');
  await asked;
  await expect(page).toHaveURL(/[?&]every=5/);
  await expect(page.getByTestId('traffic-panel')).toContainText(/read every 5 s from|read every [12] s \(asked: every 5 s; another page or client watching this engine asks for less\)/, { timeout: 20_000 });

  // Reloaded, the layer is still on, at that interval; turned off, its edges go.
  await page.reload();
  await expect(page.getByTestId('traffic-every')).toHaveValue('5');
  await expect.poll(async () => (await flowEdges(page)).length, { timeout: 20_000 }).toBeGreaterThan(3);
  await page.getByTestId('toggle-traffic').uncheck();
  await expect(page).not.toHaveURL(/traffic=1/);
  await expect.poll(async () => (await flowEdges(page)).length).toBe(0);
  await expect(page.getByTestId('traffic-panel')).toHaveCount(0);
});

test('the inspector lists a container\'s live peers with a chart, and the reachability panel marks traffic per port', async ({ page }) => {
  const dash = new DashboardPage(page);
  await dash.open(`?sel=container:${idOf('traffic-server')}`);
  const peers = page.getByTestId('live-peers');
  await expect(peers.getByTestId('peer-row').filter({ hasText: 'traffic-holder' }).first()).toHaveAttribute('data-state', 'open', { timeout: 20_000 });
  await expect(peers.getByTestId('peer-row').filter({ hasText: 'traffic-lost' })).toHaveAttribute('data-state', 'no-answer');
  await expect(peers.getByTestId('peer-chart')).toBeVisible();

  await dash.open(`?sel=container:${idOf('traffic-holder')}`);
  const panel = page.getByTestId('reach-panel');
  await panel.getByRole('combobox').selectOption({ label: 'traffic-server' });
  await expect(page.locator('[data-testid=reach-port][data-port="7000"] [data-testid=port-traffic]')).toHaveAttribute('data-mark', 'traffic seen', { timeout: 20_000 });
  await expect(page.locator('[data-testid=reach-port][data-port="8080"] [data-testid=port-traffic]')).toHaveAttribute('data-mark', 'allowed, no traffic');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds no serious violation in the traffic panel and live peers (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    const dash = new DashboardPage(page);
    await dash.open(`?traffic=1&sel=container:${idOf('traffic-server')}`);
    await expect(page.getByTestId('failing-flow').first()).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('peer-row').first()).toBeVisible({ timeout: 20_000 });
    expect(await seriousViolations(page, '[data-testid=traffic-panel]')).toEqual([]);
    expect(await seriousViolations(page, '[data-testid=live-peers]')).toEqual([]);
  });
}

test('the disconnect dialog lists the connections it would cut, and the activity entry records them', async ({ page }) => {
  const dash = new DashboardPage(page);
  await dash.open(`?sel=container:${idOf('traffic-holder')}`);
  await expect(page.getByTestId('peer-row').first()).toBeVisible({ timeout: 20_000 });
  await dash.inspector().getByRole('button', { name: 'Disconnect from lab-traffic' }).click();
  const dialog = page.getByTestId('disconnect-dialog');
  const note = dialog.getByTestId('cuts-note');
  await expect(note).toHaveText('1 open connection will be cut: traffic-holder -> traffic-server:7000 (1).', { timeout: 20_000 });
  expect(await seriousViolations(page, 'dialog[open]')).toEqual([]);
  await dialog.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await expect(dialog).toHaveCount(0, { timeout: 20_000 });
  const entry = page.getByTestId('activity-entry').filter({ hasText: 'traffic-holder' }).first();
  await expect(entry.getByTestId('entry-cuts')).toHaveText('1 open connection cut: traffic-holder -> traffic-server:7000 (1)', { timeout: 20_000 });
  // And on the engine: traffic-holder is off lab-traffic.
  expect(docker('inspect', '--format', '{{json .NetworkSettings.Networks}}', 'traffic-holder')).not.toContain(netIdOf('lab-traffic'));
});
