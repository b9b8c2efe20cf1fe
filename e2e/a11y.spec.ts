// Accessibility: axe-core (through @axe-core/playwright) on the dashboard, its dialogs, the
// engines overview and the login page, light and dark (the swarm inspector: e2e/swarm.spec). No serious or critical violation is allowed.
import { expect, test } from '@playwright/test';
import { startServer } from '../test/helpers/app-server';
import { seriousViolations } from './axe';
import { DashboardPage } from './dashboard-page';

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} scheme`, () => {
    test.use({ colorScheme });

    test('the dashboard, with a selection in the inspector', async ({ page }) => {
      const dash = new DashboardPage(page);
      await dash.open();
      await dash.allDrawn();
      await page.locator('[data-network="mynet"]').click();
      await expect(dash.inspector()).toContainText('mynet');
      await page.getByText('Legend').click();
      expect(await seriousViolations(page)).toEqual([]);
      await page.locator('[data-endpoint="mynet/tomcat01"]').click();
      await expect(dash.inspector()).toContainText('tomcat01');
      expect(await seriousViolations(page)).toEqual([]);
    });

    test('the dialogs: new network, connect, disconnect', async ({ page }) => {
      const dash = new DashboardPage(page);
      await dash.open();
      await dash.allDrawn();
      await page.getByRole('button', { name: 'New network…' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      expect(await seriousViolations(page, 'dialog[open]')).toEqual([]);
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);

      await page.getByRole('button', { name: 'Connect to… another network: tomcat02' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      expect(await seriousViolations(page, 'dialog[open]')).toEqual([]);
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'Disconnect tomcat02 from bridge' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      expect(await seriousViolations(page, 'dialog[open]')).toEqual([]);
      await page.keyboard.press('Escape');
    });

    test('the engines overview', async ({ page }) => {
      await page.goto('/engines');
      await expect(page.getByTestId('engines-table').locator('tr[data-engine="default"]')).toHaveAttribute('data-state', 'up');
      expect(await seriousViolations(page)).toEqual([]);
    });

    test('reachability: the verdict by port and the matrices', async ({ page }) => {
      const dash = new DashboardPage(page);
      await dash.open();
      await dash.allDrawn();
      await page.locator('[data-network="lab-ports"]').click();
      await dash.inspector().getByRole('button', { name: /who reaches whom in lab-ports/ }).click();
      await expect(dash.inspector().getByTestId('matrix-cell').first()).toBeVisible();
      expect(await seriousViolations(page, '[data-testid="inspector"]')).toEqual([]);
      await dash.inspector().getByTestId('matrix-cell').first().click();
      const panel = page.getByTestId('reach-panel');
      await panel.getByRole('combobox').selectOption({ label: 'ports-target' });
      await expect(panel.getByTestId('reach-verdict')).toBeVisible();
      expect(await seriousViolations(page, '[data-testid="reach-panel"]')).toEqual([]);
    });
  });
}

test('the login page', async ({ page }) => {
  const app = await startServer(3189, { SWITCHYARD_TOKEN: 'a11y-token-0123456789abcdef' });
  try {
    await page.goto(`${app.url}/`);
    await expect(page).toHaveURL(/\/login/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations(page)).toEqual([]);
  } finally {
    await app.stop();
  }
});
