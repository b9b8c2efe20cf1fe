// "Why can't A reach B on 6379?" on the page, with the seed article's case: the verdict by port,
// the compose YAML that makes the fix last, the matrix of the two projects before and after,
// the one-click fix, the path drawn on the graph, and "Test now" agreeing with the prediction.
import { expect, test } from '@playwright/test';
import { docker } from '../test/integration/docker-cli';
import { labNet } from '../test/helpers/lab-nets';
import { DashboardPage } from './dashboard-page';

test('the UI container cannot reach Redis on 6379: the page says why, fixes it, draws the path and tests it', async ({ page }) => {
  test.setTimeout(120_000);
  try { docker('network', 'disconnect', 'redismod_default', 'redisinsight-redisinsight-1'); } catch { /* not connected */ }
  const ui = docker('inspect', '-f', '{{.Id}}', 'redisinsight-redisinsight-1');
  const net = docker('network', 'inspect', '-f', '{{.Id}}', 'redismod_default');
  const dash = new DashboardPage(page);
  await dash.open(`?sel=container:${ui}`);
  const panel = page.getByTestId('reach-panel');
  await panel.getByRole('combobox').selectOption({ label: 'redismod-redismod-1' });
  await panel.getByLabel('Port (optional)').fill('6379');
  const verdict = panel.getByTestId('reach-verdict');
  await expect(verdict).toHaveAttribute('data-port-open', 'false');
  await expect(verdict).toContainText('redisinsight-redisinsight-1 cannot reach redismod-redismod-1 on port 6379');
  await expect(verdict).toContainText('127.0.0.1 is redisinsight-redisinsight-1 itself');
  await expect(verdict).toContainText('docker network connect redismod_default redisinsight-redisinsight-1');
  // The fix made lasting: the service's networks and the external network, as in the seed article.
  await verdict.getByText('Make it last (compose)').click();
  await expect(verdict.getByTestId('compose-fix')).toContainText('- redismod_default');
  await expect(verdict.getByTestId('compose-fix')).toContainText('external: true');

  // The matrix of the two compose projects, on 6379: nobody reaches anybody.
  await panel.getByRole('button', { name: /Show the matrix of projects redisinsight and redismod on port 6379/ }).click();
  const cell = panel.getByTestId('matrix-cell').and(page.locator('[data-from="redisinsight-redisinsight-1"][data-to="redismod-redismod-1"]'));
  await expect(cell).toHaveAttribute('data-value', 'none');
  await cell.focus();
  await expect(cell).toHaveAttribute('aria-label', /cannot reach redismod-redismod-1 on port 6379/);
  await expect(panel.getByTestId('matrix-explained')).toContainText('cannot reach redismod-redismod-1 on port 6379');

  // Test now, before: the observations agree that it cannot.
  await panel.getByTestId('test-now').click();
  const result = panel.getByTestId('test-result');
  await expect(result).toHaveAttribute('data-disagreements', '0', { timeout: 30_000 });
  await expect(result).toContainText('Observed as predicted');

  // The one-click fix.
  await verdict.getByRole('button', { name: 'Connect now…' }).click();
  await page.getByTestId('connect-dialog').getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(verdict).toHaveAttribute('data-port-open', 'true', { timeout: 20_000 });
  await expect(verdict).toContainText('redisinsight-redisinsight-1 reaches redismod-redismod-1 on port 6379 by name');
  await expect(panel.locator('[data-testid="reach-port"][data-port="6379"]')).toContainText('redismod:6379');
  await expect(cell).toHaveAttribute('data-value', '6379 by name', { timeout: 20_000 });

  // The path on the graph: the UI's new endpoint on redismod_default, the network, Redis's endpoint.
  await verdict.getByTestId('show-path').click();
  await expect.poll(() => page.evaluate(([n, c]) => {
    const cy = window.cy!;
    return [`ep:${n}:${c}`, `net:${n}`, `ctr:${c}`].map((id) => cy.getElementById(id).hasClass('path'));
  }, [net, ui] as const)).toEqual([true, true, true]);

  // Test now, after: it really connects, and says so beside the prediction.
  await panel.getByTestId('test-now').click();
  await expect(result).toHaveAttribute('data-disagreements', '0', { timeout: 30_000 });
  await expect(result.locator('[data-testid="test-check"][data-agrees="true"]').filter({ hasText: `TCP ${labNet('redismod_default').addressOf('redismod-redismod-1')}:6379: predicted yes, observed yes` })).toHaveCount(1);
  docker('network', 'disconnect', 'redismod_default', 'redisinsight-redisinsight-1');
});

test('a search is a selection: who reaches whom among the containers it matches, from the keyboard', async ({ page }) => {
  const dash = new DashboardPage(page);
  await dash.open();
  await page.getByTestId('search').fill('tomcat');
  const section = page.getByTestId('list-view').locator('..').getByTestId('matrix-section');
  await section.getByRole('button', { name: /who reaches whom in the containers matching "tomcat" \(6 containers\)/ }).click();
  const cell = (from: string, to: string) => section.locator(`[data-testid="matrix-cell"][data-from="${from}"][data-to="${to}"]`);
  // The verdicts the integration tests check against real pings: the default bridge by IP only,
  // a --link by name one way, a user-defined network by name, a shared namespace.
  await expect(cell('tomcat01', 'tomcat02')).toHaveAttribute('data-value', 'IP');
  await expect(cell('tomcat03', 'tomcat02')).toHaveAttribute('data-value', 'IP + name');
  await expect(cell('tomcat02', 'tomcat03')).toHaveAttribute('data-value', 'IP');
  await expect(cell('tomcat-net-01', 'tomcat-net-02')).toHaveAttribute('data-value', 'IP + name');
  await expect(cell('tomcat-net-01-sidecar', 'tomcat-net-01')).toHaveAttribute('data-value', 'IP + name');
  await expect(section.getByTestId('matrix-cell')).toHaveCount(30);
  // From the keyboard: Tab reaches a cell, its explanation is shown, Enter picks it.
  await cell('tomcat01', 'tomcat02').focus();
  await page.keyboard.press('Tab');
  await expect(section.getByTestId('matrix-explained')).not.toHaveText('Point at or tab to a cell for why.');
  await cell('tomcat03', 'tomcat02').focus();
  await expect(section.getByTestId('matrix-explained')).toContainText('tomcat03 reaches tomcat02');
  await page.keyboard.press('Enter');
  await expect(dash.inspector()).toContainText('tomcat03');
});
