// The host's side in Chromium: the Exposure view (a container published on every address,
// listed first with its fix, marked on the graph), a reachability verdict that names the
// DOCKER-USER rule dropping the pair (a real rule, removed afterwards and checked), and the
// "New network" dialog's free subnet and clash warning; axe on the new parts, light and dark.
import { expect, test } from '@playwright/test';
import { docker, removeTestObjects, TEST_LABEL } from '../test/integration/docker-cli';
import { addRule, ourRules, removeOurRules } from '../test/helpers/firewall-rules';
import { seriousViolations } from './axe';
import { DashboardPage } from './dashboard-page';

const EXPOSED = 'sy-e2e-exposed';
const idOf = (name: string) => docker('inspect', '--format', '{{.Id}}', name).trim();
const ipOn = (name: string, net: string) => docker('inspect', '--format', `{{(index .NetworkSettings.Networks "${net}").IPAddress}}`, name).trim();

test.describe.configure({ mode: 'serial' });
test.beforeAll(() => {
  removeTestObjects();
  removeOurRules();
  docker('run', '-d', '--name', EXPOSED, '--label', TEST_LABEL, '-p', '0.0.0.0:18211:8080', 'switchyard-lab/busybox:1', 'sh', '-c', "trap 'exit 0' TERM; httpd -f -p 8080 -h /www & wait");
});
test.afterAll(() => {
  removeOurRules();
  expect(ourRules()).toEqual([]);
  removeTestObjects();
});

test('the Exposure view lists the port open to every machine first, with its fix, and marks the container', async ({ page }) => {
  const dash = new DashboardPage(page);
  await dash.open();
  await dash.graphReady();
  await page.getByTestId('toggle-exposure').check();
  await expect(page).toHaveURL(/[?&]exposure=1/);
  const first = page.getByTestId('exposed-port').first();
  await expect(first).toContainText(EXPOSED, { timeout: 20_000 });
  await expect(first).toHaveAttribute('data-scope', 'all');
  await expect(first).toContainText('every machine that can route to this host: bound to 0.0.0.0:18211');
  // The lab's loopback-only port is listed as this host only.
  await expect(page.getByTestId('exposed-port').filter({ hasText: 'tomcat01' })).toContainText('only this host: bound to 127.0.0.1:18080');
  await first.getByRole('button', { name: 'Why, and the fix' }).click();
  await expect(first.getByTestId('exposure-detail')).toContainText('docker run -p 127.0.0.1:18211:8080');
  await expect(first.getByTestId('exposure-detail')).toContainText('do not apply to it; only DOCKER-USER');
  const id = `ctr:${idOf(EXPOSED)}`;
  await expect.poll(() => page.evaluate((x) => window.cy!.getElementById(x).hasClass('exposed-all'), id)).toBe(true);
  await page.getByTestId('toggle-exposure').uncheck();
  await expect.poll(() => page.evaluate((x) => window.cy!.getElementById(x).hasClass('exposed-all'), id)).toBe(false);
});

test('a reachability verdict names the DOCKER-USER rule that drops the pair', async ({ page }) => {
  addRule(1, ['-s', `${ipOn('tomcat-net-02', 'mynet')}/32`, '-d', `${ipOn('tomcat-net-01', 'mynet')}/32`, '-j', 'DROP']);
  try {
    await page.waitForTimeout(2_200); // the server's firewall cache
    const dash = new DashboardPage(page);
    await dash.open(`?sel=container:${idOf('tomcat-net-02')}`);
    await page.getByTestId('reach-panel').getByRole('combobox').selectOption({ label: 'tomcat-net-01' });
    const verdict = page.getByTestId('reach-verdict');
    await expect(verdict).toHaveAttribute('data-by-ip', 'false', { timeout: 20_000 });
    await expect(verdict).toContainText('tomcat-net-02 cannot reach tomcat-net-01: dropped by DOCKER-USER rule 1');
    await expect(verdict.getByTestId('firewall-rules')).toContainText(/dropped by DOCKER-USER rule 1 \(iptables\): -A DOCKER-USER -s [0-9.]+\/32 -d [0-9.]+\/32/);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await seriousViolations(page, '[data-testid=reach-panel]')).toEqual([]);
    }
  } finally {
    removeOurRules();
  }
});

test('"New network" offers a subnet that clashes with nothing, and warns of one that clashes', async ({ page }) => {
  const dash = new DashboardPage(page);
  await dash.open();
  await page.getByRole('button', { name: 'New network…' }).click();
  const dialog = page.getByTestId('create-dialog');
  const advice = dialog.getByTestId('subnet-advice');
  await expect(advice).toContainText(/Free: \d+\.\d+\.\d+\.\d+\/\d+ clashes with no network, host route or interface/, { timeout: 20_000 });
  await dialog.locator('input[name=name]').fill('sy-e2e-net');
  await advice.getByRole('button', { name: 'Use it' }).click();
  await expect(dialog.locator('input[name=subnet]')).toHaveValue(/^\d+\.\d+\.\d+\.\d+\/\d+$/);
  await expect(dialog.getByTestId('subnet-clashes')).toHaveCount(0);
  const lab = JSON.parse(docker('network', 'inspect', 'lab-ports', '--format', '{{json .IPAM.Config}}')) as { Subnet: string }[];
  await dialog.locator('input[name=subnet]').fill(lab[0]!.Subnet);
  await dialog.locator('input[name=gateway]').fill('');
  const clashes = dialog.getByTestId('subnet-clashes');
  await expect(clashes).toContainText('lab-ports', { timeout: 20_000 });
  await expect(dialog.getByRole('button', { name: 'Create', exact: true })).toBeDisabled();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await seriousViolations(page, 'dialog[open]')).toEqual([]);
  }
  await clashes.getByLabel('Create it anyway').check();
  await expect(dialog.getByRole('button', { name: 'Create', exact: true })).toBeEnabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds no serious violation in the Exposure view (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    const dash = new DashboardPage(page);
    await dash.open('?exposure=1');
    await expect(page.getByTestId('exposed-port').first()).toBeVisible({ timeout: 20_000 });
    await page.getByTestId('exposed-port').first().getByRole('button', { name: 'Why, and the fix' }).click();
    expect(await seriousViolations(page, '[data-testid=exposure-panel]')).toEqual([]);
  });
}


