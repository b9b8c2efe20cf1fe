#!/usr/bin/env node
// Benchmark: after the engine comes back, how long until the open page is live again
// (engine version shown, event stream live), without a reload. Uses the lab's second engine
// (scripts/lab.sh engine2), never the engine you work with. Needs root, the built app, Chromium.
// Usage: node scripts/bench-recovery.mjs [rounds=5]
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import { launchChromium, startApp } from './lib/bench-harness.mjs';

const rounds = Number(parseArgs({ allowPositionals: true }).positionals[0] ?? 5);
const PORT = 3197;
const SOCK = '/run/switchyard-fault/docker.sock';
const lab = (...a) => execFileSync('bash', ['scripts/lab.sh', ...a], { stdio: ['ignore', 'ignore', 'inherit'] });

lab('engine2', 'start');
const app = await startApp(PORT, { DOCKER_HOST: `unix://${SOCK}` });
const cleanup = () => {
  app.stop();
  try { lab('engine2', 'stop'); } catch { /* stopped */ }
};
process.on('exit', cleanup);
const browser = await launchChromium();
const page = await browser.newPage();
await page.goto(app.url);
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
