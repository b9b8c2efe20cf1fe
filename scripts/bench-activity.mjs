#!/usr/bin/env node
// Benchmark: the activity log's size per entry and the time of GET /api/activity at 100,000
// entries. The entries come the way they come on a host: engine events (a burst of connects,
// disconnects, stops and starts from the large-host simulator, scripts/sim) followed by the
// built app's store and written to SQLite. Needs `npm run build`.
// Usage: node scripts/bench-activity.mjs [entries=100000] [containers=500] [networks=20]
// Starts its own simulator and server (127.0.0.1:3198) and stops them by pid at the end.
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from './lib/bench-harness.mjs';

const { positionals } = parseArgs({ allowPositionals: true });
const [target = 100_000, containers = 500, networks = 20] = positionals.map(Number);
const PORT = 3198;
const dir = mkdtempSync(join(tmpdir(), 'sy-bench-activity-'));
const socket = join(dir, 'sim.sock');
const sim = spawn(process.execPath, ['scripts/sim/sim-engine.mjs', '--socket', socket, '--containers', String(containers), '--networks', String(networks), '--delay-ms', '0', '--list-ms-per-item', '0'], { stdio: 'ignore', detached: true });
process.on('exit', () => {
  try { process.kill(-sim.pid, 'SIGKILL'); } catch { /* gone */ }
  rmSync(dir, { recursive: true, force: true });
});
await new Promise((r) => setTimeout(r, 800));

const simPost = (path) => new Promise((resolve, reject) => {
  const req = request({ socketPath: socket, path, method: 'POST' }, (res) => { let b = ''; res.on('data', (d) => { b += d; }); res.on('end', () => resolve(JSON.parse(b))); });
  req.on('error', reject);
  req.end();
});

const app = await startApp(PORT, { DOCKER_HOST: `unix://${socket}`, SWITCHYARD_DATA_DIR: join(dir, 'data'), SWITCHYARD_ACTIVITY_MAX: String(target), SWITCHYARD_HOST_LINKS: '0' });
const get = async (path) => {
  const t0 = performance.now();
  const r = await fetch(`${app.url}${path}`);
  const body = await r.json();
  return { ms: performance.now() - t0, body, status: r.status };
};
await get('/api/topology');

// Fill: bursts of 2,000 changes, each waited for (written) before the next.
const t0 = performance.now();
let stats = (await get('/api/activity?limit=1')).body.store;
const start = { entries: stats.entries, bytes: stats.bytes };
const samples = [];
while (stats.entries < target) {
  const before = stats.entries;
  await simPost('/_sim/change?kind=mix&count=2000');
  for (let i = 0; i < 600; i++) {
    await new Promise((r) => setTimeout(r, 100));
    stats = (await get('/api/activity?limit=1')).body.store;
    if (stats.entries - before >= 2000 || stats.entries >= target) break;
    if (i > 20 && (await get('/api/activity?limit=1')).body.store.entries === stats.entries) break; // settled
  }
  samples.push({ entries: stats.entries, bytes: stats.bytes });
  if (samples.length % 10 === 0) process.stderr.write(`  ${stats.entries} entries, ${(stats.bytes / 1e6).toFixed(1)} MB\n`);
}
const fillS = (performance.now() - t0) / 1000;
const written = stats.entries - start.entries;

// Reads, each 20 times: median and p95.
const first = (await get('/api/activity?limit=1')).body.entries[0];
const someContainer = first.container?.name ?? '';
const someNetwork = (await get('/api/activity?kind=connect&limit=1')).body.entries[0]?.network?.name ?? '';
const mid = first.id - Math.floor(target / 2);
const since = new Date(Date.parse(first.at) - 60_000).toISOString();
const oldest = (await get(`/api/activity?limit=1&before=${first.id - stats.entries + 2}`)).body.entries[0];
const queries = [
  ['newest page (50)', '/api/activity'],
  ['500 entries', '/api/activity?limit=500'],
  ['one container', `/api/activity?container=${someContainer}`],
  ['one network, connects and disconnects', `/api/activity?network=${someNetwork}&kind=connect,disconnect`],
  ['engine events, container deaths', '/api/activity?source=engine&kind=container-die'],
  ['a page half-way back (cursor)', `/api/activity?before=${mid}`],
  ['the last minute', `/api/activity?since=${encodeURIComponent(since)}`],
  ['changes since the last minute', `/api/activity/changes?since=${encodeURIComponent(since)}`],
  ['changes since the first entry', `/api/activity/changes?since=${encodeURIComponent(oldest?.at ?? since)}`],
];
const results = [];
for (const [what, path] of queries) {
  const ms = [];
  let body;
  for (let i = 0; i < 20; i++) {
    const r = await get(path);
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
    ms.push(r.ms);
    body = r.body;
  }
  ms.sort((a, b) => a - b);
  const size = body.entries !== undefined && Array.isArray(body.entries) ? `${body.entries.length} of ${body.total}` : `${body.entries} entries read`;
  results.push({ what, path, median: +ms[10].toFixed(1), p95: +ms[18].toFixed(1), size });
}
// Past the bound: 20,000 more changes; the log keeps its size.
const atBound = { entries: stats.entries, bytes: stats.bytes };
for (let i = 0; i < 10; i++) {
  const before = (await get('/api/activity?limit=1')).body.entries[0].id;
  await simPost('/_sim/change?kind=mix&count=2000');
  for (let j = 0; j < 600; j++) {
    await new Promise((r) => setTimeout(r, 100));
    if ((await get('/api/activity?limit=1')).body.entries[0].id - before >= 2000) break;
  }
}
const past = (await get('/api/activity?limit=1')).body;
const file = statSync(join(dir, 'data', 'activity-default.db')).size;
app.stop();
const out = {
  entries: stats.entries, maxEntries: target, written, fillSeconds: +fillS.toFixed(1), entriesPerSecond: Math.round(written / fillS),
  bytes: stats.bytes, dbFileBytes: file, bytesPerEntry: Math.round((stats.bytes - (start.bytes ?? 0)) / written),
  reads: results,
  pastTheBound: { written: past.entries[0].id - first.id, entries: past.store.entries, bytes: past.store.bytes, bytesAtBound: atBound.bytes },
};
console.log(JSON.stringify(out, null, 2));
console.log(`\n| query | median ms | p95 ms | answer |\n|---|---:|---:|---|`);
for (const r of results) console.log(`| ${r.what} | ${r.median} | ${r.p95} | ${r.size} |`);
process.exit(0);
