#!/usr/bin/env node
// `npm run bench:fleet`: one Switchyard server watching a fleet of engines. A benchmark, not a
// test: it prints figures and writes them to docs/benchmarks.md (between the fleet markers).
// Needs the built app (`npm run build`) and Chromium; no Docker engine: the engines are the
// large-host simulator (scripts/sim/sim-engine.mjs), one process per engine, each with its own
// socket and name. Takes about 5 minutes on 2 cores.
//
//   node scripts/bench-fleet.mjs [--engines 50] [--containers 200] [--changes 24]
//
// Of the engines, 5 answer slowly (400 ms a request) and 5 are stopped halfway (down): the
// overview must answer within a second whatever each does. While the page of one engine is open
// in Chromium, 10 other engines change continuously in the background.
import { spawn, execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium, startApp } from './lib/bench-harness.mjs';
import { followEvents } from './lib/sse-client.mjs';

const { values: opts } = parseArgs({
  options: { engines: { type: 'string', default: '50' }, containers: { type: 'string', default: '200' }, changes: { type: 'string', default: '24' }, out: { type: 'string', default: 'docs/benchmarks.md' } },
});
const E = Number(opts.engines);
const C = Number(opts.containers);
const CHANGES = Number(opts.changes);
const PORT = 3196;
const SLOW = 5;
const DOWN = 5;
const log = (...a) => console.log('[bench-fleet]', ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const q = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] : NaN; };
const r1 = (x) => Math.round(x * 10) / 10;
const stat = (xs) => `${r1(q(xs, 0.5))} / ${r1(q(xs, 0.95))} ms`;

const dir = mkdtempSync(join(tmpdir(), 'switchyard-fleet-'));
const name = (i) => (i === 0 ? 'default' : `fleet-${String(i).padStart(2, '0')}`);
const sock = (i) => join(dir, `sim-${i}.sock`);
// The slow ones are 1..SLOW, the ones stopped halfway the last DOWN.
const isSlow = (i) => i >= 1 && i <= SLOW;
const isDown = (i) => i >= E - DOWN;

const sims = [];
function startSim(i) {
  const p = spawn(process.execPath, ['scripts/sim/sim-engine.mjs', '--socket', sock(i), '--containers', String(C), '--seed', String(i + 1), '--name', name(i), ...(isSlow(i) ? ['--delay-ms', '400'] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
  sims[i] = p;
  return new Promise((resolve) => p.stdout.once('data', resolve));
}
const control = (i, path) => new Promise((resolve, reject) => {
  const req = http.request({ socketPath: sock(i), path, method: 'POST' }, (r) => { let d = ''; r.on('data', (c) => { d += c; }); r.on('end', () => resolve(JSON.parse(d))); });
  req.on('error', reject);
  req.end();
});
const get = async (path) => {
  const t = performance.now();
  const r = await fetch(`http://127.0.0.1:${PORT}${path}`);
  const body = await r.json();
  return { ms: performance.now() - t, body };
};
/** CPU time (user + system) of the process group's processes, ms (clock ticks of 10 ms). */
function cpuMs(pgid) {
  let ticks = 0;
  for (const p of execSync(`pgrep -g ${pgid} || true`).toString().split('\n').filter(Boolean)) {
    try { const f = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' '); ticks += Number(f[11]) + Number(f[12]); } catch { /* gone */ }
  }
  return ticks * 10;
}
function rssMb(pgid) {
  let kb = 0;
  for (const p of execSync(`pgrep -g ${pgid} || true`).toString().split('\n').filter(Boolean)) {
    try { kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0); } catch { /* gone */ }
  }
  return Math.round(kb / 1024);
}

let app = null;
let browser = null;
const out = {};
try {
  log(`starting ${E} simulated engines of ${C} containers`);
  for (let i = 0; i < E; i += 10) await Promise.all(Array.from({ length: Math.min(10, E - i) }, (_, k) => startSim(i + k)));
  const enginesFile = join(dir, 'engines.json');
  writeFileSync(enginesFile, JSON.stringify({ engines: Array.from({ length: E - 1 }, (_, k) => ({ name: name(k + 1), host: `unix://${sock(k + 1)}` })) }));
  mkdtempSync(join(dir, 'docker-'));
  app = await startApp(PORT, { DOCKER_HOST: `unix://${sock(0)}`, SWITCHYARD_ENGINES: enginesFile, DOCKER_CONFIG: join(dir, 'no-contexts') });

  // Cold: every answer within a second, engines coming as their stores read them.
  const cold = [];
  const t0 = performance.now();
  let live = 0;
  while (live < E && performance.now() - t0 < 180_000) {
    const r = await get('/api/engines');
    cold.push(r.ms);
    live = r.body.engines.filter((e) => e.ok).length;
    await sleep(250);
  }
  out.allLiveMs = Math.round(performance.now() - t0);
  out.cold = cold;
  log(`all ${live} engines read in ${out.allLiveMs} ms; overview while starting ${stat(cold)}`);
  // Each engine's topology once, as a page that opens it would (its served body made).
  for (let i = 0; i < E; i++) await fetch(`http://127.0.0.1:${PORT}/api/topology?encoding=gzip&engine=${name(i)}`);
  await sleep(2000);
  out.rssLive = rssMb(app.pid);
  const warm = [];
  for (let i = 0; i < 30; i++) warm.push((await get('/api/engines')).ms);
  out.warm = warm;
  log(`RSS ${out.rssLive} MB; overview, all live: ${stat(warm)}`);

  // Stop the last DOWN engines: the overview names them, as fast.
  for (let i = E - DOWN; i < E; i++) sims[i].kill('SIGKILL');
  await sleep(1000);
  const down = [];
  let named = 0;
  for (let i = 0; i < 30; i++) {
    const r = await get('/api/engines');
    down.push(r.ms);
    named = r.body.engines.filter((e) => !e.ok).length;
  }
  out.down = down;
  out.downNamed = named;
  log(`overview with ${DOWN} down and ${SLOW} slow: ${stat(down)} (${named} named not ok)`);

  // One engine's open page, while 10 others change in the background.
  const target = 7;
  browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  // Nothing folded (?fold=), so every endpoint is an element the page draws.
  await page.goto(`http://127.0.0.1:${PORT}/?engine=${name(target)}&fold=100000`);
  await page.waitForFunction(() => window.cy && window.cy.nodes().length > 0, null, { timeout: 120_000 });
  await page.waitForSelector('[data-testid="live-state"][data-state="live"]', { timeout: 60_000 });
  await sleep(1500);
  let churning = true;
  let churned = 0;
  const others = Array.from({ length: 10 }, (_, k) => 10 + k).filter((i) => i !== target && !isDown(i) && i < E);
  const churn = (async () => {
    while (churning) {
      await control(others[churned % others.length], '/_sim/change?kind=mix&count=1').catch(() => {});
      churned++;
      await sleep(100);
    }
  })();
  const events = followEvents(PORT, `/api/events?engine=${name(target)}`);
  await sleep(500);
  const fromEvent = [];
  const fromCommand = [];
  let last = null;
  for (let i = 0; i < CHANGES; i++) {
    const kind = i % 2 === 0 ? 'connect' : 'disconnect';
    const from = events.seen.length;
    const tc = performance.now();
    const done = await control(target, `/_sim/change?kind=${kind}${last ? `&container=${last.container}&network=${last.network}` : ''}`);
    last = kind === 'connect' ? done : null;
    await page.waitForFunction(({ id, want }) => window.cy.getElementById(id).nonempty() === want, { id: `ep:${done.network}:${done.container}`, want: kind === 'connect' }, { polling: 'raf', timeout: 30_000 });
    const tp = performance.now();
    const ev = events.seen.slice(from).find((e) => e.event === 'change' && e.data.container === done.container);
    if (ev) fromEvent.push(tp - ev.at);
    fromCommand.push(tp - tc);
    await sleep(300);
  }
  out.pageFromEvent = fromEvent;
  out.pageFromCommand = fromCommand;
  log(`a change on ${name(target)} -> its open page: from the event ${stat(fromEvent)}; from the command ${stat(fromCommand)}`);

  // The fleet: every engine's topology merged (lib/fleet/live), followed while the others churn.
  const cpuBefore = cpuMs(app.pid);
  const tFleet = performance.now();
  const fleetGet = await fetch(`http://127.0.0.1:${PORT}/api/fleet/topology`);
  const fleetBody = await fleetGet.text();
  out.fleetFirstMs = Math.round(performance.now() - tFleet);
  const fleet = JSON.parse(fleetBody);
  out.fleetContainers = fleet.containers.length;
  out.fleetMb = Math.round(fleetBody.length / 1e5) / 10;
  const fleetEvents = followEvents(PORT, '/api/fleet/events');
  await sleep(1000);
  const fleetFromEvent = [];
  for (let i = 0; i < CHANGES; i++) {
    const kind = i % 2 === 0 ? 'connect' : 'disconnect';
    const from = events.seen.length;
    const fromFleet = fleetEvents.seen.length;
    const done = await control(target, `/_sim/change?kind=${kind}${last ? `&container=${last.container}&network=${last.network}` : ''}`);
    last = kind === 'connect' ? done : null;
    const key = `${name(target)}/${done.network}:${name(target)}/${done.container}`;
    const t1 = performance.now();
    let patched = null;
    while (!patched && performance.now() - t1 < 30_000) {
      patched = fleetEvents.seen.slice(fromFleet).find((e) => e.event === 'patch' && (kind === 'connect'
        ? e.data.endpoints?.upsert.some((x) => `${x.networkId}:${x.containerId}` === key)
        : e.data.endpoints?.remove.includes(key)));
      if (!patched) await sleep(2);
    }
    const ev = events.seen.slice(from).find((e) => e.event === 'change' && e.data.container === done.container);
    if (ev && patched) fleetFromEvent.push(patched.at - ev.at);
    await sleep(300);
  }
  const fleetSeconds = (performance.now() - tFleet) / 1000;
  out.fleetCpu = Math.round((cpuMs(app.pid) - cpuBefore) / fleetSeconds / 10) / 100; // cores
  out.fleetPatches = fleetEvents.seen.filter((e) => e.event === 'patch').length;
  out.fleetFromEvent = fleetFromEvent;
  fleetEvents.close();
  churning = false;
  await churn;
  events.close();
  out.churned = churned;
  out.rssEnd = rssMb(app.pid);
  log(`the fleet (${out.fleetContainers} containers, ${out.fleetMb} MB): first answer ${out.fleetFirstMs} ms; a change -> the fleet's patch, from the event ${stat(fleetFromEvent)}; ${out.fleetPatches} fleet patches; server CPU while followed ${out.fleetCpu} cores; ${churned} changes on 10 other engines meanwhile; RSS ${out.rssEnd} MB`);
} finally {
  await browser?.close();
  app?.stop();
  for (const p of sims) p?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}

const md = `<!-- bench-fleet:start -->
## A fleet in one server (\`npm run bench:fleet\`)

Made by \`node scripts/bench-fleet.mjs\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; the built app
against ${E} simulated engines (scripts/sim/sim-engine.mjs, one process and socket each) of ${C} containers
(${E * C} in all): the default engine by DOCKER_HOST, the others by SWITCHYARD_ENGINES. ${SLOW} of them
answer 400 ms a request (slow); ${DOWN} are stopped once all are read (down).

| figure | value | target |
| --- | --- | --- |
| every engine read, from the server's start (the first \`GET /api/engines\` starts the stores) | ${out.allLiveMs} ms | |
| \`GET /api/engines\` while they are being read (${out.cold.length} answers), median / p95; slowest | ${stat(out.cold)}; ${r1(Math.max(...out.cold))} ms | < 1 s |
| \`GET /api/engines\`, all live (30), median / p95 | ${stat(out.warm)} | < 1 s |
| \`GET /api/engines\` with ${DOWN} down and ${SLOW} slow (30), median / p95; slowest | ${stat(out.down)}; ${r1(Math.max(...out.down))} ms (${out.downNamed} named as not answering) | < 1 s |
| server RSS, all ${E} live and each topology served once | **${out.rssLive} MB** | <= 600 MB |
| a change on one engine -> its open page (Chromium) shows it, from the engine's event, median / p95 (${CHANGES} changes) | **${stat(out.pageFromEvent)}** | p95 <= 250 ms |
| the same from the simulator's control call | ${stat(out.pageFromCommand)} | |
| the fleet (\`GET /api/fleet/topology\`: all ${out.fleetContainers} containers merged): its first answer | ${out.fleetFirstMs} ms (${out.fleetMb} MB) | |
| a change on one engine -> the fleet's patch on \`/api/fleet/events\`, from the engine's event, median / p95 (${CHANGES} changes) | ${stat(out.fleetFromEvent)} | |
| server CPU while the fleet is followed (10 engines changing, ${out.fleetPatches} fleet patches) | ${out.fleetCpu} cores | |
| changes on 10 other engines meanwhile | ${out.churned} | |
| server RSS at the end | ${out.rssEnd} MB | |
<!-- bench-fleet:end -->`;
console.log(md);
let doc = readFileSync(opts.out, 'utf8');
doc = /<!-- bench-fleet:start -->[\s\S]*<!-- bench-fleet:end -->/.test(doc) ? doc.replace(/<!-- bench-fleet:start -->[\s\S]*<!-- bench-fleet:end -->/, md) : `${doc.trimEnd()}\n\n${md}\n`;
writeFileSync(opts.out, doc);
process.exit(0);
