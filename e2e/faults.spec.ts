// The page under faults: the engine stops while the page is open, and comes back.
import { expect, test } from '@playwright/test';
import { startServer } from '../test/helpers/app-server';
import { ENGINE2_SOCKET, SecondEngine } from '../test/helpers/second-engine';

test('engine stopped: banner, 503, no crash; started again: the page recovers without a reload', async ({ page }) => {
  test.setTimeout(180_000);
  const engine = new SecondEngine();
  await engine.start();
  try { engine.docker('network', 'rm', 'sy-fault-page'); } catch { /* none left */ }
  engine.docker('network', 'create', 'sy-fault-page');
  const app = await startServer(3192, { DOCKER_HOST: `unix://${ENGINE2_SOCKET}` });
  try {
    const netId = engine.docker('network', 'inspect', '-f', '{{.Id}}', 'sy-fault-page');
    await page.goto(app.url);
    await page.waitForFunction((id) => window.cy?.getElementById(`net:${id}`).nonempty(), netId);
    await expect(page.getByTestId('live-state')).toHaveAttribute('data-state', 'live');
    await page.evaluate(() => { (window as unknown as { __noReload: boolean }).__noReload = true; });

    await engine.stop();
    await expect(page.getByTestId('engine-status')).toContainText(`no Docker engine at ${ENGINE2_SOCKET}`, { timeout: 20_000 });
    await expect(page.getByTestId('live-state')).not.toHaveAttribute('data-state', 'live');
    expect((await page.request.get(`${app.url}/api/health`)).status()).toBe(503);
    // The last known graph stays on screen.
    expect(await page.evaluate((id) => window.cy!.getElementById(`net:${id}`).nonempty(), netId)).toBe(true);

    await engine.start();
    const back = Date.now();
    await expect(page.getByTestId('engine-version')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('live-state')).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
    console.log(`page recovered ${Date.now() - back} ms after the engine answered again`);
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    expect(app.child.exitCode).toBeNull();
    engine.docker('network', 'rm', 'sy-fault-page');
  } finally {
    await app.stop();
    await engine.stop();
  }
});
