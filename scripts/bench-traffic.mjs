#!/usr/bin/env node
// The Traffic layer's cost: a benchmark, not a test (part of `npm run bench`; alone:
// `npm run bench:traffic`). Writes its section of docs/benchmarks.md (traffic markers).
//
// 1. Real engine: N containers (default 400: half servers, half clients, each client holding a
//    connection to its server, on 4 networks labelled switchyard.bench=1, removed at the end).
//    - the server's CPU (every process of its group: the app and its conntrack -E) over 60 s
//      with a page's worth of watcher (GET /api/events?traffic=2000) against 30 s without;
//    - a new connection's way to the API: the bench watches the client's own
//      /proc/<pid>/net/tcp every 5 ms for the connection, and the event stream for the flow
//      that counts it (10 connections, at random moments of the interval).
// 2. Simulator (for sizes this machine cannot run): 2,000 containers with pids
//    (scripts/sim/sim-engine.mjs --pid-base) whose /proc/<pid>/net tables the bench generates
//    in a directory of its own (SWITCHYARD_PROC) with 5,000 flows (5 % of them failing). In
//    Chromium: the layer toggled on (click to its edges drawn) and off, and frames while
//    panning and zooming with it on.
//
//   node scripts/bench-traffic.mjs [--real 400] [--tables shared,own] [--flows 5000] [--sim 2000] [--no-real] [--no-sim]
// Needs the built app, the lab engine and image (npm run lab; root) and Chromium.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { launchChromium, pool, startApp } from './lib/bench-harness.mjs';
import { followEvents } from './lib/sse-client.mjs';
import { INIT, panAndZoom } from './lib/ui-measure.mjs';
import { cli, makeScene, removeScene } from './lib/traffic-scene.mjs';

const { values: opts } = parseArgs({ options: {
  real: { type: 'string', default: '400' }, flows: { type: 'string', default: '5000' }, sim: { type: 'string', default: '2000' },
  'no-real': { type: 'boolean', default: false }, tables: { type: 'string', default: 'shared,own' }, 'no-sim': { type: 'boolean', default: false }, out: { type: 'string', default: 'docs/benchmarks.md' },
} });
const N = Number(opts.real), FLOWS = Number(opts.flows), SIM_N = Number(opts.sim);
const DOCKER = existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker';
const docker = (...a) => execFileSync(DOCKER, a, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 }).trim();
const dockerAsync = (...a) => new Promise((resolve, reject) => execFile(DOCKER, a, (err, out) => (err ? reject(err) : resolve(out.trim()))));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.error('[bench:traffic]', ...a);
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] : NaN; };
const r1 = (x) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : 'n/a');
if (!existsSync('.next/BUILD_ID')) throw new Error('build first: npm run build');

/** CPU seconds used so far by every process in the process group `pgid`. */
function groupCpu(pgid) {
  const hz = 100;
  let ticks = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'latin1');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(f[2]) === pgid) ticks += Number(f[11]) + Number(f[12]);
    } catch { /* gone */ }
  }
  return ticks / hz;
}

async function cpuShare(pgid, ms) {
  const c0 = groupCpu(pgid), t0 = performance.now();
  await sleep(ms);
  return (groupCpu(pgid) - c0) / ((performance.now() - t0) / 1000);
}

// ---- 1. real engine -------------------------------------------------------------------------
let ips = [];
async function real(own) {
  const pairs = N / 2;
  const t0 = Date.now();
  ips = await makeScene(pairs, { own, log });
  if (!ips) return null;
  log(`started in ${Math.round((Date.now() - t0) / 1000)} s`);
  return measure(pairs, own);
}

async function measure(pairs, own) {
  const app = await startApp(3197);
  const port = 3197;
  await fetch(`${app.url}/api/topology`);
  // Every client holds its connection (read once, through the API: it holds a 30 s lease).
  for (let k = 0; ; k++) {
    const t = await (await fetch(`${app.url}/api/traffic`)).json();
    const open = t.flows.filter((f) => f.client.name.startsWith('sy-bench-tc') && f.state === 'open').length;
    if (open >= pairs) { log(`${open} connections seen; read in ${t.readMs} ms`); break; }
    if (k > 60) throw new Error(`only ${open} of ${pairs} connections after a minute`);
    await sleep(1000);
  }
  await sleep(32_000); // the lease ends: nothing reads
  const idle = await cpuShare(app.pid, 30_000);
  const watch = followEvents(port, '/api/events?traffic=2000');
  await sleep(5000);
  const reads = [], cpus = [], intervals = [];
  // Over whole intervals: at least 60 s, and two of the interval in force where it is stretched.
  const inForce = (await (await fetch(`${app.url}/api/traffic?interval=2000`)).json()).intervalMs;
  const windowMs = Math.max(60_000, 2 * inForce);
  const busy = cpuShare(app.pid, windowMs);
  for (let k = 0; k < windowMs / 5000; k++) {
    await sleep(5000);
    const t = await (await fetch(`${app.url}/api/traffic?interval=2000`)).json();
    reads.push(t.readMs); cpus.push(t.cpuMs); intervals.push(t.intervalMs);
  }
  const watching = await busy;
  const flowsSeen = (watch.seen.find((e) => e.event === 'traffic')?.data.flows.length) ?? 0;
  log(`cpu: idle ${r1(idle * 100)} %, watching ${r1(watching * 100)} %; read ${r1(pct(reads, 0.5))} ms median`);

  // A new connection's way to the API (at the default interval: where it is in force).
  const latencies = [];
  for (let k = 0; k < (own ? 10 : 0); k++) {
    const i = (k * 17) % pairs;
    const pid = JSON.parse(docker('inspect', cli(i)))[0].State.Pid;
    const estab = () => readFileSync(`/proc/${pid}/net/tcp`, 'latin1').split('\n').filter((l) => / 01 /.test(l) && l.includes(':1B58 ')).length;
    const before = estab();
    const from = watch.seen.length;
    await sleep(Math.random() * 2000);
    void dockerAsync('exec', '-d', cli(i), 'sh', '-c', `sleep 20 | nc ${ips[i]} 7000`);
    let tEst = null;
    for (let w = 0; w < 2000 && tEst === null; w++) { if (estab() > before) tEst = performance.now(); else await sleep(5); }
    if (tEst === null) throw new Error('the new connection was never established');
    let tSeen = null;
    for (let w = 0; w < 2000 && tSeen === null; w++) {
      for (const e of watch.seen.slice(from)) {
        if (e.event === 'traffic-patch' && e.data.upsert.some((f) => f.client.name === cli(i) && f.connections > 1)) { tSeen = e.at; break; }
      }
      if (tSeen === null) await sleep(5);
    }
    if (tSeen === null) throw new Error('the new connection never reached the event stream');
    latencies.push(tSeen - tEst);
  }
  watch.close();
  app.stop();
  removeScene();
  return { own, n: N, pairs, idle, watching, reads, cpus, intervals, flowsSeen, latencies };
}

// ---- 2. simulator and Chromium --------------------------------------------------------------
const SIM_SOCKET = '/tmp/switchyard-bench-traffic-sim.sock';
const PROC = '/tmp/switchyard-bench-proc';
const PID_BASE = 400_000;
const hex4 = (ip) => ip.split('.').map(Number).reverse().map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
const hexPort = (p) => p.toString(16).padStart(4, '0').toUpperCase();
const row = (i, la, lp, ra, rp, st, inode) => `  ${i}: ${hex4(la)}:${hexPort(lp)} ${hex4(ra)}:${hexPort(rp)} ${st} 00000000:00000000 00:00000000 00000000     0        0 ${inode} 1 0000000000000000 100 0 0 10 0`;
const SNMP = readFileSync('lib/host/fixtures/bench-client.snmp.txt', 'latin1');
const SNMP6 = readFileSync('lib/host/fixtures/bench-client.snmp6.txt', 'latin1');
const HEAD = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';

function simGet(path) {
  return new Promise((resolve, reject) => http.get({ socketPath: SIM_SOCKET, path }, (res) => { let b = ''; res.on('data', (c) => { b += c; }); res.on('end', () => resolve(JSON.parse(b))); }).on('error', reject));
}

/** The generated /proc: per container, its net tables with FLOWS flows among them (5 % failing). */
async function makeProc() {
  const list = await simGet('/containers/json');
  const ctrs = list.map((c) => ({ pid: 0, id: c.Id, nets: Object.values(c.NetworkSettings.Networks).map((n) => ({ net: n.NetworkID, ip: n.IPAddress })) }));
  await pool(ctrs, 16, async (c) => { c.pid = (await simGet(`/containers/${c.id}/json`)).State.Pid; });
  const byNet = new Map();
  for (const c of ctrs) for (const n of c.nets) byNet.set(n.net, [...(byNet.get(n.net) ?? []), { c, ip: n.ip }]);
  const tables = new Map(ctrs.map((c) => [c.pid, { rows: [], listen: new Set() }]));
  let inode = 1000;
  for (let k = 0; k < FLOWS; k++) {
    const c = ctrs[k % ctrs.length];
    const home = c.nets[0];
    const members = byNet.get(home.net);
    const failing = k % 20 === 0;
    const port = 6000 + (k % 7);
    const sport = 30000 + (k % 30000);
    if (failing) {
      const other = ctrs[(k * 31 + 7) % ctrs.length];
      tables.get(c.pid).rows.push([home.ip, sport, other.nets[0].ip, port, '02', inode++]);
      continue;
    }
    const s = members[(members.findIndex((m) => m.c === c) + 1 + Math.floor(k / ctrs.length)) % members.length];
    if (s.c === c) continue;
    tables.get(c.pid).rows.push([home.ip, sport, s.ip, port, '01', inode++]);
    tables.get(s.c.pid).listen.add(port);
  }
  rmSync(PROC, { recursive: true, force: true });
  for (const c of ctrs) {
    const t = tables.get(c.pid);
    mkdirSync(`${PROC}/${c.pid}/net`, { recursive: true });
    const lines = [HEAD, ...[...t.listen].map((p, i) => row(i, '0.0.0.0', p, '0.0.0.0', 0, '0A', inode++)), ...t.rows.map((r, i) => row(i + t.listen.size, ...r))];
    writeFileSync(`${PROC}/${c.pid}/net/tcp`, `${lines.join('\n')}\n`);
    for (const f of ['tcp6', 'udp', 'udp6']) writeFileSync(`${PROC}/${c.pid}/net/${f}`, `${HEAD}\n`);
    // Connection counters as a real namespace has them (they do not move here: nothing changes).
    writeFileSync(`${PROC}/${c.pid}/net/snmp`, SNMP);
    writeFileSync(`${PROC}/${c.pid}/net/snmp6`, SNMP6);
  }
  return ctrs.length;
}

async function sim() {
  const simProc = spawn(process.execPath, ['scripts/sim/sim-engine.mjs', '--socket', SIM_SOCKET, '--containers', String(SIM_N), '--networks', String(Math.round(SIM_N / 33)), '--pid-base', String(PID_BASE)], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !existsSync(SIM_SOCKET); i++) await sleep(100);
  await makeProc();
  const app = await startApp(3196, { DOCKER_HOST: `unix://${SIM_SOCKET}`, SWITCHYARD_PROC: PROC });
  const t = await (await fetch(`${app.url}/api/traffic`)).json();
  log(`simulated: ${t.flows.length} flows (${t.flows.filter((f) => f.state === 'no-answer').length} failing), read in ${t.readMs} ms`);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.addInitScript(INIT);
  await page.goto(app.url);
  await page.waitForFunction(() => { const g = document.querySelector('[data-testid=graph]'); return g?.getAttribute('data-complete') === '1'; }, null, { timeout: 120_000 });
  await sleep(2000);
  const flowEdges = () => page.evaluate(() => window.cy.edges('[kind = "flow"]').length);
  const toggles = [];
  // From the click as the page gets it (not from Playwright's call, which first waits for the box to be still).
  await page.evaluate(() => document.addEventListener('click', () => { window.__clickAt = performance.now(); }, true));
  const clickedAt = () => page.evaluate(() => window.__clickAt);
  for (let k = 0; k < 3; k++) {
    await page.getByTestId('toggle-traffic').click();
    const t0 = await clickedAt();
    // Checked at each frame; the frame that has them drawn is when they are on screen.
    await page.waitForFunction(() => { if (window.cy.edges('[kind = "flow"]').length === 0) return false; window.__seenAt = performance.now(); return true; }, null, { timeout: 30_000, polling: 'raf' });
    const on = await page.evaluate(() => window.__seenAt) - t0;
    const edges = await flowEdges();
    const { pan, zoom } = await panAndZoom(page);
    await page.getByTestId('toggle-traffic').click();
    const t1 = await clickedAt();
    await page.waitForFunction(() => { if (window.cy.edges('[kind = "flow"]').length > 0) return false; window.__seenAt = performance.now(); return true; }, null, { timeout: 30_000, polling: 'raf' });
    const off = await page.evaluate(() => window.__seenAt) - t1;
    toggles.push({ on, off, edges, pan, zoom });
    log(`toggle on ${r1(on)} ms (${edges} flow edges drawn), off ${r1(off)} ms; pan median ${r1(pct(pan, 0.5))} ms`);
    await sleep(1500);
  }
  const nodes = await page.evaluate(() => window.cy.nodes().length);
  await browser.close();
  app.stop();
  simProc.kill();
  rmSync(PROC, { recursive: true, force: true });
  return { containers: SIM_N, flows: t.flows.length, failing: t.flows.filter((f) => f.state === 'no-answer').length, readMs: t.readMs, nodes, toggles };
}

const realRs = [];
for (const t of opts['no-real'] ? [] : opts.tables.split(',')) { const r = await real(t === 'own'); if (r) realRs.push(r); }
const simR = opts['no-sim'] ? null : await sim();

const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB`;
const made = `Made by \`npm run bench:traffic\` (scripts/bench-traffic.mjs, also run by \`npm run bench\`) on ${new Date().toISOString().slice(0, 10)}: ${machine}.`;
const realLines = { shared: [], own: [] };
for (const realR of realRs) {
  const cost = realR.watching - realR.idle;
  const lat = realR.latencies;
  realLines[realR.own ? 'own' : 'shared'].push(realR.own
    ? `Real engine, containers with TCP tables of their own (made while \`net.ipv4.tcp_child_ehash_entries=1024\`, Linux 6.1+; \`scripts/lab.sh\` makes the lab's so): ${realR.n} containers (${realR.pairs} clients each holding a connection to one of ${realR.pairs} servers, on 4 networks), read at the default interval (2 s) while one event-stream client watches. ${made}`
    : `Real engine, containers sharing the host's TCP table (the kernel's default: ${existsSync('/proc/sys/net/ipv4/tcp_ehash_entries') ? readFileSync('/proc/sys/net/ipv4/tcp_ehash_entries', 'utf8').trim() : '?'} buckets here, walked in full by each read of a namespace's tcp and tcp6): the same ${realR.n} containers, one event-stream client asking for 2 s. ${made}`, '',
    '| measure | figure |', '| --- | --- |',
    `| server CPU (the app and its \`conntrack -E\`): not watched / watched | ${r1(realR.idle * 100)} % / ${r1(realR.watching * 100)} % of one core |`,
    `| **cost of reading** (watched less not watched) | **${r1(cost * 100)} % of one core** (target ≤ 5 %: ${cost <= 0.05 ? 'met' : '**missed**'}) |`,
    `| one read of every namespace: wall (\`readMs\`) / CPU (\`cpuMs\`), median | ${r1(pct(realR.reads, 0.5))} / ${r1(pct(realR.cpus, 0.5))} ms |`,
    `| interval in force (\`intervalMs\`) | ${[...new Set(realR.intervals)].map((x) => `${x / 1000} s`).join(', ')}${realR.own ? '' : ' (stretched to keep reading within 5 % of one core; the answer says why)'} |`,
    `| flows in the first answer | ${realR.flowsSeen} |`,
    ...(lat.length ? [`| a new connection, from established (seen in the client's own /proc) to its patch on the event stream: median / max of ${lat.length} | ${r1(pct(lat, 0.5))} / **${r1(Math.max(...lat))} ms** (target ≤ interval + 200 ms = 2,200 ms: ${Math.max(...lat) <= 2200 ? 'met' : '**missed**'}) |`] : []), '');
}
const simLines = [];
if (simR) {
  const on = simR.toggles.map((t) => t.on), off = simR.toggles.map((t) => t.off), pan = simR.toggles.flatMap((t) => t.pan), zoom = simR.toggles.flatMap((t) => t.zoom);
  simLines.push(`Simulator: ${simR.containers} containers with ${simR.flows} flows (${simR.failing} failing) in a generated /proc (one read: ${simR.readMs} ms), the page in Chromium (1600 × 1000, the view it opens with: largest groups folded, ${simR.nodes} nodes; the layer draws ${simR.toggles[0]?.edges} flow edges, flows into a folded group merged). ${made}`, '',
    '| measure | figure |', '| --- | --- |',
    `| layer on: click (as the page gets it) to the frame with its edges drawn (the event stream reconnects, the server answers from its last read or reads): each of ${on.length} | ${on.map(r1).join(', ')} ms (target < 300 ms: ${Math.max(...on) < 300 ? 'met' : '**missed**'}) |`,
    `| layer off: click to the frame without its edges | ${off.map(r1).join(', ')} ms (${Math.max(...off) < 300 ? 'met' : '**missed**'}) |`,
    `| pan with the layer on: median / p95 frame | **${r1(pct(pan, 0.5))}** / ${r1(pct(pan, 0.95))} ms (${pan.length} frames; target median ≤ 16.7 ms: ${pct(pan, 0.5) <= 16.7 ? 'met' : '**missed**'}) |`,
    `| zoom with the layer on: median / p95 frame | ${r1(pct(zoom, 0.5))} / ${r1(pct(zoom, 0.95))} ms |`, '');
}
// Each part keeps its own markers: a run of one part leaves the other's figures as they were.
let doc = existsSync(opts.out) ? readFileSync(opts.out, 'utf8') : '# Benchmarks\n';
if (!doc.includes('<!-- traffic:start -->')) doc = `${doc.trimEnd()}\n\n<!-- traffic:start -->\n## The Traffic layer\n\n<!-- traffic-shared:start -->\n<!-- traffic-shared:end -->\n\n<!-- traffic-own:start -->\n<!-- traffic-own:end -->\n\n<!-- traffic-sim:start -->\n<!-- traffic-sim:end -->\n<!-- traffic:end -->\n`;
const put = (name, lines) => {
  if (!lines.length) return;
  const re = new RegExp(`<!-- ${name}:start -->[\\s\\S]*?<!-- ${name}:end -->`);
  doc = doc.replace(re, `<!-- ${name}:start -->\n${lines.join('\n')}\n<!-- ${name}:end -->`);
};
put('traffic-shared', realLines.shared);
put('traffic-own', realLines.own);
put('traffic-sim', simLines);
writeFileSync(opts.out, doc);
console.log([...realLines.shared, ...realLines.own, ...simLines].join('\n'));
process.exit(0);
