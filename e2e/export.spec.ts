// Exports: the view as PNG and SVG, the topology as JSON.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { DashboardPage } from './dashboard-page';

test('exports the view as PNG and SVG and the topology as JSON', async ({ page }) => {
  const dash = new DashboardPage(page);
  await dash.open('?network=mynet');
  await dash.graphReady(3);
  const save = async (name: string) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name, exact: true }).click()]);
    return { name: download.suggestedFilename(), data: readFileSync((await download.path())!) };
  };
  const png = await save('PNG');
  expect(png.name).toMatch(/^switchyard-.*\.png$/);
  expect(png.data.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(png.data.length).toBeGreaterThan(5_000);
  const svg = await save('SVG');
  expect(svg.name).toMatch(/\.svg$/);
  expect(svg.data.toString('utf8')).toMatch(/<svg[\s\S]*mynet[\s\S]*<\/svg>/);
  const json = await save('JSON');
  const topo = JSON.parse(json.data.toString('utf8'));
  expect(topo.networks.some((n: { name: string }) => n.name === 'mynet')).toBe(true);
  expect(Array.isArray(topo.endpoints)).toBe(true);
});
