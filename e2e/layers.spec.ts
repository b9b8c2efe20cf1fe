// Layers (lib/graph/layers) mark the graph's elements from data of their own, without changing
// the elements the graph draws. The search layer, as a user meets it: what matches is marked,
// the rest faded, and the marks stay through a live change and go with the search.
import { expect, test } from '@playwright/test';
import { docker, removeTestObjects, TEST_LABEL } from '../test/integration/docker-cli';
import { DashboardPage } from './dashboard-page';

const IMAGE = 'switchyard-lab/busybox:1';
const SERVE = "trap 'exit 0' TERM; while :; do sleep 3600 & wait $!; done";
const idOf = (name: string) => docker('inspect', '--format', '{{.Id}}', name).trim();

test.afterEach(() => removeTestObjects());

test('the search layer marks matches and fades the rest, keeps its marks through a live change, and goes with the search', async ({ page }) => {
  removeTestObjects();
  const id = docker('run', '-d', '--name', 'e2e-layer-needle', '--label', TEST_LABEL, '--network', 'mynet', IMAGE, 'sh', '-c', SERVE);
  const needle = `ctr:${id}`;
  const redis = `ctr:${idOf('redis-1')}`;
  const mynet = `net:${docker('network', 'inspect', '-f', '{{.Id}}', 'mynet')}`;
  const dash = new DashboardPage(page);
  await dash.open();
  await dash.waitForElement(needle);
  const classes = (ids: string[]) => page.evaluate((xs) => Object.fromEntries(xs.map((x) => [x, window.cy!.getElementById(x).classes().filter((c) => c === 'match' || c === 'faded')])), ids);
  const drawnIds = () => page.evaluate(() => window.cy!.elements().map((e) => e.id()).sort());
  const before = await drawnIds();
  expect((await classes([needle, redis, mynet]))[needle]).toEqual([]);

  await page.getByTestId('search').fill('layer-needle');
  await expect.poll(() => classes([needle, redis, mynet])).toEqual({ [needle]: ['match'], [redis]: ['faded'], [mynet]: ['faded'] });
  // A layer restyles; it does not add or take away elements.
  expect(await drawnIds()).toEqual(before);
  // Every container and network node is marked one way or the other.
  const unmarked = await page.evaluate(() => window.cy!.nodes('[kind = "container"], [kind = "network"]').filter((n) => !n.hasClass('match') && !n.hasClass('faded')).map((n) => n.id()));
  expect(unmarked).toEqual([]);

  // A live change updates the container's own classes (stopped); the layer's mark stays.
  docker('stop', '-t', '1', 'e2e-layer-needle');
  await page.waitForFunction((x) => window.cy?.getElementById(x).hasClass('stopped'), needle, { timeout: 20_000 });
  expect((await classes([needle]))[needle]).toEqual(['match']);

  // A search for a network marks the network.
  await page.getByTestId('search').fill('mynet');
  await expect.poll(async () => (await classes([mynet]))[mynet]).toEqual(['match']);

  await page.getByTestId('search').fill('');
  await expect.poll(() => classes([needle, redis, mynet])).toEqual({ [needle]: [], [redis]: [], [mynet]: [] });
  expect(await drawnIds()).toEqual(before);
});
