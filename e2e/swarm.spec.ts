// Overlay networks on a swarm manager (the tests' own second engine, so no engine of yours is
// turned into a swarm): overlay networks are drawn as such, a non-attachable one is refused
// in plain words, and an overlay network can be created and removed from the page.
import { execSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { startServer, type AppServer } from '../test/helpers/app-server';
import { ENGINE2_SOCKET, SecondEngine } from '../test/helpers/second-engine';
import { engineStateOf } from '../test/helpers/engine-state';
import { DashboardPage, dragNodeOnto } from './dashboard-page';

const IMAGE = 'switchyard-lab/busybox:1';
const SERVE = "trap 'exit 0' TERM; while :; do sleep 3600 & wait $!; done";

test.describe.configure({ mode: 'serial' });
const engine = new SecondEngine();
let app: AppServer;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  await engine.start();
  if (engine.docker('info', '--format', '{{.Swarm.LocalNodeState}}') !== 'active') {
    engine.docker('swarm', 'init', '--advertise-addr', '127.0.0.1');
  }
  try { engine.docker('image', 'inspect', IMAGE); } catch {
    execSync(`docker save ${IMAGE} | docker -H unix://${ENGINE2_SOCKET} load`, { stdio: 'ignore' });
  }
  for (const c of ['sy-swarm-app']) try { engine.docker('rm', '-f', c); } catch { /* none */ }
  for (const n of ['sy-overlay-closed', 'sy-overlay-made']) try { engine.docker('network', 'rm', n); } catch { /* none */ }
  engine.docker('network', 'create', '-d', 'overlay', 'sy-overlay-closed');
  engine.docker('run', '-d', '--name', 'sy-swarm-app', IMAGE, 'sh', '-c', SERVE);
  app = await startServer(3194, { DOCKER_HOST: `unix://${ENGINE2_SOCKET}` });
});

test.afterAll(async () => {
  await app?.stop();
  try { engine.docker('rm', '-f', 'sy-swarm-app'); } catch { /* gone */ }
  for (const n of ['sy-overlay-closed', 'sy-overlay-made']) try { engine.docker('network', 'rm', n); } catch { /* gone */ }
  try { engine.docker('swarm', 'leave', '--force'); } catch { /* not in one */ }
  await engine.stop();
});

test('a non-attachable overlay network is refused in plain words, and nothing changes', async ({ page }) => {
  const ctr = engine.docker('inspect', '-f', '{{.Id}}', 'sy-swarm-app');
  const net = engine.docker('network', 'inspect', '-f', '{{.Id}}', 'sy-overlay-closed');
  await page.goto(`${app.url}/?layout=grid`);
  const dash = new DashboardPage(page);
  await dash.waitForElement(`net:${net}`);
  expect(await page.evaluate((id) => window.cy!.getElementById(`net:${id}`).hasClass('overlay'), net)).toBe(true);
  const before = engineStateOf(engine.docker.bind(engine));
  await page.getByRole('button', { name: 'Fit' }).click();
  await dragNodeOnto(page, `ctr:${ctr}`, `net:${net}`);
  const dialog = page.getByTestId('connect-dialog');
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(dialog.getByTestId('action-error')).toContainText('sy-overlay-closed is a swarm network that is not attachable');
  await expect(dialog.getByTestId('action-error')).toContainText('--attachable');
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  expect(engineStateOf(engine.docker.bind(engine))).toBe(before);
});

test('on a swarm manager, an overlay network can be created and removed from the page', async ({ page }) => {
  await page.goto(app.url);
  const dash = new DashboardPage(page);
  await dash.graphReady(1);
  await page.getByRole('button', { name: 'New network…' }).click();
  const dialog = page.getByTestId('create-dialog');
  await dialog.getByLabel('Name', { exact: true }).fill('sy-overlay-made');
  await dialog.locator('select[name="driver"]').selectOption('overlay');
  await dialog.getByLabel('Subnet', { exact: true }).fill('10.231.30.0/24');
  await dialog.getByLabel('attachable', { exact: true }).check();
  await expect(dialog.getByTestId('cli-equivalent')).toContainText('docker network create --driver overlay --subnet 10.231.30.0/24 --attachable sy-overlay-made');
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(dialog).toBeHidden();
  const id = engine.docker('network', 'inspect', '-f', '{{.Id}}', 'sy-overlay-made');
  expect(engine.docker('network', 'inspect', '-f', '{{.Driver}} {{.Scope}} {{.Attachable}}', 'sy-overlay-made')).toBe('overlay swarm true');
  await dash.waitForElement(`net:${id}`);
  await page.locator('[data-network="sy-overlay-made"]').click();
  await dash.inspector().getByRole('button', { name: 'Remove network sy-overlay-made' }).click();
  await page.getByTestId('remove-dialog').getByRole('button', { name: 'Remove', exact: true }).click();
  await dash.waitForElement(`net:${id}`, { present: false });
});
