// Compose drift in Chromium, with a real compose project (Debian's docker-compose 1.29): the
// Drift view shows nothing for a project as its files say; a network joined by hand with the
// CLI appears as drift (panel, graph node and the edge a recreate cuts), with what
// `docker-compose up` does; the inspector names the file and line; "Make it last" shows the
// diff and writes it, the drift goes, and `docker-compose up -d --force-recreate` keeps the
// network. axe on the new parts, light and dark.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { ComposeProject } from '../test/helpers/compose-project';
import { docker, removeTestObjects, TEST_LABEL } from '../test/integration/docker-cli';
import { seriousViolations } from './axe';
import { DashboardPage } from './dashboard-page';

const IMAGE = process.env.SWITCHYARD_LAB_IMAGE ?? 'switchyard-lab/busybox:1';
const EXTRA = 'sy-e2e-drift-extra';
const idOf = (name: string) => docker('inspect', '--format', '{{.Id}}', name).trim();
const netIdOf = (name: string) => docker('network', 'inspect', '--format', '{{.Id}}', name).trim();

let shop: ComposeProject;

test.describe.configure({ mode: 'serial' });
test.beforeAll(() => {
  removeTestObjects();
  shop = new ComposeProject('sye2eshop', {
    'compose.yml': `# web in front, db behind
services:
  web:
    image: ${IMAGE}
    command: ["sleep", "86400"]
    labels: ["${TEST_LABEL}"]
    networks: [front, back]
  db:
    image: ${IMAGE}
    command: ["sleep", "86400"]
    labels: ["${TEST_LABEL}"]
    networks: [back]
networks:
  front: { labels: ["${TEST_LABEL}"] }
  back: { labels: ["${TEST_LABEL}"] }
`,
  });
  shop.run('up', '-d');
  docker('network', 'create', '--label', TEST_LABEL, EXTRA);
});
test.afterAll(() => {
  shop?.remove();
  removeTestObjects();
});

test('drift appears after a CLI change, says what compose will do, and goes after a recreate', async ({ page }) => {
  const dash = new DashboardPage(page);
  await dash.open('?drift=1&project=sye2eshop');
  await dash.graphReady();
  const project = page.locator('[data-testid=drift-project][data-project=sye2eshop]');
  await expect(project).toHaveAttribute('data-read', 'true', { timeout: 20_000 });
  await expect(project).toContainText(shop.path('compose.yml'));
  await expect(project.getByTestId('drift-container')).toHaveCount(0);

  const web = shop.container('web');
  docker('network', 'connect', EXTRA, web);
  const row = project.getByTestId('drift-container');
  await expect(row).toHaveCount(1, { timeout: 20_000 });
  await expect(row).toHaveAttribute('data-status', 'drift');
  await expect(row).toHaveAttribute('data-up', 'keeps');
  await expect(row).toContainText(`${web} is on ${EXTRA}, which its service's files do not name`);
  await expect(row).toContainText(`\`docker-compose up\` leaves ${web} as it is`);
  await expect(row).toContainText(`${shop.path('compose.yml')}:3`);
  const node = `ctr:${idOf(web)}`;
  const edge = `ep:${netIdOf(EXTRA)}:${idOf(web)}`;
  await expect.poll(() => page.evaluate((x) => window.cy!.getElementById(x).hasClass('drift'), node)).toBe(true);
  await expect.poll(() => page.evaluate((x) => window.cy!.getElementById(x).hasClass('drift-extra'), edge)).toBe(true);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await seriousViolations(page, '[data-testid=drift-panel]')).toEqual([]);
  }

  // The inspector: where the service is defined, and what compose will do.
  await row.getByRole('button', { name: web }).click();
  const section = page.getByTestId('drift-section');
  await expect(section).toContainText(`${shop.path('compose.yml')}:3`, { timeout: 20_000 });
  await expect(section).toContainText(`take it off ${EXTRA}`);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await seriousViolations(page, '[data-testid=drift-section]')).toEqual([]);
  }

  // "Make it last": read the diff, write it; the drift goes, and the next recreate keeps the network.
  await row.getByTestId('make-last').click();
  const dialog = page.getByTestId('make-last-dialog');
  await expect(dialog.getByTestId('write-back-diff')).toContainText(`+    networks: [front, back, ${EXTRA}]`, { timeout: 20_000 });
  await expect(dialog.getByTestId('write-back-diff')).toContainText(`+  ${EXTRA}:`);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await seriousViolations(page, '[data-testid=make-last-dialog]')).toEqual([]);
  }
  await dialog.getByRole('button', { name: 'Write to compose.yml' }).click();
  await expect(dialog.getByTestId('write-back-done')).toContainText(`Written into ${shop.path('compose.yml')}`);
  expect(readFileSync(shop.path('compose.yml'), 'utf8')).toContain(`    networks: [front, back, ${EXTRA}]\n`);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(project.getByTestId('drift-container')).toHaveCount(0, { timeout: 30_000 });

  shop.run('up', '-d', '--force-recreate');
  const recreated = `ctr:${idOf(web)}`;
  await expect.poll(() => page.evaluate((x) => window.cy!.getElementById(x).length, recreated), { timeout: 30_000 }).toBe(1);
  expect(docker('inspect', '--format', '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}', web).split(' ').filter(Boolean).sort()).toEqual([EXTRA, 'sye2eshop_back', 'sye2eshop_front'].sort());
  await expect(project.getByTestId('drift-container')).toHaveCount(0);
  expect(await page.evaluate((x) => window.cy!.getElementById(x).hasClass('drift'), recreated)).toBe(false);
});
