#!/usr/bin/env node
// The graph's speed in real Chromium: a benchmark, not a test. For each size it starts the
// large-host simulator (scripts/sim/sim-engine.mjs) and the built app against it, opens the
// page in a fresh browser context and measures
//   - navigation -> interactive graph (nodes drawn, fitted, and a frame painted after that),
//   - the longest main-thread task (PerformanceObserver 'longtask'), before and after that,
//   - frame times (requestAnimationFrame intervals) while panning with the mouse and zooming
//     with the wheel, median and p95,
// with the canvas renderer and the WebGL one (?renderer=), on the view the page opens with
// (largest groups folded past a readable size) and with every group unfolded ("Unfold all").
// Then the seed lab on the real engine: time to first nodes, and the smallest label on screen.
// Writes its section of docs/benchmarks.md (between the bench-ui markers).
//
// Then the picture (scripts/lib/picture-bench): labels out of their nodes, labels over nodes and
// over each other, edge crossings and the share of the graph area used, at the lab's first view,
// a Swarm grouped by service and 400 simulated containers; with `--before DIR`, also for the
// build in DIR (another checkout, built), side by side. Its own section (picture markers).
//
//   npm run bench:ui [-- --sizes 500x20,2000x50,5000x100] [--renderers canvas,webgl] [--no-lab] [--no-unfold]
//                    [--picture-only] [--no-picture] [--before DIR] [--shots DIR]
// Needs the built app (npm run build) and Chromium; the lab part needs `npm run lab`, the
// Swarm scene root (it starts the tests' second engine, scripts/lab.sh engine2).
import { spawn } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { startApp } from './lib/bench-harness.mjs';
import { frames, INIT, longestTask, panAndZoom } from './lib/ui-measure.mjs';
import { measurePictures, PICTURE_HEAD, pictureRows } from './lib/picture-bench.mjs';

const { values: opts } = parseArgs({
  options: {
    sizes: { type: 'string', default: '500x20,2000x50,5000x100' },
    renderers: { type: 'string', default: 'canvas,webgl' },
    'no-lab': { type: 'boolean', default: false },
    'no-unfold': { type: 'boolean', default: false },
    out: { type: 'string', default: 'docs/benchmarks.md' },
    'picture-only': { type: 'boolean', default: false },
    'no-picture': { type: 'boolean', default: false },
    before: { type: 'string' },
    shots: { type: 'string' },
  },
});
const SIZES = opts.sizes.split(',').map((s) => s.split('x').map(Number));
const RENDERERS = opts.renderers.split(',');
const LAB = !opts['no-lab'];
const UNFOLD = !opts['no-unfold'];
const OUT = opts.out;
const SOCKET = '/tmp/switchyard-bench-ui-sim.sock';
const PORT = 3195;
const VIEWPORT = { width: 1600, height: 1000 };

const pct = (xs, p) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const r1 = (x) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : 'n/a');

/**
 * The machine's CPU counters (/proc/stat), to tell what share of the CPU the hypervisor took
 * ("steal") while something was measured: a long task is wall time, and on a virtual machine
 * whose CPUs are shared a task of 60 ms of work can take 200 ms when they are taken away.
 */
function cpuTimes() {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return { total: f.slice(0, 8).reduce((a, b) => a + b, 0), steal: f[7] ?? 0, idle: (f[3] ?? 0) + (f[4] ?? 0) };
  } catch { return null; }
}
const stealShare = (a, b) => (a && b && b.total > a.total ? (b.steal - a.steal) / (b.total - a.total) : NaN);
const pc = (x) => (Number.isFinite(x) ? `${Math.round(x * 100)} %` : 'n/a');

function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // No GPU here: WebGL runs in SwiftShader (software), which this flag allows.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/**
 * When the server-drawn first view was on screen, or null without one: the first contentful
 * paint when it was already in the page then, else the frame after the one that painted it.
 */
const firstNodes = () => {
  const p = window.__switchyardPreview;
  if (!p) return null;
  const fcp = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime;
  return fcp !== undefined && p.parsed <= fcp ? fcp : p.at;
};

async function openGraph(context, url) {
  const page = await context.newPage();
  await page.addInitScript(INIT);
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__switchyardGraph, null, { timeout: 120_000, polling: 50 });
  // Interactive: the graph is drawn and the page paints a frame after that.
  const interactive = await page.evaluate(() => new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(() => res(performance.now())))));
  // First nodes on screen: the server-drawn first view (components/graph/preview-svg), when the
  // page had one; else the graph itself.
  const preview = await page.evaluate(firstNodes);
  return { page, interactive, preview, wall: Date.now() - t0 };
}


/**
 * The pointer moved across the graph with no button held, as a person looks around: each move
 * is Cytoscape's hit test (what is under the pointer). Frame times, and the longest task.
 */
async function hover(page) {
  const box = await page.getByTestId('graph').boundingBox();
  const t = await page.evaluate(() => performance.now());
  const f = await frames(page, async () => {
    await page.mouse.move(box.x + 30, box.y + box.height / 2);
    await page.mouse.move(box.x + box.width - 30, box.y + box.height / 2, { steps: 60 });
    await page.mouse.move(box.x + box.width / 2, box.y + 30, { steps: 30 });
    await page.mouse.move(box.x + box.width / 2, box.y + box.height - 30, { steps: 30 });
  });
  return { frames: f, longest: await longestTask(page, t) };
}

const log = (...a) => console.error('[bench:ui]', ...a);

async function measure(browser, url) {
  log('open', url);
  const context = await browser.newContext({ viewport: VIEWPORT });
  const { page, interactive, preview, wall } = await openGraph(context, url);
  const info = await page.evaluate(() => ({
    nodes: window.cy.nodes().length, edges: window.cy.edges().length,
    renderer: window.__switchyardGraph.renderer, ready: window.__switchyardGraph.readyAt,
    folded: document.querySelector('[data-testid=fold-banner]') ? document.querySelector('[data-testid=fold-banner]').textContent : '',
  }));
  log('interactive', Math.round(interactive), 'ms;', info.nodes, 'nodes');
  const longBefore = await longestTask(page, 0, interactive);
  const folded = await panAndZoom(page);
  const out = { url, interactive, preview, wall, ...info, longBefore, folded };
  // Every group unfolded: the whole host on screen.
  const unfold = page.getByRole('button', { name: 'Unfold all' });
  // Software WebGL (no GPU here) takes tens of seconds for thousands of nodes: only canvas unfolds.
  if (UNFOLD && info.renderer === 'canvas' && await unfold.count()) {
    log('unfold all');
    // The first view drawn to its end first: a first view still in passes (a slow first visit)
    // would end after the click, with more nodes than before and every pass done, and be taken
    // for the end of the unfold (one run did: "574 nodes in 371 ms").
    await page.waitForFunction(() => document.querySelector('[data-testid=graph]')?.getAttribute('data-complete') === '1', null, { timeout: 60_000, polling: 50 });
    const before = await page.evaluate(() => window.cy.nodes().length);
    const t = await page.evaluate(() => performance.now());
    const cpu0 = cpuTimes();
    out.longAfterView = await longestTask(page, interactive, t);
    await unfold.click();
    // Large additions are drawn in passes a frame apart: wait for the last.
    await page.waitForFunction((n) => window.cy.nodes().length > n && document.querySelector('[data-testid=graph]')?.getAttribute('data-complete') === '1', before, { timeout: 180_000, polling: 100 });
    const done = await page.evaluate(() => new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(() => res(performance.now())))));
    // What follows the last pass (the positions saved, the list's last rows, the final frames)
    // is part of it: long tasks are counted once that has settled, all from the same list.
    await page.waitForTimeout(1500);
    out.unfold = {
      ms: done - t,
      nodes: await page.evaluate(() => window.cy.nodes().length),
      edges: await page.evaluate(() => window.cy.edges().length),
      longest: await longestTask(page, t),
      over200: await page.evaluate((from) => window.__bench.longtasks.filter((l) => l.start >= from && l.ms > 200).length, t),
      over100: await page.evaluate((from) => window.__bench.longtasks.filter((l) => l.start >= from && l.ms > 100).length, t),
      steal: stealShare(cpu0, cpuTimes()),
    };
    // Looked up in its toolbar: a page-wide role query computes the accessible name of every
    // button in the list (thousands of rows, most not rendered: content-visibility), for seconds.
    const t2 = await page.evaluate(() => performance.now());
    await page.getByRole('toolbar', { name: 'Graph view' }).getByRole('button', { name: 'Fit' }).click();
    await page.waitForTimeout(300);
    out.unfolded = await panAndZoom(page);
    // The whole host fitted, then panned and zoomed: its longest task.
    out.unfolded.longest = await longestTask(page, t2);
    log('hover');
    out.unfolded.hover = await hover(page);
  }
  out.longAfter = await longestTask(page, interactive);
  out.longAfterView ??= out.longAfter;
  // A return visit: a new tab in the same browser (its cache warm), the view it opens with.
  await page.close();
  await context.clearCookies();
  await context.addInitScript(() => { try { localStorage.clear(); } catch { /* none */ } });
  const again = await openGraph(context, url);
  out.returnVisit = {
    interactive: again.interactive,
    preview: again.preview,
    longAfter: await again.page.waitForTimeout(1500).then(() => longestTask(again.page, again.interactive)),
  };
  log('return visit interactive', Math.round(again.interactive), 'ms');
  await context.close();
  return out;
}

function startSim(n, m) {
  rmSync(SOCKET, { force: true });
  const sim = spawn(process.execPath, ['scripts/sim/sim-engine.mjs', '--socket', SOCKET, '--containers', String(n), '--networks', String(m)], { stdio: ['ignore', 'pipe', 'inherit'] });
  process.on('exit', () => { try { sim.kill('SIGTERM'); } catch { /* gone */ } });
  return new Promise((resolve) => sim.stdout.once('data', () => resolve(sim)));
}

async function waitLive(url) {
  for (let i = 0; i < 600; i++) {
    const h = await fetch(`${url}/api/health`).then((r) => r.json()).catch(() => null);
    if (h?.store?.state === 'live') return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the store did not go live');
}

const rows = [];
const browser = await launch();
if (!opts['no-picture']) await pictures();
if (opts['picture-only']) {
  await browser.close();
  process.exit(0);
}
for (const [n, m] of SIZES) {
  const sim = await startSim(n, m);
  const app = await startApp(PORT, { DOCKER_HOST: `unix://${SOCKET}` });
  await waitLive(app.url);
  // Warm the server (first requests load route code); the figures are from fresh contexts.
  await measure(browser, `${app.url}/?renderer=canvas`).catch(() => null);
  for (const renderer of RENDERERS) {
    const r = await measure(browser, `${app.url}/?renderer=${renderer}`);
    console.log(JSON.stringify({ n, m, renderer, ...r, folded: undefined, unfolded: undefined }));
    rows.push({ n, m, renderer: r.renderer, asked: renderer, r });
  }
  app.stop();
  sim.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
}

let lab = null;
if (LAB) {
  const app = await startApp(PORT);
  await waitLive(app.url);
  await measure(browser, `${app.url}/?renderer=canvas`).catch(() => null);
  lab = [];
  for (const renderer of RENDERERS) {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    await page.addInitScript(INIT);
    await page.goto(`${app.url}/?renderer=${renderer}`, { waitUntil: 'commit' });
    await page.waitForFunction(() => (window.cy?.nodes().length ?? 0) > 0 && window.__switchyardGraph, null, { polling: 10 });
    const ready = await page.evaluate(() => window.__switchyardGraph.readyAt);
    const preview = await page.evaluate(firstNodes);
    const first = preview ?? ready;
    const px = await page.evaluate(() => {
      const cy = window.cy;
      const sizes = cy.nodes().filter((x) => !x.isParent() && ['container', 'network'].includes(x.data('kind'))).map((x) => parseFloat(x.style('font-size')) * cy.zoom());
      return { min: Math.min(...sizes), nodes: cy.nodes().length, containers: cy.nodes('[kind = "container"]').length };
    });
    lab.push({ renderer, first, preview, ready, ...px });
    console.log(JSON.stringify(lab.at(-1)));
    await context.close();
  }
  app.stop();
}
await browser.close();

// ---- the report ----------------------------------------------------------------------------
const ms = (x) => `${r1(x)} ms`;
const fr = (xs) => `${r1(pct(xs, 50))} / ${r1(pct(xs, 95))} ms (${xs.length} frames)`;
const table = [];
table.push('| containers / networks | renderer | nodes drawn (edges) | navigation → first nodes on screen (server-drawn): first / return visit | navigation → interactive graph: first visit / return visit | longest task before / after interactive (first visit, before "Unfold all") | pan: median / p95 frame | zoom: median / p95 frame |');
table.push('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const { n, m, renderer, r } of rows) {
  table.push(`| ${n} / ${m} | ${renderer} | ${r.nodes} (${r.edges}) | ${r.preview === null ? 'none' : ms(r.preview)} / ${r.returnVisit.preview === null ? 'none' : ms(r.returnVisit.preview)} | ${ms(r.interactive)} / **${ms(r.returnVisit.interactive)}** | ${ms(r.longBefore)} / ${ms(r.longAfterView)} | ${fr(r.folded.pan)} | ${fr(r.folded.zoom)} |`);
}
const unfolded = [];
unfolded.push('| containers / networks | renderer | nodes drawn (edges) | "Unfold all" until every pass is painted (longest task; tasks over 200 ms; over 100 ms) | CPU taken by the host meanwhile (steal) | pan: median / p95 frame | zoom: median / p95 frame | longest task of "Fit", pan and zoom | pointer moved across it, no button: median / p95 frame (longest task) |');
unfolded.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const { n, m, renderer, r } of rows) {
  if (!r.unfold) continue;
  unfolded.push(`| ${n} / ${m} | ${renderer} | ${r.unfold.nodes} (${r.unfold.edges}) | ${ms(r.unfold.ms)} (${ms(r.unfold.longest)}; ${r.unfold.over200}; ${r.unfold.over100}) | ${pc(r.unfold.steal)} | ${fr(r.unfolded.pan)} | ${fr(r.unfolded.zoom)} | ${ms(r.unfolded.longest)} | ${r.unfolded.hover ? `${fr(r.unfolded.hover.frames)} (${ms(r.unfolded.hover.longest)})` : '-'} |`);
}
const verdicts = [];
for (const { n, renderer, r } of rows.filter((x) => x.n === 5000)) {
  const pm = pct(r.folded.pan, 50), pp = pct(r.folded.pan, 95);
  const rv = r.returnVisit.interactive;
  verdicts.push(`- 5,000 containers, ${renderer}: interactive ${ms(rv)} on a return visit, ${ms(r.interactive)} on a first visit (target < 3 s: ${rv < 3000 ? 'met' : '**missed**'} on a return visit, ${r.interactive < 3000 ? 'met' : '**missed**'} on a first); pan median ${ms(pm)} (< 33 ms: ${pm < 33 ? 'met' : '**missed**'}), p95 ${ms(pp)} (< 50 ms: ${pp < 50 ? 'met' : '**missed**'}); longest task after interactive on the view it opens with (pan, zoom) ${ms(r.longAfterView)} (no task over 200 ms: ${r.longAfterView <= 200 ? 'met' : '**missed**'})${r.unfold ? `; during "Unfold all" of every container ${ms(r.unfold.longest)} (${r.unfold.longest <= 200 ? 'met' : '**missed**'}); fitting, panning and zooming all of it ${ms(r.unfolded.longest)} (${r.unfolded.longest <= 200 ? 'met' : '**missed**'})` : ''}`);
  void n;
}
if (lab) {
  for (const l of lab) verdicts.push(`- seed lab (${l.containers} containers, ${l.nodes} nodes), ${l.renderer}: first nodes ${ms(l.first)} after navigation (${l.preview === null ? 'drawn by Cytoscape' : `the server-drawn first view; Cytoscape interactive at ${ms(l.ready)}`}) (target < 1 s: ${l.first < 1000 ? 'met' : '**missed**'}); smallest container or network label on screen at first view ${r1(l.min)} px (≥ 11 px: ${l.min >= 11 ? 'met' : '**missed**'})`);
}

const section = `<!-- bench-ui:start -->
## The graph in Chromium (\`npm run bench:ui\`)

Made by \`npm run bench:ui\` (scripts/bench-ui.mjs) on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB,
Debian's Chromium (headless, ${VIEWPORT.width}x${VIEWPORT.height}), the built app against the large-host simulator
(every container running; every 5th on a second network; every 7th in one of 50 compose projects).
"First visit" is a fresh browser context (no HTTP cache, nothing compiled), after one warm-up
load of the server; "return visit" is a new tab in that browser afterwards (cache warm, local
storage cleared so the page lays out afresh). Frames and long tasks are from the first visit. This machine has no GPU:
"webgl" is Cytoscape's WebGL renderer drawing through SwiftShader (software GL), which is why
the page itself picks canvas here (it prefers WebGL only on a hardware GL driver); on a machine
with a GPU, WebGL moves the drawing off the CPU.
Frames: intervals between requestAnimationFrame callbacks while Playwright drags the graph's
background (3 drags, 100 mouse moves each) and turns the wheel 16 times; 16.7 ms is a full 60 fps.
"First nodes on screen" is when the server-drawn first view (in the page's HTML) was on screen:
the first contentful paint if it was in the page by then, else the start of the frame after
one that painted it. "Interactive" is when Cytoscape has drawn
and fitted the graph and painted a frame after that. "Longest task after" covers panning and
zooming the view the page opens with; "Unfold all" (every container drawn, in passes a frame apart,
each sized to take about 30 ms) is in its own table.

### The view the page opens with

${table.join('\n')}

### Every group unfolded (the whole host at once)

${unfolded.join('\n')}

### Against the targets

${verdicts.join('\n')}
<!-- bench-ui:end -->
`;
const doc = existsSync(OUT) ? readFileSync(OUT, 'utf8') : '# Benchmarks\n';
const re = /<!-- bench-ui:start -->[\s\S]*?<!-- bench-ui:end -->\n?/;
writeFileSync(OUT, re.test(doc) ? doc.replace(re, section) : `${doc.trimEnd()}\n\n${section}`);
console.log(section);
process.exit(0);

/** The picture's section of OUT: this build, and the one in --before if given. */
async function pictures() {
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const table = [];
  if (opts.before) {
    log('picture: the build in', opts.before);
    table.push(...pictureRows('before', await measurePictures(browser, { appDir: opts.before, shots: opts.shots ? `${opts.shots}/before` : null })));
  }
  log('picture: this build');
  if (opts.shots) mkdirSync(`${opts.shots}/after`, { recursive: true });
  if (opts.shots && opts.before) mkdirSync(`${opts.shots}/before`, { recursive: true });
  table.push(...pictureRows(opts.before ? 'after' : 'this build', await measurePictures(browser, { shots: opts.shots ? `${opts.shots}/after` : null })));
  const section = `<!-- picture:start -->
## The picture (\`npm run bench:ui\`, ${when} UTC, Chromium 1600x1000)

Counted from Cytoscape's own boxes (lib/graph/picture-metrics, \`window.__switchyardPicture()\`):
a node label that extends past its node (groups' titles, above their boxes by design, left
out); a label, of a node or an edge, over a node that is not its own (an edge's own ends
left out); pairs of labels over each other; pairs of edges that cross (sharing no node); the
share of the graph area's width and height the fitted drawing spans. Edge labels with no clear
spot are tucked (shown on hover, with a selection, and closer than zoom 1.5). The e2e tests hold
the lab's first view and the Swarm grouping to 0, 0, 0 and at least 70 % × 50 %.

${PICTURE_HEAD}
${table.join('\n')}
<!-- picture:end -->
`;
  const doc = existsSync(OUT) ? readFileSync(OUT, 'utf8') : '# Benchmarks\n';
  const re = /<!-- picture:start -->[\s\S]*?<!-- picture:end -->\n?/;
  writeFileSync(OUT, re.test(doc) ? doc.replace(re, section) : `${doc.trimEnd()}\n\n${section}`);
  console.log(section);
}
