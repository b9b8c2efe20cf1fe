#!/usr/bin/env node
// What reading the host's side costs (`npm run bench:host`): the firewall read that every
// verdict waits for at most once per 2 s (its commands' CPU, and the first verdict after the
// cache ran out against one inside it), with the lab's rules and with 1,000 more rules in
// DOCKER-USER (inserted with iptables-restore --noflush, matching only 198.18.0.0/15, the
// benchmarking range, removed at the end and checked), and GET /api/exposure and
// GET /api/addresses. Needs the built app, the lab (npm run lab; root). Writes its section of
// docs/benchmarks.md (host markers).
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startApp } from './lib/bench-harness.mjs';

const { values: opts } = parseArgs({ options: { runs: { type: 'string', default: '30' }, rules: { type: 'string', default: '1000' }, out: { type: 'string', default: 'docs/benchmarks.md' } } });
const RUNS = Number(opts.runs);
const COMMENT = 'switchyard-bench-rule';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const ms = (x) => `${x.toFixed(1)} ms`;

/** CPU (user+sys of the children) and wall time of one read of the firewall's commands. */
function commandsCost(n = 20) {
  // As lib/host/firewall reads them: legacy only where the kernel lists legacy tables.
  const legacy = (f) => { try { return readFileSync(`/proc/net/${f}_tables_names`, 'utf8').trim().length > 0; } catch { return false; } };
  const tools = ['iptables-nft-save', 'iptables-legacy-save', 'ip6tables-nft-save', 'ip6tables-legacy-save', 'nft -j list ruleset']
    .filter((t) => !t.includes('legacy') || legacy(t.startsWith('ip6') ? 'ip6' : 'ip'))
    .filter((t) => spawnSync('sh', ['-c', `command -v ${t.split(' ')[0]}`]).status === 0);
  const script = `s=$(date +%s%N); for i in $(seq ${n}); do ${tools.map((t) => `${t} >/dev/null 2>&1`).join('; ')}; done; e=$(date +%s%N); echo $(( (e - s) / 1000 )); times`;
  const out = execFileSync('bash', ['-c', script], { encoding: 'utf8' }).trim().split('\n');
  const wallUs = Number(out[0]);
  const [u, s] = out[2].trim().split(/\s+/).map((x) => { const m = /(\d+)m([\d.]+)s/.exec(x); return Number(m[1]) * 60 + Number(m[2]); });
  return { tools, wall: wallUs / 1000 / n, cpu: ((u + s) * 1000) / n };
}

async function timeGet(url) {
  const t = performance.now();
  const r = await fetch(url);
  await r.arrayBuffer();
  if (r.status !== 200) throw new Error(`${url}: ${r.status}`);
  return performance.now() - t;
}

async function verdicts(app) {
  const url = `${app.url}/api/reachability?from=tomcat-net-02&to=tomcat-net-01&port=8080`;
  await timeGet(url);
  const cold = [], warm = [];
  for (let i = 0; i < RUNS; i++) {
    await sleep(2_100); // past the firewall cache: this verdict reads the rules
    cold.push(await timeGet(url));
    warm.push(await timeGet(url)); // inside it
  }
  return { cold, warm };
}

async function gets(app, path) {
  await timeGet(`${app.url}${path}`);
  const xs = [];
  for (let i = 0; i < RUNS; i++) xs.push(await timeGet(`${app.url}${path}`));
  return xs;
}

function addRules(n) {
  const lines = ['*filter'];
  for (let i = 0; i < n; i++) lines.push(`-I DOCKER-USER 1 -s 198.18.${Math.floor(i / 250)}.${i % 250}/32 -d 198.19.0.0/16 -p tcp --dport ${1000 + i} -m comment --comment ${COMMENT} -j DROP`);
  lines.push('COMMIT', '');
  execFileSync('iptables-restore', ['--noflush', '-w', '5'], { input: lines.join('\n') });
}
function removeRules() {
  const save = execFileSync('iptables-save', ['-t', 'filter'], { encoding: 'utf8' });
  const kept = save.split('\n').filter((l) => !l.includes(COMMENT)).join('\n');
  if (kept !== save) {
    // Delete ours only: each by its own spec, from the saved text (no flush of anyone else's rules).
    const ours = save.split('\n').filter((l) => l.startsWith('-A ') && l.includes(COMMENT)).map((l) => l.replace(/^-A /, '-D '));
    execFileSync('iptables-restore', ['--noflush', '-w', '5'], { input: ['*filter', ...ours, 'COMMIT', ''].join('\n') });
  }
  if (execFileSync('iptables-save', ['-t', 'filter'], { encoding: 'utf8' }).includes(COMMENT)) throw new Error('bench rules left behind');
}

const rulesNow = () => execFileSync('iptables-save', ['-t', 'filter'], { encoding: 'utf8' }).split('\n').filter((l) => l.startsWith('-A ')).length;
const lines = [];
const say = (l) => { console.log(l); lines.push(l); };
const app = await startApp(3196);
removeRules();
try {
  const base = commandsCost();
  say(`Measured ${new Date().toISOString().slice(0, 10)} on the lab (${rulesNow()} iptables filter rules), ${RUNS} runs each: \`node scripts/bench-host.mjs\`.`);
  say('');
  say('| what | lab rules | +' + opts.rules + ' DOCKER-USER rules |');
  say('| --- | --- | --- |');
  const v1 = await verdicts(app);
  const e1 = await gets(app, '/api/exposure');
  addRules(Number(opts.rules));
  const big = commandsCost();
  const v2 = await verdicts(app);
  const e2 = await gets(app, '/api/exposure');
  removeRules();
  const a1 = await gets(app, '/api/addresses');
  say(`| one read of the firewall's commands (${base.tools.join(', ')}): wall / CPU | ${ms(base.wall)} / ${ms(base.cpu)} | ${ms(big.wall)} / ${ms(big.cpu)} |`);
  say(`| a verdict (GET /api/reachability, port asked) after the cache ran out, median / p95 | ${ms(pct(v1.cold, 0.5))} / ${ms(pct(v1.cold, 0.95))} | ${ms(pct(v2.cold, 0.5))} / ${ms(pct(v2.cold, 0.95))} |`);
  say(`| the same inside the 2 s cache, median / p95 | ${ms(pct(v1.warm, 0.5))} / ${ms(pct(v1.warm, 0.95))} | ${ms(pct(v2.warm, 0.5))} / ${ms(pct(v2.warm, 0.95))} |`);
  say(`| GET /api/exposure, median / p95 | ${ms(pct(e1, 0.5))} / ${ms(pct(e1, 0.95))} | ${ms(pct(e2, 0.5))} / ${ms(pct(e2, 0.95))} |`);
  say(`| GET /api/addresses, median / p95 | ${ms(pct(a1, 0.5))} / ${ms(pct(a1, 0.95))} | — |`);
  say('');
  say(`The rules are read at most once per 2 s, and only when a verdict, an exposure or a failing flow asks: at the lab's rules a read costs ${ms(base.cpu)} of CPU, so even a page asking continuously costs under ${((base.cpu / 2000) * 100).toFixed(1)} % of one core. The parse is redone only when the commands' output changed (a checksum of it).`);
} finally {
  removeRules();
  app.stop();
}

let doc = readFileSync(opts.out, 'utf8');
if (!doc.includes('<!-- host:start -->')) doc = `${doc.trimEnd()}\n\n## The host's side: firewall, exposure, addresses\n\n<!-- host:start -->\n<!-- host:end -->\n`;
doc = doc.replace(/<!-- host:start -->[\s\S]*?<!-- host:end -->/, `<!-- host:start -->\n${lines.join('\n')}\n<!-- host:end -->`);
writeFileSync(opts.out, doc);
process.exit(0);
