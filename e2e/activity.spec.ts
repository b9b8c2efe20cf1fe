// The activity timeline in the real browser: a drag that connects appears in it, is undone
// from it (the edge goes, docker inspect agrees), a CLI change appears live, and "changes
// since" marks what differs in the graph.
import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { docker, dockerJson } from '../test/integration/docker-cli';
import { DashboardPage, dragNodeOnto } from './dashboard-page';

/* eslint-disable @typescript-eslint/no-explicit-any -- docker inspect output is untyped JSON */
const idOf = (name: string) => docker('inspect', '-f', '{{.Id}}', name);
const netId = (name: string) => docker('network', 'inspect', '-f', '{{.Id}}', name);
const networksOf = (name: string) => dockerJson<any[]>('inspect', name)[0].NetworkSettings.Networks as Record<string, any>;

test.describe.configure({ mode: 'serial' });

test('drag to connect, see it in the timeline, undo it from there: the edge goes', async ({ page }) => {
  const ctr = 'tomcat03';
  const ui = idOf(ctr);
  const net = netId('lab-internal');
  try { docker('network', 'disconnect', 'lab-internal', ctr); } catch { /* not connected */ }
  const dash = new DashboardPage(page);
  await dash.open('?layout=grid');
  await dash.allDrawn();
  await expect(page.getByTestId('live-state')).toHaveAttribute('data-state', 'live');
  await page.getByRole('button', { name: 'Fit', exact: true }).click();

  await dragNodeOnto(page, `ctr:${ui}`, `net:${net}`);
  const dialog = page.getByTestId('connect-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(/Aliases/).fill('legacy');
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(dialog).toBeHidden();
  await dash.waitForElement(`ep:${net}:${ui}`);

  // The timeline says so, live, as a change made from the page, with its command.
  const entry = page.getByTestId('activity-entry').filter({ hasText: `Connected ${ctr} to lab-internal` }).first();
  await expect(entry).toBeVisible();
  await expect(entry).toHaveAttribute('data-source', 'switchyard');
  await expect(entry).toContainText('Switchyard · page');
  await expect(entry).toContainText(`docker network connect --alias legacy lab-internal ${ctr}`);
  // Its text selects the container in the graph (exactly one element selected).
  await entry.getByRole('button', { name: new RegExp(`Connected ${ctr}`) }).click();
  await expect.poll(() => page.evaluate(() => window.cy!.$(':selected').map((e) => e.id()))).toEqual([`ctr:${ui}`]);

  // Undo, from the timeline: the dialog shows the command, the edge goes, the engine agrees.
  await entry.getByTestId('undo-button').click();
  const undo = page.getByTestId('undo-dialog');
  await expect(undo.getByTestId('cli-equivalent')).toContainText(`docker network disconnect lab-internal ${ctr}`);
  const axe = await new AxeBuilder({ page }).include('[data-testid=undo-dialog]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await undo.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(undo).toBeHidden();
  await dash.waitForElement(`ep:${net}:${ui}`, { present: false });
  expect(networksOf(ctr)['lab-internal']).toBeUndefined();
  // The undo is in the timeline too, and the original says it was undone.
  const undoEntry = page.getByTestId('activity-entry').filter({ hasText: `Undo of #` }).first();
  await expect(undoEntry).toContainText(`Disconnected ${ctr} from lab-internal`);
  const undoneId = await undoEntry.getAttribute('data-entry-id');
  await expect(entry).toContainText(`undone (#${undoneId})`);
  await expect(entry.getByTestId('undo-button')).toHaveCount(0);
});

test('a change on the CLI appears live, and "changes since" marks it in the graph', async ({ page }) => {
  const ctr = 'tomcat03';
  const ui = idOf(ctr);
  const net = netId('lab-internal');
  const dash = new DashboardPage(page);
  await dash.open('?layout=grid');
  await dash.allDrawn();
  await expect(page.getByTestId('live-state')).toHaveAttribute('data-state', 'live');
  await expect(page.getByTestId('activity-entry').first()).toBeVisible();
  const newest = Number(await page.getByTestId('activity-entry').first().getAttribute('data-entry-id'));
  try {
    docker('network', 'connect', 'lab-internal', ctr);
    const entry = page.getByTestId('activity-entry').filter({ hasText: `Connected (outside Switchyard) ${ctr} to lab-internal` }).first();
    await expect(entry).toBeVisible();
    await expect(entry).toHaveAttribute('data-source', 'engine');
    await expect(entry.getByTestId('undo-button')).toHaveCount(0);
    expect(Number(await entry.getAttribute('data-entry-id'))).toBeGreaterThan(newest);
    await dash.waitForElement(`ep:${net}:${ui}`);

    await entry.getByRole('button', { name: 'Changes since' }).click();
    const changes = page.getByTestId('changes-since');
    await expect(changes).toContainText('Connections made');
    await expect(changes).toContainText(`${ctr} on lab-internal`);
    await expect.poll(() => page.evaluate((id) => window.cy!.getElementById(id).hasClass('changed'), `ep:${net}:${ui}`)).toBe(true);
    await changes.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.evaluate(() => window.cy!.$('.changed').length)).toBe(0);
  } finally {
    try { docker('network', 'disconnect', 'lab-internal', ctr); } catch { /* already */ }
  }
});
