// Plan mode in Chromium against the real engine: three drags are staged (nothing changes on the
// engine), the plan shows each step's command and the server's verdict, "Apply" makes all three
// and the activity timeline has the plan as one entry. axe on the plan panel, light and dark.
import { expect, test } from '@playwright/test';
import { docker, removeTestObjects, TEST_LABEL } from '../test/integration/docker-cli';
import { seriousViolations } from './axe';
import { DashboardPage, dragNodeOnto } from './dashboard-page';

const IMAGE = process.env.SWITCHYARD_LAB_IMAGE ?? 'switchyard-lab/busybox:1';
const NET = 'sy-e2e-plan-net';
const CTRS = ['sy-e2e-plan-1', 'sy-e2e-plan-2', 'sy-e2e-plan-3'];
const idOf = (name: string) => docker('inspect', '--format', '{{.Id}}', name).trim();
const netId = (name: string) => docker('network', 'inspect', '--format', '{{.Id}}', name).trim();
const networksOf = (name: string) => Object.keys(JSON.parse(docker('inspect', '--format', '{{json .NetworkSettings.Networks}}', name)) as object).sort();

test.describe.configure({ mode: 'serial' });
test.beforeAll(() => {
  removeTestObjects();
  docker('network', 'create', '--label', TEST_LABEL, NET);
  for (const c of CTRS) docker('run', '-d', '--name', c, '--label', TEST_LABEL, IMAGE, 'sleep', '86400');
});
test.afterAll(() => removeTestObjects());

test('three drags staged, read, then applied as one plan', async ({ page }) => {
  const dash = new DashboardPage(page);
  await dash.open('?layout=grid&q=sy-e2e-plan');
  await dash.graphReady();
  await expect(page.getByTestId('live-state')).toHaveAttribute('data-state', 'live');
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await page.getByTestId('toggle-plan').check();
  const panel = page.getByTestId('plan-panel');
  await expect(panel).toContainText('No steps yet');

  for (const c of CTRS) {
    await dragNodeOnto(page, `ctr:${idOf(c)}`, `net:${netId(NET)}`);
    const dialog = page.getByTestId('connect-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Add to plan', exact: true }).click();
    await expect(dialog).toBeHidden();
  }
  const steps = panel.getByTestId('plan-step');
  await expect(steps).toHaveCount(3);
  for (const [i, c] of CTRS.entries()) {
    await expect(steps.nth(i)).toContainText(`docker network connect ${NET} ${c}`);
    await expect(steps.nth(i)).toHaveAttribute('data-ok', 'true', { timeout: 20_000 });
  }
  // Staged, not made: the engine has none of them on the network yet.
  for (const c of CTRS) expect(networksOf(c)).toEqual(['bridge']);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await seriousViolations(page, '[data-testid=plan-panel]')).toEqual([]);
  }

  await panel.getByTestId('plan-apply').click();
  await expect(panel.getByTestId('plan-outcome')).toContainText('Applied: 3 steps done.', { timeout: 30_000 });
  for (const c of CTRS) expect(networksOf(c)).toEqual(['bridge', NET].sort());
  await expect(page.getByText('Applied a plan of 3 steps')).toBeVisible({ timeout: 20_000 });
});
