// Several engines in the page: the lab engine (default) and the tests' own second engine, named
// by docker contexts the real CLI made in a temporary DOCKER_CONFIG; switching in the header,
// the overview, an engine that is gone, and one stopped and started while its page is open.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startServer, type AppServer } from '../test/helpers/app-server';
import { ENGINE2_SOCKET, LAB_IMAGE, SecondEngine, SERVE } from '../test/helpers/second-engine';
import { DashboardPage, gotoSettled } from './dashboard-page';

const IMAGE = LAB_IMAGE;
const GONE = '/run/switchyard-no-such-engine/docker.sock';

test.describe.configure({ mode: 'serial' });
const engine = new SecondEngine();
const config = mkdtempSync(join(tmpdir(), 'switchyard-e2e-contexts-'));
const cli = (...args: string[]) => execFileSync('docker', args, { env: { ...process.env, DOCKER_CONFIG: config, DOCKER_HOST: '', DOCKER_CONTEXT: '' }, encoding: 'utf8' }).trim();
let app: AppServer;
let net2 = '';

test.beforeAll(async () => {
  test.setTimeout(180_000);
  await engine.start();
  engine.loadImage(IMAGE);
  try { engine.docker('rm', '-f', 'sy-e2-page-app'); } catch { /* none */ }
  try { engine.docker('network', 'rm', 'sy-e2-page'); } catch { /* none */ }
  net2 = engine.docker('network', 'create', 'sy-e2-page');
  engine.docker('run', '-d', '--name', 'sy-e2-page-app', '--network', 'sy-e2-page', '--dns', '127.0.0.1', IMAGE, 'sh', '-c', SERVE);
  cli('context', 'create', 'lab2', '--description', 'the second lab engine', '--docker', `host=unix://${ENGINE2_SOCKET}`);
  cli('context', 'create', 'gone', '--docker', `host=unix://${GONE}`);
  app = await startServer(3196, { DOCKER_CONFIG: config, DOCKER_HOST: '', DOCKER_CONTEXT: '' });
});

test.afterAll(async () => {
  await app?.stop();
  try { engine.docker('rm', '-f', 'sy-e2-page-app'); } catch { /* gone */ }
  try { engine.docker('network', 'rm', 'sy-e2-page'); } catch { /* gone */ }
  await engine.stop();
  rmSync(config, { recursive: true, force: true });
});

test('the header switches engines; each page shows its own engine, named in the URL', async ({ page }) => {
  const mynet = execFileSync('docker', ['network', 'inspect', '-f', '{{.Id}}', 'mynet'], { encoding: 'utf8' }).trim();
  await gotoSettled(page, app.url);
  const dash = new DashboardPage(page);
  await dash.waitForElement(`net:${mynet}`);
  const engineSelect = page.getByRole('combobox', { name: 'Engine' });
  await expect(engineSelect).toHaveValue('default');
  await engineSelect.selectOption('lab2');
  await page.waitForURL(/\?engine=lab2$/);
  await dash.waitForElement(`net:${net2}`);
  expect(await page.evaluate((id) => window.cy!.getElementById(`net:${id}`).empty(), mynet)).toBe(true);
  await expect(page.getByTestId('engine-status')).toContainText(`unix://${ENGINE2_SOCKET}`);
  await expect(page.getByRole('combobox', { name: 'Engine' })).toHaveValue('lab2');
  // The page's own requests name the engine: a reload stays on it.
  await page.reload();
  await dash.waitForElement(`net:${net2}`);

  await page.getByRole('combobox', { name: 'Engine' }).selectOption('gone');
  await page.waitForURL(/\?engine=gone$/);
  await expect(page.getByTestId('engine-status')).toContainText(`Engine gone: no Docker engine at ${GONE}`);
  await expect(page.getByRole('combobox', { name: 'Engine' }).locator('option', { hasText: 'gone' })).toHaveText('gone · down');
});

test('the overview lists every engine with its health, version and counts, and opens one', async ({ page }) => {
  await gotoSettled(page, `${app.url}/engines`);
  const table = page.getByTestId('engines-table');
  await expect(table.locator('tr[data-engine="default"]')).toHaveAttribute('data-state', 'up');
  await expect(table.locator('tr[data-engine="lab2"]')).toHaveAttribute('data-state', 'up');
  await expect(table.locator('tr[data-engine="gone"]')).toHaveAttribute('data-state', 'down');
  await expect(table.locator('tr[data-engine="gone"]')).toContainText(GONE);
  // Other tests may have left stopped containers on the second engine: count both.
  const count = (...args: string[]) => engine.docker('ps', ...args).split('\n').filter(Boolean).length;
  await expect(table.locator('tr[data-engine="lab2"]')).toContainText(`${count('-aq')} (${count('-q')} running)`);
  await expect(table.locator('tr[data-engine="lab2"]')).toContainText(engine.docker('version', '-f', '{{.Server.Version}}'));
  await table.getByRole('link', { name: 'lab2' }).click();
  await page.waitForURL(/\?engine=lab2$/);
  await new DashboardPage(page).waitForElement(`net:${net2}`);
});

test('an engine stopped while its page is open is named as down, the others stay up, and it recovers', async ({ page }) => {
  test.setTimeout(120_000);
  await gotoSettled(page, `${app.url}/?engine=lab2`);
  await new DashboardPage(page).waitForElement(`net:${net2}`);
  await engine.stop();
  try {
    await expect(page.getByTestId('engine-status')).toContainText(`Engine lab2: no Docker engine at ${ENGINE2_SOCKET}`, { timeout: 20_000 });
    await expect(page.getByRole('combobox', { name: 'Engine' }).locator('option', { hasText: 'lab2' })).toHaveText('lab2 · down', { timeout: 15_000 });
    await expect(page.getByRole('combobox', { name: 'Engine' }).locator('option', { hasText: 'default' })).toHaveText('default (current) · up');
    // The last graph stays.
    expect(await page.evaluate((id) => window.cy!.getElementById(`net:${id}`).nonempty(), net2)).toBe(true);
  } finally {
    await engine.start();
  }
  await expect(page.getByTestId('engine-version')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('live-state')).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  await expect(page.getByRole('combobox', { name: 'Engine' }).locator('option', { hasText: 'lab2' })).toHaveText('lab2 · up', { timeout: 15_000 });
});
