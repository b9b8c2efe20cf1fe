#!/usr/bin/env node
// `npm run bench`: how Switchyard's topology store performs on a real engine and on the
// large-host simulator. A benchmark, not a test: it prints figures and writes
// docs/benchmarks.md. Needs the built app (`npm run build`), the lab engine and image
// (`npm run lab`, root), and Chromium. Takes about 15 minutes on 2 cores.
//
//   node scripts/bench.mjs [--real 400,50] [--sim 2000,10000] [--changes 24] [--keep]
//
// Real sizes: that many containers labelled switchyard.bench=1 over 30 networks
// (sy-bench-n01..30, 10.211.N.0/24) are made on the engine (as well as whatever it runs), and
// removed at the end unless --keep. Every engine request is counted by a proxy in front of
// the engine socket (scripts/lib/counting-proxy.mjs), never by Switchyard itself.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { startCountingProxy } from './lib/counting-proxy.mjs';
import { launchChromium, startApp } from './lib/bench-harness.mjs';
import { followEvents } from './lib/sse-client.mjs';

const { values: opts } = parseArgs({
  options: { real: { type: 'string', default: '400,50' }, sim: { type: 'string', default: '2000,10000' }, changes: { type: 'string', default: '60' }, keep: { type: 'boolean', default: false }, out: { type: 'string', default: 'docs/benchmarks.md' } },
});
const sizes = (s) => (s ? s.split(',').filter(Boolean).map(Number) : []);
const REAL = sizes(opts.real).sort((a, b) => b - a); // largest first: shrinking is quicker than growing
const SIM = sizes(opts.sim);
// 60 changes a size: the p95 of 24 was the second-slowest change, and moved 17-44 ms at 400 real
// between runs of the same code.
const CHANGES = Number(opts.changes);
const KEEP = opts.keep;
const ENGINE_SOCKET = '/var/run/docker.sock';
const PROXY = '/tmp/switchyard-bench-proxy.sock';
const SIM_SOCKET = '/tmp/switchyard-bench-sim.sock';
const PORT = 3198;
const IMAGE = 'switchyard-lab/busybox:1';
const DOCKER = existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker';
const docker = (...a) => execFileSync(DOCKER, a, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 }).trim();
const dockerAsync = (...a) => new Promise((resolve, reject) => execFile(DOCKER, a, (err, out) => (err ? reject(err) : resolve(out.trim()))));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.log('[bench]', ...a);

if (!existsSync('.next/BUILD_ID')) throw new Error('build first: npm run build');

// ---- statistics ---------------------------------------------------------------------------
const q = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] : NaN;
};
const median = (xs) => q(xs, 0.5);
const r1 = (x) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : x);

// ---- engine population --------------------------------------------------------------------
const NETS = 30;
const netName = (i) => `sy-bench-n${String(i).padStart(2, '0')}`;
const ctrName = (i) => `sy-bench-c${String(i).padStart(4, '0')}`;

async function populate(n) {
  for (let i = 1; i <= NETS; i++) {
    try { docker('network', 'inspect', netName(i)); } catch {
      docker('network', 'create', '--label', 'switchyard.bench=1', '--subnet', `10.211.${i}.0/24`, netName(i));
    }
  }
  const have = new Set(docker('ps', '-a', '--filter', 'label=switchyard.bench=1', '--format', '{{.Names}}').split('\n').filter(Boolean));
  const extra = [...have].filter((c) => Number(c.slice(-4)) > n);
  for (let i = 0; i < extra.length; i += 50) docker('rm', '-f', ...extra.slice(i, i + 50));
  const missing = [];
  for (let i = 1; i <= n; i++) if (!have.has(ctrName(i))) missing.push(i);
  log(`engine: ${n} bench containers (${missing.length} to make, ${extra.length} to remove)`);
  let next = 0;
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (next < missing.length) {
      const i = missing[next++];
      await dockerAsync('run', '-d', '--name', ctrName(i), '--label', 'switchyard.bench=1', '--network', netName((i % NETS) + 1), IMAGE, 'sleep', '2000000');
    }
  }));
  docker('start', ...Array.from({ length: n }, (_, i) => ctrName(i + 1)));
}

function cleanup() {
  const ids = docker('ps', '-aq', '--filter', 'label=switchyard.bench=1').split('\n').filter(Boolean);
  for (let i = 0; i < ids.length; i += 50) docker('rm', '-f', ...ids.slice(i, i + 50));
  const nets = docker('network', 'ls', '-q', '--filter', 'label=switchyard.bench=1').split('\n').filter(Boolean);
  if (nets.length) docker('network', 'rm', ...nets);
}

// ---- the floor: the same engine requests, straight on the socket --------------------------
async function floorRead(socketPath, concurrency = 8) {
  const agent = new http.Agent({ keepAlive: true });
  const get = (path) => new Promise((resolve, reject) => {
    http.get({ socketPath, path, agent }, (r) => {
      const chunks = [];
      r.on('data', (c) => chunks.push(c));
      r.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString())));
    }).on('error', reject);
  });
  const t0 = performance.now();
  const [, , list] = await Promise.all([get('/v1.41/info'), get('/v1.41/networks'), get('/v1.41/containers/json?all=1')]);
  let i = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (i < list.length) await get(`/v1.41/containers/${list[i++].Id}/json`);
  }));
  agent.destroy();
  return { ms: performance.now() - t0, requests: 3 + list.length, containers: list.length };
}

// ---- the app ------------------------------------------------------------------------------
const api = async (path, headers = {}) => {
  const r = await fetch(`http://127.0.0.1:${PORT}${path}`, { headers });
  return { status: r.status, etag: r.headers.get('etag'), body: r.status === 200 ? await r.json() : null };
};
const health = async () => (await api('/api/health')).body;

async function waitFor(pred, what, timeoutMs = 120_000, everyMs = 50) {
  const t0 = Date.now();
  for (;;) {
    const v = await pred();
    if (v) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** RSS (MB) of the server: every process in its process group. */
function rssMb(pgid) {
  let kb = 0;
  for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch { /* gone */ }
  }
  return Math.round(kb / 1024);
}

/**
 * The server's RSS every second until stopped (median and highest, MB): one reading at the end
 * falls wherever the garbage collector happens to be, anywhere in 220-300 MB at 10,000.
 */
function sampleRss(pgid) {
  const xs = [];
  const t = setInterval(() => xs.push(rssMb(pgid)), 1000);
  return { stop: () => { clearInterval(t); return xs.length ? { median: Math.round(median(xs)), max: Math.max(...xs), n: xs.length } : null; } };
}

/**
 * Full reads next to the floor, alternating, same run. The app talks straight to the engine
 * socket (a counting proxy would compete for the CPU the floor does not pay for); the store's
 * own safety re-read (SWITCHYARD_RESYNC_MS) triggers each full read, and the floor runs half-way
 * between two, so that each follows the same quiet time: an engine that was idle for seconds
 * answers the first requests more slowly (Engine 20.10 here: a floor read 4 s after the last
 * request took 78 ms median, one right after another 60 ms; 8 rounds), and a floor read made at
 * once after the store's read measured the engine warm against a store that met it cold.
 */
// The real engine's answers vary more from read to read (57-156 ms at 400 within one run)
// than the simulator's: more reads there, for a steadier median.
const FULL_READS = { real: 15, sim: 9 };
const WARM_UP_READS = 3;
async function measureFullReads(upstream, reads) {
  const probe = await floorRead(upstream);
  const every = Math.max(4000, Math.round(probe.ms * 4));
  const app = await startApp(PORT, { DOCKER_HOST: `unix://${upstream}`, SWITCHYARD_RESYNC_MS: String(every), SWITCHYARD_CHECK_MS: '0' });
  try {
    const full = [];
    const floor = [];
    let seen = (await waitFor(async () => ((await health())?.store?.state === 'live' ? await health() : null), 'the store to be live', 300_000)).store.fullReads;
    // The first reads after the server starts are not counted (nor the floor reads between them):
    // its JIT, Next's first requests and the host read of every container compete with both for
    // the two cores (here both sides ran 1.5-2 times slower in the first half-minute).
    let warmUp = WARM_UP_READS;
    while (full.length < reads) {
      const h = await waitFor(async () => {
        const x = await health();
        return x?.store?.fullReads > seen && x.store.lastFullRead?.hostMs !== null ? x : null;
      }, 'a full read', every * 3 + 60_000, 250); // asking often would load the server it measures
      seen = h.store.fullReads;
      const startedAt = Date.parse(h.store.lastFullRead.at) - h.store.lastFullRead.engineMs;
      await sleep(Math.max(0, startedAt + every / 2 - Date.now()));
      const fl = await floorRead(upstream);
      if (warmUp > 0) {
        warmUp--;
        continue;
      }
      full.push(h.store.lastFullRead);
      floor.push(fl);
    }
    const fullRead = { ms: median(full.map((f) => f.ms)), engineMs: median(full.map((f) => f.engineMs)), hostMs: median(full.map((f) => f.hostMs)), requests: full[0].engineRequests, all: full.map((f) => f.ms) };
    const fl = { ms: r1(median(floor.map((f) => f.ms))), requests: floor[0].requests, all: floor.map((f) => Math.round(f.ms)) };
    return { fullRead, floor: fl, ratio: r1(fullRead.ms / fl.ms * 100) / 100 };
  } finally {
    app.stop();
    await sleep(500);
  }
}


/**
 * Measures one engine: warm GETs, change latencies, requests per change, RSS, with every
 * engine request counted by a proxy. `makeChange(i)` makes change i and answers
 * { check(topology) -> bool, pageCheck: [fn, arg] | null, container }.
 */
async function measure({ label, upstream, makeChange, page: withPage, reads }) {
  const out = { label, ...(await measureFullReads(upstream, reads)) };
  const proxy = await startCountingProxy(PROXY, upstream);
  const countRequests = () => proxy.counts.requests;
  const app = await startApp(PORT, { DOCKER_HOST: `unix://${PROXY}` });
  try {
    const h0 = await waitFor(async () => {
      const h = await health();
      const t = h?.store?.state === 'live' ? (await api('/api/topology')).body : null;
      return t && t.meta.hostLinks !== 'pending' ? h : null;
    }, 'the store to be live', 300_000);
    out.containers = (await api('/api/topology')).body.containers.length;
    out.engine = `${h0.engine.serverVersion} (API ${h0.engine.serverApiVersion})`;
    out.startupFullRead = h0.store.lastFullRead;
    const rssSamples = sampleRss(app.pid);

    // Warm GETs of an unchanged engine: as the page asks (compressed once per version), as a
    // script asks (plain JSON), and plain with Accept-Encoding: gzip (as curl --compressed asks:
    // the version's gzip body; Next compressed each such answer itself before issue 29's stop 5).
    await sleep(500);
    const c0 = countRequests();
    const byRoute0 = { ...proxy.counts.byPath };
    const kinds = [
      ['page', '/api/topology?encoding=gzip', {}, 200],
      ['plain', '/api/topology', { 'accept-encoding': 'identity' }, 50],
      ['acceptGzip', '/api/topology', { 'accept-encoding': 'gzip' }, 50],
    ];
    out.warm = {};
    for (const [kind, path, headers, n] of kinds) {
      const times = [];
      let bytes = 0;
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        const r = await new Promise((resolve, reject) => {
          // node:http, not fetch: the figure is the server's, without client-side decompression.
          http.get({ host: '127.0.0.1', port: PORT, path, headers }, (res) => {
            let len = 0;
            res.on('data', (c) => { len += c.length; });
            res.on('end', () => resolve(len));
          }).on('error', reject);
        });
        times.push(performance.now() - t);
        bytes = r;
      }
      out.warm[kind] = { n, median: r1(median(times)), p95: r1(q(times, 0.95)), bytes };
    }
    out.warm.engineRequests = countRequests() - c0;
    // The store's periodic list check (SWITCHYARD_CHECK_MS) may fall in the window: it is not a GET's doing.
    out.warm.byRoute = Object.fromEntries(Object.entries(proxy.counts.byPath).map(([k, v]) => [k, v - (byRoute0[k] ?? 0)]).filter(([, v]) => v > 0));
    // The check is two requests: the list and GET /info (a swarm joined or left).
    out.warm.checkRequests = (out.warm.byRoute['GET /containers/json'] ?? 0) + Math.min(out.warm.byRoute['GET /info'] ?? 0, out.warm.byRoute['GET /containers/json'] ?? 0);
    out.warm.byGets = out.warm.engineRequests - out.warm.checkRequests;
    const e0 = (await api('/api/topology')).etag;
    const t304 = performance.now();
    await fetch(`http://127.0.0.1:${PORT}/api/topology`, { headers: { 'if-none-match': e0 } });
    out.warm.notModifiedMs = r1(performance.now() - t304);

    // Changes: until the API shows them, and until an open page shows them.
    let browser = null;
    let page = null;
    if (withPage) {
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      const t = performance.now();
      // Nothing folded (?fold=): every endpoint is an element the page draws, so it can be waited for.
      await page.goto(`http://127.0.0.1:${PORT}/?fold=100000`);
      await page.waitForFunction(() => window.cy && window.cy.nodes().length > 0, null, { timeout: 180_000 });
      await page.waitForSelector('[data-testid="live-state"][data-state="live"]', { timeout: 60_000 });
      out.pageOpenMs = Math.round(performance.now() - t);
      await sleep(2000);
    }
    const events = followEvents(PORT);
    await sleep(500);
    const t = { cli: [], engine: [], patch: [], api: [], page: [], ownNoInspect: [], fromEvent: [], fromEventNoInspect: [], batch: {} };
    const perChange = [];
    for (let i = 0; i < CHANGES; i++) {
      // The ETag of the representation polled below (each encoding has its own): with the plain
      // body's, every poll was a 200 whose 9 MB the script parsed at 10,000, stalling this
      // process and the counting proxy in it, which the store's inspect goes through.
      const { etag } = await api('/api/topology?encoding=gzip');
      const c = countRequests();
      const from = events.seen.length;
      const t0 = performance.now();
      const changing = makeChange(i);
      const change = await changing;
      t.cli.push(performance.now() - t0);
      // A GET waits for every event the store has received to be applied: one sent when the
      // engine's event is relayed shows the change as early as the API can. A slow poll backs it
      // up (polling every few ms would itself load the server it measures).
      const shows = async () => {
        const r = await api('/api/topology?encoding=gzip', { 'if-none-match': etag });
        return r.status === 200 && change.check(r.body) ? performance.now() - t0 : null;
      };
      const seenByApi = (async () => {
        let checked = from;
        for (;;) {
          const relayed = events.seen.slice(checked).some((e) => e.event === 'change' && (e.data.container === change.container || e.data.id === change.container));
          checked = events.seen.length;
          const at = relayed ? await shows() : null;
          if (at !== null) return at;
          const polled = await shows();
          if (polled !== null) return polled;
          await sleep(relayed ? 1 : 25);
        }
      })();
      const seenByPage = page && change.pageCheck
        ? page.waitForFunction(change.pageCheck[0], change.pageCheck[1], { polling: 'raf', timeout: 30_000 }).then(() => performance.now() - t0)
        : Promise.resolve(null);
      const [a, p] = await Promise.all([seenByApi, seenByPage]);
      t.api.push(a);
      if (p !== null) t.page.push(p);
      await sleep(400);
      const mine = events.seen.slice(from);
      const announced = mine.find((e) => e.event === 'change' && (e.data.container === change.container || e.data.id === change.container));
      const patched = mine.find((e) => e.event === 'patch');
      if (announced) t.engine.push(announced.at - t0);
      if (patched) t.patch.push(patched.at - t0);
      // The same without the engine's answer to the inspect (the batch's own reads, as the store timed them).
      const batch = (await health())?.store?.lastBatch;
      if (batch?.fromEventMs !== undefined && patched) {
        // As the store timed it, on one clock: its first event received -> its patch published.
        t.fromEvent.push(batch.fromEventMs);
        t.fromEventNoInspect.push(batch.fromEventMs - batch.readMs);
      }
      if (announced && patched && batch) {
        t.ownNoInspect.push(patched.at - announced.at - batch.readMs);
        for (const k of ['readMs', 'hostMs', 'buildMs', 'totalMs']) (t.batch[k] ??= []).push(batch[k]);
      }
      perChange.push(countRequests() - c);
    }
    events.close();
    const stat = (xs) => (xs.length ? { median: r1(median(xs)), p95: r1(q(xs, 0.95)) } : null);
    out.changes = {
      n: CHANGES,
      cli: stat(t.cli), engine: stat(t.engine), patch: stat(t.patch), api: stat(t.api), page: stat(t.page),
      // The store's part: from the engine's announcement of a change to the API having it.
      afterEngine: stat(t.patch.map((x, i) => x - (t.engine[i] ?? NaN)).filter(Number.isFinite)),
      afterEngineNoInspect: stat(t.ownNoInspect),
      fromEvent: stat(t.fromEvent),
      fromEventNoInspect: stat(t.fromEventNoInspect),
      // The store's batch, as it timed it: the inspect, the host read, the build and publish, all.
      batch: Object.fromEntries(Object.entries(t.batch).map(([k, xs]) => [k, stat(xs)])),
      requestsPerChange: median(perChange), requestsMax: Math.max(...perChange),
    };
    await browser?.close();
    out.rssMb = rssMb(app.pid);
    out.rss = rssSamples.stop();
  } finally {
    app.stop();
    await proxy.close();
  }
  return out;
}

// ---- real engine --------------------------------------------------------------------------
const results = [];
const epId = (t, net, ctr) => t.endpoints.some((e) => e.networkId === net && e.containerId === ctr);
if (REAL.length) {
  for (const n of REAL) {
    await populate(n);
    const ctr = docker('inspect', '-f', '{{.Id}}', ctrName(1));
    const targetNet = netName(NETS); // c0001 starts on n02
    const net = docker('network', 'inspect', '-f', '{{.Id}}', targetNet);
    const r = await measure({
      label: `real engine, ${n} bench containers`,
      upstream: ENGINE_SOCKET,
      page: true,
      reads: FULL_READS.real,
      makeChange: async (i) => {
        const connect = i % 2 === 0;
        await dockerAsync('network', connect ? 'connect' : 'disconnect', targetNet, ctrName(1));
        return {
          container: ctr,
          check: (t) => epId(t, net, ctr) === connect,
          pageCheck: [({ id, want }) => window.cy.getElementById(id).nonempty() === want, { id: `ep:${net}:${ctr}`, want: connect }],
        };
      },
    }).catch((e) => ({ label: `real engine, ${n}`, error: String(e) }));
    results.push(r);
    log(JSON.stringify(r));
  }
  if (!KEEP) cleanup();
}

// ---- simulator ----------------------------------------------------------------------------
for (const n of SIM) {
  const sim = spawn(process.execPath, ['scripts/sim/sim-engine.mjs', '--socket', SIM_SOCKET, '--containers', String(n)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => sim.stdout.once('data', resolve));
  const control = (path, method = 'GET') => new Promise((resolve, reject) => {
    const req = http.request({ socketPath: SIM_SOCKET, path, method }, (r) => {
      let d = '';
      r.on('data', (c) => { d += c; });
      r.on('end', () => resolve(JSON.parse(d)));
    });
    req.on('error', reject);
    req.end();
  });
  let last = null;
  const r = await measure({
    label: `simulator, ${n} containers`,
    upstream: SIM_SOCKET,
    page: false,
    reads: FULL_READS.sim,
    makeChange: async (i) => {
      const kind = i % 2 === 0 ? 'connect' : 'disconnect';
      const done = await control(`/_sim/change?kind=${kind}${last ? `&container=${last.container}&network=${last.network}` : ''}`, 'POST');
      last = kind === 'connect' ? done : null;
      return { container: done.container, check: (t) => epId(t, done.network, done.container) === (kind === 'connect'), pageCheck: null };
    },
  }).catch((e) => ({ label: `simulator, ${n}`, error: String(e) }));
  sim.kill('SIGTERM');
  results.push(r);
  log(JSON.stringify(r));
}

// ---- report -------------------------------------------------------------------------------
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const machine = `${cpus().length} cores (${cpu}), ${Math.round(totalmem() / 2 ** 30)} GiB, ${readFileSync('/etc/os-release', 'utf8').match(/PRETTY_NAME="([^"]+)"/)?.[1] ?? 'Linux'}, Node ${process.version}`;
let engineVersion = 'unknown';
try { engineVersion = docker('version', '--format', 'Engine {{.Server.Version}} (API {{.Server.APIVersion}})'); } catch { /* no engine */ }
const target = (ok, text) => (ok ? `${text}: met` : `${text}: **missed**`);
const ms2 = (x) => (x ? `${x.median} / ${x.p95} ms` : 'n/a');
const lines = [];
for (const r of results) {
  if (r.error) {
    lines.push(`### ${r.label}\n\nfailed: ${r.error}\n`);
    continue;
  }
  const n = r.containers;
  const verdicts = [];
  if (/400/.test(r.label)) {
    verdicts.push(target(r.ratio <= 1.3, `full read / floor ≤ 1.3 (${r.ratio.toFixed(3)}${r.ratio > 1.3 ? `, over by ${((r.ratio / 1.3 - 1) * 100).toFixed(1)}%` : ''})`));
    verdicts.push(target(r.warm.page.median < 20 && r.warm.plain.median < 20 && r.warm.byGets === 0, `warm GET median < 20 ms with 0 engine requests (page ${r.warm.page.median} ms, plain ${r.warm.plain.median} ms, ${r.warm.byGets} requests)`));
    const over = (x) => (x >= 250 ? `, over by ${Math.round(x - 250)} ms; the command alone takes p95 ${r.changes.cli.p95} ms` : '');
    verdicts.push(target(r.changes.api.p95 < 250, `change -> API p95 < 250 ms, from the command's start (${r.changes.api.p95} ms${over(r.changes.api.p95)})`));
    if (r.changes.page) verdicts.push(target(r.changes.page.p95 < 250, `change -> open page p95 < 250 ms, from the command's start (${r.changes.page.p95} ms${over(r.changes.page.p95)})`));
  }
  if (/10000/.test(r.label)) verdicts.push(target(r.warm.page.median < 100 && r.warm.plain.median < 100 && r.warm.byGets === 0, `warm GET median < 100 ms with 0 engine requests (page ${r.warm.page.median} ms, plain ${r.warm.plain.median} ms, ${r.warm.byGets} requests)`));
  // Issue 29's targets (docs/benchmarks.md, "Issue 29").
  const within = (x, m, p) => x && x.median <= m && x.p95 <= p;
  if (/400/.test(r.label)) {
    verdicts.push(target(within(r.changes.fromEventNoInspect, 10, 25), `event -> patch without the inspect ≤ 10 / 25 ms (${ms2(r.changes.fromEventNoInspect)})`));
    verdicts.push(target(r.ratio <= 1.15, `full read / floor ≤ 1.15 (${r.ratio.toFixed(3)})`));
  }
  if (/10000/.test(r.label)) {
    verdicts.push(target(within(r.changes.fromEvent, 10, 25), `event -> patch ≤ 10 / 25 ms (${ms2(r.changes.fromEvent)})`));
    verdicts.push(target(r.rssMb <= 250 && (r.rss?.max ?? Infinity) <= 250, `server RSS ≤ 250 MB, at the end and at every second's reading (${r.rssMb} MB; highest ${r.rss?.max ?? 'n/a'} MB)`));
  }
  verdicts.push(target(r.changes.requestsPerChange >= 1 && r.changes.requestsPerChange <= 2, `engine requests per change 1 or 2 (median ${r.changes.requestsPerChange}, max ${r.changes.requestsMax})`));
  lines.push(`### ${r.label} (${n} containers in all)

| figure | value |
| --- | --- |
| full read (the store's safety re-read; until served; median of ${r.fullRead.all.length}: ${r.fullRead.all.join(', ')}) | ${r.fullRead.ms} ms (engine reads ${r.fullRead.engineMs} ms, ${r.fullRead.requests} requests) |
| the floor: the same requests straight on the socket, 8 at a time, half-way between those reads (${r.floor.all.join(', ')}) | ${r.floor.ms} ms (${r.floor.requests} requests) |
| ratio | **${r.ratio.toFixed(2)}** |
| host facts after it (veth, bridges; served as the next version) | ${r.fullRead.hostMs} ms |
| warm \`GET /api/topology?encoding=gzip\` (as the page asks; ${r.warm.page.n} requests) | median **${r.warm.page.median} ms**, p95 ${r.warm.page.p95} ms, ${r.warm.page.bytes} bytes |
| warm \`GET /api/topology\`, plain JSON (as curl asks; ${r.warm.plain.n} requests) | median **${r.warm.plain.median} ms**, p95 ${r.warm.plain.p95} ms, ${r.warm.plain.bytes} bytes |
| warm \`GET /api/topology\` with \`Accept-Encoding: gzip\` (the version's gzip body, as negotiated; ${r.warm.acceptGzip.n} requests) | median ${r.warm.acceptGzip.median} ms, ${r.warm.acceptGzip.bytes} bytes |
| \`If-None-Match\` of the current version | 304 in ${r.warm.notModifiedMs} ms |
| engine requests during those 300 GETs | **${r.warm.engineRequests}**${r.warm.checkRequests ? ` (${r.warm.checkRequests} of them the store's 15 s list check, \`GET /containers/json\` and \`GET /info\`; none made for a GET)` : ''} |
| ${r.changes.n} changes (connect, disconnect), each timed from the start of the command: | median / p95 |
| - the command returns (\`docker network connect\`, or the simulator's control call) | ${ms2(r.changes.cli)} |
| - the engine's event reaches a client of \`/api/events\` (relayed) | ${ms2(r.changes.engine)} |
| - the patch reaches a client of \`/api/events\` | ${ms2(r.changes.patch)} |
| - \`GET /api/topology\` shows it (polled every 5 ms) | **${ms2(r.changes.api)}** |
| - an open page (Chromium) shows it | ${r.changes.page ? `**${ms2(r.changes.page)}**${r.pageOpenMs ? ` (the page opened in ${r.pageOpenMs} ms)` : ''}` : 'not measured on the simulator (the page at this size is the next issue\'s)'} |
| the store's own part: engine event -> patch published, as the store timed it (its first event received -> its patch sent to the clients) | **${ms2(r.changes.fromEvent)}** |
| the same without the container's inspect (the engine's answer, as the store timed it) | **${ms2(r.changes.fromEventNoInspect)}** |
| the store's part as a client of \`/api/events\` sees it: the relayed event -> the patch (both through the event stream, timed by this script, which also drives the page) | ${ms2(r.changes.afterEngine)}; without the inspect ${ms2(r.changes.afterEngineNoInspect)} |
| the store's batch as it timed it: inspect / host read / build and publish / all (median; p95) | ${['readMs', 'hostMs', 'buildMs', 'totalMs'].map((k) => r.changes.batch?.[k]?.median ?? 'n/a').join(' / ')} ms; ${['readMs', 'hostMs', 'buildMs', 'totalMs'].map((k) => r.changes.batch?.[k]?.p95 ?? 'n/a').join(' / ')} ms |
| engine requests per change (counted by the proxy) | median **${r.changes.requestsPerChange}**, max ${r.changes.requestsMax} |
| server RSS at the end; every second from the first GET to the end (median, highest, samples) | ${r.rssMb} MB; ${r.rss ? `${r.rss.median} / ${r.rss.max} MB (${r.rss.n})` : 'n/a'} |

${verdicts.map((v) => `- ${v}`).join('\n')}
`);
}
const doc = `# Benchmarks

Made by \`npm run bench\` (scripts/bench.mjs) on ${new Date().toISOString().slice(0, 10)}: ${machine}; ${engineVersion}.
Every engine request is counted by a proxy in front of the engine's socket, not by Switchyard.
The simulator (scripts/sim/sim-engine.mjs) serves generated containers with the shape and size
of a real inspect, 2 ms a request (plus 0.15 ms per listed container), as measured on the
real engine here; it stands in for hosts this machine cannot run, for benchmarks only.

${lines.join('\n')}
${existsSync('docs/benchmarks-notes.md') ? `\n${readFileSync('docs/benchmarks-notes.md', 'utf8')}` : ''}`;
const out = opts.out;
// This script writes the head of the file (up to the graph's own figures, npm run bench:ui);
// everything after it (the other benchmarks' sections, and what was written of them) is kept.
const before = existsSync(out) ? readFileSync(out, 'utf8') : '';
const at = before.indexOf('<!-- bench-ui:start -->');
writeFileSync(out, [doc.trimEnd(), at >= 0 ? before.slice(at) : ''].filter(Boolean).join('\n\n'));
console.log(doc);
process.exit(0);
