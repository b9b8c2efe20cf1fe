#!/usr/bin/env node
// Benchmark: time from a docker CLI command to the change on the open dashboard.
// Needs the built app (`npm run build`), the lab engine and image (`npm run lab`), Chromium.
// Usage: node scripts/bench-live.mjs [rounds=10]
// Starts its own server on 127.0.0.1:3199 and stops it (by its pid) at the end.
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { launchChromium, startApp } from './lib/bench-harness.mjs';

const rounds = Number(parseArgs({ allowPositionals: true }).positionals[0] ?? 10);
const DOCKER = existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker';
const docker = (...a) => execFileSync(DOCKER, a, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const PORT = 3199;
const NAME = 'bench-live';

const app = await startApp(PORT);
const cleanup = () => {
  try { docker('rm', '-f', NAME); } catch { /* not there */ }
  app.stop();
};
process.on('exit', cleanup);
try { docker('rm', '-f', NAME); } catch { /* not there */ }
const id = docker('run', '-d', '--name', NAME, '--label', 'switchyard.test=1', '--network', 'mynet', 'switchyard-lab/busybox:1', 'sh', '-c', "trap 'exit 0' TERM; while :; do sleep 3600 & wait $!; done");
const redisNet = docker('network', 'inspect', '-f', '{{.Id}}', 'redis');

const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
await page.goto(app.url);
await page.waitForFunction((cid) => window.cy?.getElementById(`ctr:${cid}`).nonempty(), id, { timeout: 30_000 });
await page.waitForSelector('[data-testid="live-state"][data-state="live"]');

async function timed(cmd, predicate, arg) {
  const t0 = performance.now();
  docker(...cmd);
  await page.waitForFunction(predicate, arg, { polling: 'raf', timeout: 30_000 });
  return performance.now() - t0;
}
const results = { connect: [], disconnect: [], stop: [], start: [] };
for (let r = 0; r < rounds; r++) {
  results.connect.push(await timed(['network', 'connect', 'redis', NAME], ({ n, c }) => window.cy.getElementById(`ep:${n}:${c}`).nonempty(), { n: redisNet, c: id }));
  results.disconnect.push(await timed(['network', 'disconnect', 'redis', NAME], ({ n, c }) => window.cy.getElementById(`ep:${n}:${c}`).empty(), { n: redisNet, c: id }));
  results.stop.push(await timed(['stop', '-t', '1', NAME], (c) => window.cy.getElementById(`ctr:${c}`).hasClass('stopped'), id));
  results.start.push(await timed(['start', NAME], (c) => !window.cy.getElementById(`ctr:${c}`).hasClass('stopped'), id));
}
await browser.close();

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, median: Math.round(q(0.5)), p90: Math.round(q(0.9)), max: Math.round(s[s.length - 1]) };
};
// The CLI's own time is part of each figure; measure it alone for reference.
const cli = [];
for (let r = 0; r < rounds; r++) { const t = performance.now(); docker('network', 'connect', 'redis', NAME); cli.push(performance.now() - t); docker('network', 'disconnect', 'redis', NAME); }
console.log(`CLI command -> change on screen (ms), ${rounds} rounds:`);
for (const [k, v] of Object.entries(results)) console.log(`  docker ${k.padEnd(10)} ${JSON.stringify(stats(v))}`);
console.log(`  (docker network connect alone: ${JSON.stringify(stats(cli))})`);
cleanup();
process.exit(0);
