import { expect, type Page } from '@playwright/test';

/** Page object for the dashboard: navigation, and reading the graph through window.cy. */
export class DashboardPage {
  constructor(readonly page: Page) {}

  async open(query = '') {
    await this.page.goto(`/${query}`);
    await expect(this.page.getByRole('heading', { name: 'Switchyard' })).toBeVisible();
  }

  engineStatus() {
    return this.page.getByTestId('engine-status');
  }

  /** Waits until the graph has drawn the topology (at least `min` nodes). */
  async graphReady(min = 1) {
    await this.page.waitForFunction((n) => (window.cy?.nodes().length ?? 0) >= n, min);
  }

  /** Every element of the graph as plain data. */
  elements(): Promise<{ id: string; group: string; kind: string; label: string; source?: string; target?: string; classes: string[] }[]> {
    return this.page.evaluate(() => window.cy!.elements().map((e) => ({
      id: e.id(), group: e.group(), kind: e.data('kind'), label: e.data('label'),
      source: e.data('source'), target: e.data('target'), classes: e.classes(),
    })));
  }

  /** Waits for a graph element to exist (or not), optionally with a label. */
  async waitForElement(id: string, opts: { present?: boolean; label?: string; timeout?: number } = {}) {
    const { present = true, label, timeout = 20_000 } = opts;
    await this.page.waitForFunction(({ id, present, label }) => {
      const el = window.cy?.getElementById(id);
      if (!el) return false;
      if (!present) return el.empty();
      return el.nonempty() && (label === undefined || el.data('label') === label);
    }, { id, present, label }, { timeout });
  }

  /** Clicks a row of the list view (keyboard- and screen-reader-reachable selection). */
  async selectInList(selector: string) {
    await this.page.locator(selector).click();
  }

  inspector() {
    return this.page.getByTestId('inspector');
  }
}
