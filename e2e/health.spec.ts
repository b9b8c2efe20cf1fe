import { expect, test } from '@playwright/test';
import { docker } from '../test/integration/docker-cli';
import { DashboardPage } from './dashboard-page';
import { startServer } from '../test/helpers/app-server';

test('the page shows the lab engine\'s version', async ({ page }) => {
  const version = docker('version', '--format', '{{.Server.Version}}');
  const dash = new DashboardPage(page);
  await dash.open();
  await expect(page.getByTestId('engine-version')).toHaveText(version);
  await expect(dash.engineStatus()).toContainText('unix:///var/run/docker.sock');
});

test('with no engine the page says why and what to do, instead of crashing', async ({ page }) => {
  const server = await startServer(3191, { DOCKER_HOST: 'unix:///tmp/switchyard-e2e-no-engine.sock' });
  try {
    const res = await page.request.get(`${server.url}/api/health`);
    expect(res.status()).toBe(503);
    await page.goto(server.url);
    const reason = 'no Docker engine at /tmp/switchyard-e2e-no-engine.sock: is the daemon running? set DOCKER_HOST to use another';
    const status = page.getByTestId('engine-status');
    await expect(status).toHaveAttribute('role', 'alert');
    await expect(status).toContainText(reason);
    await expect(status).toContainText('npm run lab');
    // The graph area says the same instead of staying blank.
    await expect(page.getByTestId('graph-overlay')).toContainText(reason);
  } finally {
    await server.stop();
  }
});
