// 50 concurrent connect/disconnect requests: no server error, and the engine and the page agree.
import { expect, test } from '@playwright/test';
import { docker, dockerJson, removeTestObjects, TEST_LABEL } from '../test/integration/docker-cli';
import { DashboardPage } from './dashboard-page';

const IMAGE = 'switchyard-lab/busybox:1';
const SERVE = "trap 'exit 0' TERM; while :; do sleep 3600 & wait $!; done";

test.afterEach(() => removeTestObjects());

test('50 concurrent connects and disconnects end with the engine and the page in agreement', async ({ page, baseURL }) => {
  removeTestObjects();
  docker('network', 'create', '--label', TEST_LABEL, '--subnet', '10.231.20.0/24', 'sy-burst');
  const names = Array.from({ length: 10 }, (_, i) => `sy-burst-${i}`);
  for (const n of names) docker('run', '-d', '--name', n, '--label', TEST_LABEL, IMAGE, 'sh', '-c', SERVE);
  const netId = docker('network', 'inspect', '-f', '{{.Id}}', 'sy-burst');

  const dash = new DashboardPage(page);
  await dash.open('?network=sy-burst&layout=grid');
  await dash.waitForElement(`net:${netId}`);

  const requests = Array.from({ length: 50 }, (_, i) => {
    const op = i % 3 === 2 ? 'disconnect' : 'connect';
    return fetch(`${baseURL}/api/networks/sy-burst/${op}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ container: names[i % 10] }),
    }).then(async (r) => ({ op, status: r.status, body: await r.json() }));
  });
  const results = await Promise.all(requests);
  const statuses = results.map((r) => r.status);
  expect(statuses.filter((s) => s >= 500), JSON.stringify(results.filter((r) => r.status >= 500))).toEqual([]);
  for (const r of results) expect([200, 409]).toContain(r.status);
  expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);

  const members = () => Object.keys(dockerJson<{ Containers: Record<string, unknown> }[]>('network', 'inspect', 'sy-burst')[0]!.Containers ?? {}).sort();
  const engineMembers = members();
  // The page converges on what the engine has.
  await page.waitForFunction(({ net, want }) => {
    const have = window.cy!.edges(`[kind = "endpoint"][target = "net:${net}"]`).map((e) => (e.data('source') as string).slice(4)).sort();
    return JSON.stringify(have) === JSON.stringify(want);
  }, { net: netId, want: engineMembers }, { timeout: 30_000 });
  const api = await (await fetch(`${baseURL}/api/networks/sy-burst`)).json();
  expect(api.endpoints.map((e: { containerId: string }) => e.containerId).sort()).toEqual(engineMembers);
  expect(members()).toEqual(engineMembers);
});
