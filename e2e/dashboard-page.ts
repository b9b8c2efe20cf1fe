import { expect, type Page } from '@playwright/test';

/** Page object for the dashboard: navigation and the things tests read off it. */
export class DashboardPage {
  constructor(readonly page: Page) {}

  async open(query = '') {
    await this.page.goto(`/${query}`);
    await expect(this.page.getByRole('heading', { name: 'Switchyard' })).toBeVisible();
  }

  engineStatus() {
    return this.page.getByTestId('engine-status');
  }
}
