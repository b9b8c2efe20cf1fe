// Read-only mode: the page says so and offers no change controls; the page runs under its CSP.
import { expect, test } from '@playwright/test';
import { startServer } from '../test/helpers/app-server';
import { removeTestObjects } from '../test/integration/docker-cli';
import { DashboardPage } from './dashboard-page';

test('read-only mode hides every change control and says so', async ({ page, baseURL }) => {
  removeTestObjects();
  // A change made through the writable app: the read-only server, given the same activity log,
  // shows its entry, and no Undo for it.
  const made = await fetch(`${baseURL}/api/networks`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'sy-ro-made', labels: { 'switchyard.test': '1' } }),
  });
  expect(made.status).toBe(201);
  const app = await startServer(3193, { SWITCHYARD_READ_ONLY: '1', SWITCHYARD_DATA_DIR: process.env.SWITCHYARD_DATA_DIR! });
  try {
    await page.goto(`${app.url}/?network=mynet`);
    await page.waitForFunction(() => (window.cy?.nodes().length ?? 0) > 0);
    await expect(page.getByTestId('read-only')).toBeVisible();
    await expect(page.getByRole('button', { name: 'New network…' })).toHaveCount(0);
    // The change controls ("Disconnect tomcat01 from mynet"), not timeline entries ("Disconnected … from …").
    await expect(page.getByRole('button', { name: /^Disconnect / })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Connect .* to/ })).toHaveCount(0);
    await expect(page.getByTestId('activity-panel')).toContainText('Created network sy-ro-made');
    await expect(page.getByTestId('undo-button')).toHaveCount(0);
    await page.locator('[data-network="mynet"]').click();
    await expect(page.getByTestId('inspector')).toContainText('mynet');
    await expect(page.getByRole('button', { name: /Remove network/ })).toHaveCount(0);
  } finally {
    await app.stop();
    removeTestObjects();
  }
});

test('the dashboard runs under its Content-Security-Policy with no violation', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text()); });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to load: CSP ${e.violatedDirective} ${e.blockedURI}`));
  });
  const dash = new DashboardPage(page);
  await dash.open('?host=1');
  await dash.allDrawn();
  await page.getByRole('button', { name: 'PNG' }).click();
  await page.locator('[data-endpoint="mynet/tomcat01"]').click();
  await dash.inspector().getByRole('button', { name: 'tomcat01', exact: true }).click();
  await page.getByRole('button', { name: /raw inspect JSON/ }).click();
  await expect(page.getByTestId('raw-inspect')).toBeVisible();
  expect(violations).toEqual([]);
});
