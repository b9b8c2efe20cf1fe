#!/usr/bin/env node
// Benchmark: after the engine comes back, how long until the open page is live again
// (engine version shown, event stream live), without a reload. Uses the lab's second engine
// (scripts/lab.sh engine2), never the engine you work with. Needs root, the built app, Chromium.
// Usage: node scripts/bench-recovery.mjs [rounds=5]
import { execFileSync, spawn } from 'node:child_process';
import { chromium } from '@playwright/test';

const rounds = Number(process.argv[2] ?? 5);
const PORT = 3197;
const SOCK = '/run/switchyard-fault/docker.sock';
const lab = (...a) => execFileSync('bash', ['scripts/lab.sh', ...a], { stdio: ['ignore', 'ignore', 'inherit'] });

lab('engine2', 'start');
const server = spawn('node_modules/.bin/next', ['start', '-H', '127.0.0.1', '-p', String(PORT)], {
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', DOCKER_HOST: `unix://${SOCK}` }, stdio: 'ignore', detached: true,
});
const cleanup = () => {
  try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ }
  try { lab('engine2', 'stop'); } catch { /* stopped */ }
};
process.on('exit', cleanup);
for (let i = 0; ; i++) {
  try { await fetch(`http://127.0.0.1:${PORT}/api/health`); break; } catch { if (i > 150) throw new Error('server did not start'); await new Promise((r) => setTimeout(r, 200)); }
}
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${PORT}/`);
const live = '[data-testid="live-state"][data-state="live"]';
await page.waitForSelector(live, { timeout: 30_000 });

const down = [];
const up = [];
for (let r = 0; r < rounds; r++) {
  let t = performance.now();
  lab('engine2', 'stop');
  await page.waitForSelector('[data-testid="engine-status"][role="alert"]', { timeout: 30_000 });
  down.push(performance.now() - t);
  lab('engine2', 'start'); // returns once the engine answers /_ping
  t = performance.now();
  await page.waitForSelector(live, { timeout: 60_000 });
  await page.waitForSelector('[data-testid="engine-version"]', { timeout: 60_000 });
  up.push(performance.now() - t);
}
await browser.close();
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, median: Math.round(s[Math.floor(s.length / 2)]), max: Math.round(s[s.length - 1]) };
};
console.log(`engine stopped -> banner on the page (ms): ${JSON.stringify(stats(down))}`);
console.log(`engine answers again -> page live again (ms): ${JSON.stringify(stats(up))}`);
cleanup();
process.exit(0);
