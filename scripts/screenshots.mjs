#!/usr/bin/env node
// Screenshots of the main views, light and dark, for docs/ and the README.
// Needs the built app, the lab (`npm run lab`) and Chromium. Usage: node scripts/screenshots.mjs
import { mkdirSync } from 'node:fs';
import { launchChromium, startApp } from './lib/bench-harness.mjs';

const PORT = 3198;
const app = await startApp(PORT);
mkdirSync('docs/screenshots', { recursive: true });
const browser = await launchChromium();
const topo = await (await fetch(`${app.url}/api/topology`)).json();
const redis = topo.containers.find((c) => c.name === 'redismod-local-net');
const views = [
  ['overview', ''],
  ['host-interfaces', '?host=1&hideBuiltin=1&network=mynet'],
  ['selected-container', redis ? `?sel=container:${redis.id}` : ''],
];
for (const scheme of ['light', 'dark']) {
  const page = await browser.newPage({ viewport: { width: 1500, height: 950 }, colorScheme: scheme });
  for (const [name, query] of views) {
    await page.goto(`${app.url}/${query}`);
    await page.waitForFunction(() => (window.cy?.nodes().length ?? 0) > 0);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `docs/screenshots/${name}-${scheme}.png` });
    console.log(`docs/screenshots/${name}-${scheme}.png`);
  }
  await page.close();
}
await browser.close();
process.exit(0);
