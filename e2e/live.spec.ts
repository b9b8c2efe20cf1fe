// Changes made with the docker CLI while the page is open show up without a reload, and
// without the page fetching the topology again: it applies the server's patches.
import { expect, test } from '@playwright/test';
import { docker, removeTestObjects, TEST_LABEL } from '../test/integration/docker-cli';
import { DashboardPage } from './dashboard-page';

const IMAGE = 'switchyard-lab/busybox:1';
const SERVE = "trap 'exit 0' TERM; while :; do sleep 3600 & wait $!; done";

test.afterEach(() => removeTestObjects());

test('docker network connect and docker stop from the CLI appear on the open page', async ({ page }) => {
  removeTestObjects();
  const id = docker('run', '-d', '--name', 'e2e-live', '--label', TEST_LABEL, '--network', 'mynet', IMAGE, 'sh', '-c', SERVE);
  const redisNet = docker('network', 'inspect', '-f', '{{.Id}}', 'redis');
  const dash = new DashboardPage(page);
  await dash.open();
  await dash.waitForElement(`ctr:${id}`);
  await page.evaluate(() => { (window as unknown as { __noReload: boolean }).__noReload = true; });
  const fetches: string[] = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname === '/api/topology') fetches.push(r.url()); });

  docker('network', 'connect', 'redis', 'e2e-live');
  const ip = docker('inspect', '-f', '{{(index .NetworkSettings.Networks "redis").IPAddress}}', 'e2e-live');
  await dash.waitForElement(`ep:${redisNet}:${id}`, { label: ip });

  docker('network', 'disconnect', 'redis', 'e2e-live');
  await dash.waitForElement(`ep:${redisNet}:${id}`, { present: false });

  docker('stop', '-t', '1', 'e2e-live');
  await page.waitForFunction((cid) => window.cy?.getElementById(`ctr:${cid}`).hasClass('stopped'), id, { timeout: 20_000 });

  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  expect(fetches, 'the page refetched the topology instead of applying patches').toEqual([]);
  await expect(page.getByTestId('live-state')).toHaveAttribute('data-state', 'live');
});
