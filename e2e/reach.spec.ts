// "Why can't A reach B?" on the page, with the seed article's case, and its fix applied.
import { expect, test } from '@playwright/test';
import { docker } from '../test/integration/docker-cli';
import { DashboardPage } from './dashboard-page';

test('the UI container cannot reach Redis: the page says why, and its fix works', async ({ page }) => {
  try { docker('network', 'disconnect', 'redismod_default', 'redisinsight-redisinsight-1'); } catch { /* not connected */ }
  const ui = docker('inspect', '-f', '{{.Id}}', 'redisinsight-redisinsight-1');
  const dash = new DashboardPage(page);
  await dash.open(`?sel=container:${ui}`);
  const panel = page.getByTestId('reach-panel');
  await panel.getByRole('combobox').selectOption({ label: 'redismod-redismod-1' });
  const verdict = panel.getByTestId('reach-verdict');
  await expect(verdict).toHaveAttribute('data-by-ip', 'false');
  await expect(verdict).toContainText('redisinsight-redisinsight-1 cannot reach redismod-redismod-1');
  await expect(verdict).toContainText('127.0.0.1 is redisinsight-redisinsight-1 itself');
  await expect(verdict).toContainText('docker network connect redismod_default redisinsight-redisinsight-1');
  await verdict.getByRole('button', { name: 'Connect now…' }).click();
  await page.getByTestId('connect-dialog').getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(verdict).toHaveAttribute('data-by-ip', 'true', { timeout: 20_000 });
  await expect(verdict).toHaveAttribute('data-by-name', 'true');
  await expect(verdict).toContainText('redisinsight-redisinsight-1 reaches redismod-redismod-1 at 10.201.0.');
  // And it is true: the UI container now pings Redis by name.
  expect(docker('exec', 'redisinsight-redisinsight-1', 'ping', '-c', '1', '-W', '2', 'redismod')).toContain('1 packets received');
  docker('network', 'disconnect', 'redismod_default', 'redisinsight-redisinsight-1');
});
