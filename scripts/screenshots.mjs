#!/usr/bin/env node
// Screenshots of the main views, light and dark, for docs/ and the README: the lab (needs
// `npm run lab`), a Swarm grouped by service with one selected (a one-node swarm on the tests'
// second engine, made and removed here: needs root), and a large host from the simulator (2,000
// containers on 50 networks, as the page opens it). Needs the built app and Chromium.
// Usage: node scripts/screenshots.mjs [--no-swarm]
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { launchChromium, startApp } from './lib/bench-harness.mjs';
import { makeSwarm } from './lib/picture-bench.mjs';

const VIEWPORT = { width: 1600, height: 1000 };
mkdirSync('docs/screenshots', { recursive: true });
const browser = await launchChromium();

async function shoot(app, views) {
  for (const scheme of ['light', 'dark']) {
    const page = await browser.newPage({ viewport: VIEWPORT, colorScheme: scheme });
    for (const [name, query] of views) {
      await page.goto(`${app.url}/${query}`);
      await page.waitForFunction(() => document.querySelector('[data-testid=graph]')?.getAttribute('data-ready') === '1', null, { timeout: 60_000 });
      // Drawn to its end and its edge labels placed (components/graph/edge-labels).
      await page.waitForFunction(() => { const g = document.querySelector('[data-testid=graph]'); return g?.getAttribute('data-complete') === '1' && g.hasAttribute('data-arranged'); }, null, { timeout: 60_000 });
      await page.waitForTimeout(1500);
      await page.screenshot({ path: `docs/screenshots/${name}-${scheme}.png` });
      console.log(`docs/screenshots/${name}-${scheme}.png`);
    }
    await page.close();
  }
}

const lab = await startApp(3198);
const topo = await (await fetch(`${lab.url}/api/topology`)).json();
const redis = topo.containers.find((c) => c.name === 'redismod-local-net');
await shoot(lab, [
  ['overview', ''],
  ['host-interfaces', '?host=1&hideBuiltin=1&network=mynet'],
  ['selected-container', redis ? `?sel=container:${redis.id}` : ''],
]);
lab.stop();

if (!process.argv.includes('--no-swarm')) {
  const undo = await makeSwarm();
  try {
    const swarm = await startApp(3198, { DOCKER_HOST: 'unix:///run/switchyard-fault/docker.sock' });
    await shoot(swarm, [['swarm-service', `?group=service&sel=${encodeURIComponent('project:service: api')}`]]);
    swarm.stop();
  } finally { undo(); }
}

const SOCKET = '/tmp/switchyard-screenshots-sim.sock';
rmSync(SOCKET, { force: true });
const sim = spawn(process.execPath, ['scripts/sim/sim-engine.mjs', '--socket', SOCKET, '--containers', '2000', '--networks', '50'], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((r) => sim.stdout.once('data', r));
const large = await startApp(3198, { DOCKER_HOST: `unix://${SOCKET}` });
for (let i = 0; i < 300; i++) {
  const h = await fetch(`${large.url}/api/health`).then((r) => r.json()).catch(() => null);
  if (h?.store?.state === 'live') break;
  await new Promise((r) => setTimeout(r, 200));
}
await shoot(large, [['large', '']]);
large.stop();
sim.kill('SIGTERM');
await browser.close();
process.exit(0);
