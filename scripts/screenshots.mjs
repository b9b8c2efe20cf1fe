#!/usr/bin/env node
// Screenshots of the main views, light and dark, for docs/ and the README.
// Needs the built app, the lab (`npm run lab`) and Chromium. Usage: node scripts/screenshots.mjs
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';

const PORT = 3198;
const server = spawn('node_modules/.bin/next', ['start', '-H', '127.0.0.1', '-p', String(PORT)], {
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }, stdio: 'ignore', detached: true,
});
process.on('exit', () => { try { process.kill(-server.pid, 'SIGTERM'); } catch { /* gone */ } });
for (let i = 0; ; i++) {
  try { await fetch(`http://127.0.0.1:${PORT}/api/health`); break; } catch { if (i > 150) throw new Error('server did not start'); await new Promise((r) => setTimeout(r, 200)); }
}
mkdirSync('docs/screenshots', { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const topo = await (await fetch(`http://127.0.0.1:${PORT}/api/topology`)).json();
const redis = topo.containers.find((c) => c.name === 'redismod-local-net');
const views = [
  ['overview', ''],
  ['host-interfaces', '?host=1&hideBuiltin=1&network=mynet'],
  ['selected-container', redis ? `?sel=container:${redis.id}` : ''],
];
for (const scheme of ['light', 'dark']) {
  const page = await browser.newPage({ viewport: { width: 1500, height: 950 }, colorScheme: scheme });
  for (const [name, query] of views) {
    await page.goto(`http://127.0.0.1:${PORT}/${query}`);
    await page.waitForFunction(() => (window.cy?.nodes().length ?? 0) > 0);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `docs/screenshots/${name}-${scheme}.png` });
    console.log(`docs/screenshots/${name}-${scheme}.png`);
  }
  await page.close();
}
await browser.close();
process.exit(0);
