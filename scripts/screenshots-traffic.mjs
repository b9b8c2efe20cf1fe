#!/usr/bin/env node
// Screenshots of the Traffic layer, light and dark, for docs/ and the README: the lab with its
// traffic scenario (scripts/lab.sh traffic up), with traffic-server selected (its live peers),
// and a few hundred real containers with connections (scripts/lib/traffic-scene), made and
// removed here. Needs the built app, the lab (npm run lab; root) and Chromium.
// Usage: node scripts/screenshots-traffic.mjs [--pairs 150]
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { launchChromium, startApp } from './lib/bench-harness.mjs';
import { makeScene, removeScene } from './lib/traffic-scene.mjs';

const { values: opts } = parseArgs({ options: { pairs: { type: 'string', default: '150' } } });
const lab = (...a) => execFileSync('bash', ['scripts/lab.sh', ...a], { stdio: ['ignore', 'ignore', 'inherit'] });
mkdirSync('docs/screenshots', { recursive: true });

async function shoot(browser, app, views, size) {
  for (const scheme of ['light', 'dark']) {
    const page = await browser.newPage({ viewport: size, colorScheme: scheme });
    for (const [name, query, wait] of views) {
      await page.goto(`${app.url}/${query}`);
      await page.waitForFunction(() => { const g = document.querySelector('[data-testid=graph]'); return g?.getAttribute('data-complete') === '1' && g.hasAttribute('data-arranged'); }, null, { timeout: 120_000 });
      await page.waitForFunction((sel) => !!document.querySelector(sel), wait, { timeout: 60_000 });
      // A few intervals: rates need two reads, and the chart a bucket or two.
      await page.waitForTimeout(6000);
      await page.waitForFunction(() => document.querySelector('[data-testid=graph]')?.hasAttribute('data-arranged'), null, { timeout: 60_000 });
      await page.screenshot({ path: `docs/screenshots/${name}-${scheme}.png` });
      console.log(`docs/screenshots/${name}-${scheme}.png`);
    }
    await page.close();
  }
}

const browser = await launchChromium();
lab('traffic', 'up');
const app = await startApp(3194);
try {
  const topo = await (await fetch(`${app.url}/api/topology`)).json();
  const server = topo.containers.find((c) => c.name === 'traffic-server');
  await shoot(browser, app, [
    ['traffic', '?traffic=1', '[data-testid=failing-flow]'],
    ['traffic-inspector', `?traffic=1&sel=container:${server.id}`, '[data-testid=peer-chart]'],
  ], { width: 1400, height: 900 });
  await makeScene(Number(opts.pairs), { own: true, log: (...a) => console.error('[shots]', ...a) });
  await new Promise((r) => setTimeout(r, 5000));
  await shoot(browser, app, [['traffic-large', '?traffic=1', '[data-testid=failing-flow]']], { width: 1600, height: 1000 });
} finally {
  app.stop();
  removeScene();
  lab('traffic', 'down');
  await browser.close();
}
process.exit(0);
