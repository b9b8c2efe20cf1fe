#!/usr/bin/env node
// `npm run soak`: Switchyard under continuous change for a long time. A script, not a test (it
// runs for an hour by default): it prints its verdicts and writes them to docs/benchmarks.md
// (between the soak markers). Needs the built app (`npm run build`); no Docker engine: the
// engine is the large-host simulator (scripts/sim/sim-engine.mjs), which is what lets it churn
// 2,000 containers for an hour.
//
//   node scripts/soak.mjs [--minutes 60] [--containers 2000] [--clients 50] [--activity-max 20000]
//
// Churn: about 30 changes a second (connects, disconnects, stops, starts, creates, removes) and
// the engine's event stream cut every 3 minutes. 50 clients follow GET /api/events and apply
// every patch to a topology of their own (lib/topology/patch, the page's code); on a gap they
// read GET /api/topology again (a resync). At the end:
// - the store equals a fresh full read (a second server started then, against the same engine);
// - every client's topology equals the store's;
// - the server's memory is flat: the mean RSS of the last quarter within 10 % of the second's;
// - no client missed a version without a resync;
// - the activity log holds at most its bound (SWITCHYARD_ACTIVITY_MAX).
import { execFileSync, execSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import ts from 'typescript';
import { startApp } from './lib/bench-harness.mjs';
import { followEvents } from './lib/sse-client.mjs';

const { values: opts } = parseArgs({
  options: {
    minutes: { type: 'string', default: '60' }, containers: { type: 'string', default: '2000' }, clients: { type: 'string', default: '50' },
    'activity-max': { type: 'string', default: '20000' }, out: { type: 'string', default: 'docs/benchmarks.md' },
  },
});
const MINUTES = Number(opts.minutes);
const N = Number(opts.containers);
const CLIENTS = Number(opts.clients);
const ACTIVITY_MAX = Number(opts['activity-max']);
const PORT = 3291;
const FRESH_PORT = 3290;
const dir = mkdtempSync(join(tmpdir(), 'switchyard-soak-'));
const SOCK = join(dir, 'sim.sock');
const log = (...a) => console.log(`[soak ${new Date().toISOString().slice(11, 19)}]`, ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** lib/topology/patch.ts (and the order it keeps), as the page runs it, made into JS here. */
async function loadPatch() {
  for (const f of ['patch', 'order']) {
    const js = ts.transpileModule(readFileSync(`lib/topology/${f}.ts`, 'utf8'), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    writeFileSync(join(dir, `${f}.mjs`), js.replace(/from '\.\/(\w+)'/g, "from './$1.mjs'"));
  }
  return import(pathToFileURL(join(dir, 'patch.mjs')).href);
}
const { applyPatch, patchGap } = await loadPatch();

const control = (path) => new Promise((resolve, reject) => {
  const req = http.request({ socketPath: SOCK, path, method: 'POST' }, (r) => { let d = ''; r.on('data', (c) => { d += c; }); r.on('end', () => resolve(d)); });
  req.on('error', reject);
  req.end();
});
const getJson = async (port, path) => (await fetch(`http://127.0.0.1:${port}${path}`)).json();
const topologyOf = (port) => getJson(port, '/api/topology');
function rssMb(pgid) {
  let kb = 0;
  for (const p of execSync(`pgrep -g ${pgid} || true`).toString().split('\n').filter(Boolean)) {
    try { kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0); } catch { /* gone */ }
  }
  return Math.round(kb / 1024);
}
/** What two reads of the same engine share: everything but how it was made, and the status lines (a function of when each was read). */
const comparable = (t) => JSON.stringify({ ...t, meta: undefined, containers: t.containers.map((c) => ({ ...c, status: undefined })) });

/** A client of /api/events that keeps a topology of its own from patches, as the page does. */
class Client {
  topo = null;
  patches = 0;
  gaps = 0;
  resyncs = 0;
  reconnects = 0;
  stream = null;
  busy = Promise.resolve();

  async resync() {
    this.resyncs++;
    this.topo = await topologyOf(PORT);
  }

  open() {
    this.stream = followEvents(PORT, `/api/events?client=soak-${Math.random().toString(16).slice(2, 12)}`, {
      keep: false,
      onEvent: ({ event, data }) => {
        if (event === 'ready' || event === 'patch') this.busy = this.busy.then(() => this.on(event, data)).catch((e) => log('client error', e));
      },
      onEnd: () => this.lost(),
    });
  }

  lost() {
    if (this.closing) return;
    this.closing = true;
    setTimeout(() => { this.closing = false; this.reconnects++; this.open(); }, 1000);
  }

  async on(event, d) {
    if (event === 'ready') {
      if (!this.topo || this.topo.meta.epoch !== d.epoch || this.topo.meta.version < d.version) await this.resync();
      return;
    }
    if (!this.topo) return; // the ready before it brings the topology
    if (d.to <= this.topo.meta.version && d.epoch === this.topo.meta.epoch) return; // in what was read already
    if (patchGap(this.topo, d)) {
      this.gaps++;
      await this.resync();
      return;
    }
    this.topo = applyPatch(this.topo, d);
    this.patches++;
  }

  close() {
    this.closing = true;
    this.stream?.close();
  }
}

let sim = null;
let app = null;
let fresh = null;
const clients = [];
const samples = [];
const out = {};
try {
  sim = spawn(process.execPath, ['scripts/sim/sim-engine.mjs', '--socket', SOCK, '--containers', String(N)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((r) => sim.stdout.once('data', r));
  app = await startApp(PORT, { DOCKER_HOST: `unix://${SOCK}`, SWITCHYARD_ACTIVITY_MAX: String(ACTIVITY_MAX) });
  for (;;) {
    const h = await getJson(PORT, '/api/health').catch(() => null);
    if (h?.store?.state === 'live') break;
    await sleep(500);
  }
  for (let i = 0; i < CLIENTS; i++) {
    const c = new Client();
    clients.push(c);
    c.open();
  }
  log(`${N} containers, ${CLIENTS} clients; churning for ${MINUTES} min`);
  const end = Date.now() + MINUTES * 60_000;
  let changes = 0;
  let cuts = 0;
  let nextCut = Date.now() + 180_000;
  let nextSample = Date.now();
  let nextReport = Date.now() + 300_000;
  while (Date.now() < end) {
    const r = JSON.parse(await control('/_sim/change?kind=churn&count=3'));
    changes += r.changes ?? 0;
    if (Date.now() >= nextCut) {
      await control('/_sim/cut');
      cuts++;
      nextCut += 180_000;
    }
    if (Date.now() >= nextSample) {
      samples.push({ at: Date.now(), rss: rssMb(app.pid) });
      nextSample += 10_000;
    }
    if (Date.now() >= nextReport) {
      const h = await getJson(PORT, '/api/health');
      log(`${changes} changes, ${cuts} cuts; RSS ${samples.at(-1).rss} MB; store v${h.store.version}, ${h.store.fullReads} full reads; clients: ${clients.reduce((s, c) => s + c.patches, 0)} patches applied, ${clients.reduce((s, c) => s + c.gaps, 0)} gaps`);
      nextReport += 300_000;
    }
    await sleep(100);
  }
  out.changes = changes;
  out.cuts = cuts;
  log('churn stopped; settling');
  await sleep(5_000);
  const store = await topologyOf(PORT);
  // Every client at the store's version (or a later one, if a check found something meanwhile).
  const t0 = Date.now();
  while (Date.now() - t0 < 60_000 && clients.some((c) => !c.topo || c.topo.meta.version < store.meta.version || c.topo.meta.epoch !== store.meta.epoch)) await sleep(200);
  await Promise.all(clients.map((c) => c.busy));
  const latest = await topologyOf(PORT);
  out.clientsEqual = clients.filter((c) => c.topo && c.topo.meta.version === latest.meta.version && comparable(c.topo) === comparable(latest)).length;
  out.clientsAtVersion = clients.filter((c) => c.topo?.meta.version === latest.meta.version).length;
  out.patches = clients.reduce((s, c) => s + c.patches, 0);
  out.gaps = clients.reduce((s, c) => s + c.gaps, 0);
  out.resyncs = clients.reduce((s, c) => s + c.resyncs, 0);
  out.reconnects = clients.reduce((s, c) => s + c.reconnects, 0);
  out.version = latest.meta.version;
  out.containers = latest.containers.length;
  // A fresh server, a fresh full read of the same engine.
  fresh = await startApp(FRESH_PORT, { DOCKER_HOST: `unix://${SOCK}`, SWITCHYARD_DATA_DIR: join(dir, 'fresh-data') });
  let freshTopo = null;
  for (let i = 0; i < 120 && !freshTopo; i++) {
    const h = await getJson(FRESH_PORT, '/api/health').catch(() => null);
    if (h?.store?.state === 'live') freshTopo = await topologyOf(FRESH_PORT);
    else await sleep(500);
  }
  const again = await topologyOf(PORT);
  out.storeEqualsFresh = !!freshTopo && comparable(again) === comparable(freshTopo);
  const h = await getJson(PORT, '/api/health');
  out.fullReads = h.store.fullReads;
  out.streamDrops = h.store.streamDrops;
  out.eventsApplied = h.store.eventsApplied;
  const activity = await getJson(PORT, '/api/activity?limit=1');
  out.activityTotal = activity.total;
  // Memory: the second quarter against the last.
  const q = Math.floor(samples.length / 4);
  const mean = (xs) => xs.reduce((s, x) => s + x.rss, 0) / xs.length;
  out.rssQ2 = Math.round(mean(samples.slice(q, 2 * q)));
  out.rssQ4 = Math.round(mean(samples.slice(3 * q)));
  out.rssMax = Math.max(...samples.map((s) => s.rss));
  out.rssFirst = samples[0]?.rss;
  out.flat = Math.abs(out.rssQ4 - out.rssQ2) <= 0.1 * out.rssQ2;
  out.samples = samples.length;
} finally {
  for (const c of clients) c.close();
  app?.stop();
  fresh?.stop();
  sim?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}

const ok = (b) => (b ? 'yes' : '**no**');
const verdicts = {
  'the store equals a fresh full read': out.storeEqualsFresh,
  [`every client's topology equals the store's (${out.clientsEqual} of ${CLIENTS})`]: out.clientsEqual === CLIENTS,
  [`memory flat: last quarter's mean RSS within 10 % of the second's (${out.rssQ4} vs ${out.rssQ2} MB)`]: out.flat,
  [`no client missed a version without a resync (${out.gaps} gaps, each followed by a resync; ${out.resyncs} resyncs in all)`]: out.clientsAtVersion === CLIENTS,
  // The log trims in batches: it holds at most its bound plus 1 % (lib/activity/log.ts trimAt).
  [`the activity log within its bound (${out.activityTotal} entries, bound ${ACTIVITY_MAX} + 1 % trimmed in batches)`]: out.activityTotal <= Math.ceil(ACTIVITY_MAX * 1.01),
};
let commit = 'a build outside git';
try { commit = `commit ${execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()}`; } catch { /* not a clone */ }
const md = `<!-- soak:start -->
## Soak (\`npm run soak\`)

Made by \`node scripts/soak.mjs --minutes ${MINUTES}\` on ${new Date().toISOString().slice(0, 10)} (${commit}): ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; the built app
against the simulator at ${N} containers, ${CLIENTS} event-stream clients, SWITCHYARD_ACTIVITY_MAX=${ACTIVITY_MAX}.
${out.changes} changes (connects, disconnects, stops, starts, creates, removes; about ${Math.round(out.changes / (MINUTES * 60))} a second) and
${out.cuts} cuts of the engine's event stream in ${MINUTES} minutes; the store reached version ${out.version} (${out.eventsApplied} events applied,
${out.fullReads} full reads, ${out.streamDrops} lost streams), ${out.containers} containers at the end. The clients applied ${out.patches}
patches and reconnected ${out.reconnects} times.

| verdict | |
| --- | --- |
${Object.entries(verdicts).map(([k, v]) => `| ${k} | ${ok(v)} |`).join('\n')}

RSS (MB): first sample ${out.rssFirst}, highest ${out.rssMax}, mean of the second quarter ${out.rssQ2}, of the last ${out.rssQ4} (${out.samples} samples, every 10 s).
<!-- soak:end -->`;
console.log(md);
let doc = readFileSync(opts.out, 'utf8');
doc = /<!-- soak:start -->[\s\S]*<!-- soak:end -->/.test(doc) ? doc.replace(/<!-- soak:start -->[\s\S]*<!-- soak:end -->/, md) : `${doc.trimEnd()}\n\n${md}\n`;
writeFileSync(opts.out, doc);
process.exit(Object.values(verdicts).every(Boolean) ? 0 : 1);
