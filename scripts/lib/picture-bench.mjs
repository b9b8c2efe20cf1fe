// The measure of the picture (lib/graph/picture-metrics, read by the page from Cytoscape's own
// boxes: window.__switchyardPicture) in real Chromium at 1600x1000, on the scenes people look
// at: the seed lab's first view (every scenario up: needs `npm run lab`), a Swarm grouped by
// service (a one-node swarm on the tests' second engine, made here and removed after: needs
// root), and 400 simulated containers folded as the page opens them and unfolded. With
// `shots`, a screenshot of each scene, light and dark. Used by `npm run bench:ui` (its picture
// section of docs/benchmarks.md) and by scripts/screenshots.mjs.
import { execFileSync, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { startApp } from './bench-harness.mjs';

const VIEWPORT = { width: 1600, height: 1000 };
const ENGINE2 = 'unix:///run/switchyard-fault/docker.sock';
const IMAGE = 'switchyard-lab/busybox:1';
const SERVE = "trap 'exit 0' TERM; while :; do sleep 3600 & wait $!; done";
const log = (...a) => console.error('[picture]', ...a);

const d2 = (...args) => execFileSync('docker', ['-H', ENGINE2, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 }).trim();

/** Opens a view and waits until it is drawn to its end and its edges arranged (or, in a build without that, a moment). */
async function settle(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid=graph]')?.getAttribute('data-complete') === '1', null, { timeout: 120_000, polling: 100 });
  await page.waitForFunction(() => document.querySelector('[data-testid=graph]')?.hasAttribute('data-arranged'), null, { timeout: 3_000, polling: 50 }).catch(() => {});
  await page.waitForTimeout(600);
}

async function scene(browser, url, name, opts) {
  const out = {};
  for (const scheme of opts.shots ? ['light', 'dark'] : ['light']) {
    const page = await browser.newPage({ viewport: VIEWPORT, colorScheme: scheme });
    await page.goto(url);
    await settle(page);
    if (scheme === 'light') out.folded = await page.evaluate(() => window.__switchyardPicture?.() ?? null);
    if (opts.shots) await page.screenshot({ path: `${opts.shots}/${name}-${scheme}.png` });
    if (opts.unfold) {
      const unfold = page.getByRole('button', { name: 'Unfold all' });
      if (await unfold.count()) {
        const before = await page.evaluate(() => window.cy.nodes().length);
        await unfold.click();
        await page.waitForFunction((n) => window.cy.nodes().length > n && document.querySelector('[data-testid=graph]')?.getAttribute('data-complete') === '1', before, { timeout: 180_000, polling: 100 });
        await page.getByRole('toolbar', { name: 'Graph view' }).getByRole('button', { name: 'Fit', exact: true }).click();
        await settle(page);
        if (scheme === 'light') out.unfolded = await page.evaluate(() => window.__switchyardPicture?.() ?? null);
        if (opts.shots) await page.screenshot({ path: `${opts.shots}/${name}-unfolded-${scheme}.png` });
      }
    }
    await page.close();
  }
  log(name, JSON.stringify(out));
  return out;
}

/** A one-node swarm on the second engine: two overlay networks, three services. Returns its undo. */
export async function makeSwarm() {
  execFileSync('bash', ['scripts/lab.sh', 'engine2', 'start'], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 90_000 });
  if (d2('info', '--format', '{{.Swarm.LocalNodeState}}') !== 'active') d2('swarm', 'init', '--advertise-addr', '127.0.0.1');
  try { d2('image', 'inspect', IMAGE); } catch {
    execFileSync('bash', ['-c', `docker save ${IMAGE} | docker -H ${ENGINE2} load`], { stdio: 'ignore', timeout: 120_000 });
  }
  const services = [['api', 3, ['shop-frontend', 'shop-backend']], ['web', 2, ['shop-frontend']], ['db', 1, ['shop-backend']]];
  const undo = () => {
    for (const [s] of services) try { d2('service', 'rm', s); } catch { /* gone */ }
    for (let i = 0; i < 60 && d2('ps', '-aq', '--filter', 'label=switchyard.picture=1'); i++) execFileSync('sleep', ['0.5']);
    for (const n of ['shop-frontend', 'shop-backend']) try { d2('network', 'rm', n); } catch { /* gone */ }
    try { d2('swarm', 'leave', '--force'); } catch { /* not in one */ }
    execFileSync('bash', ['scripts/lab.sh', 'engine2', 'stop'], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 60_000 });
  };
  try {
    d2('network', 'create', '-d', 'overlay', '--attachable', '--subnet', '10.237.1.0/24', 'shop-frontend');
    d2('network', 'create', '-d', 'overlay', '--attachable', '--subnet', '10.237.0.0/24', 'shop-backend');
    for (const [s, n, nets] of services) {
      d2('service', 'create', '--name', s, '--replicas', String(n), ...nets.flatMap((x) => ['--network', x]), '--container-label', 'switchyard.picture=1',
        '--dns', '127.0.0.1', '--detach=false', '-q', IMAGE, 'sh', '-c', SERVE);
    }
  } catch (err) {
    undo();
    throw err;
  }
  return undo;
}

/**
 * The picture of each scene: `{ lab, swarm, sim400 }`, each `{ folded, unfolded? }` as
 * lib/graph/picture-metrics' Picture (null where the build has no measure). `appDir` runs
 * another checkout's build; `shots` a directory for screenshots.
 */
export async function measurePictures(browser, { appDir = process.cwd(), shots = null, port = 3193, scenes = ['lab', 'swarm', 'sim400'] } = {}) {
  const out = {};
  if (scenes.includes('lab')) {
    const app = await startApp(port, {}, appDir);
    try { out.lab = await scene(browser, `${app.url}/`, 'lab', { shots }); } finally { app.stop(); }
  }
  if (scenes.includes('swarm')) {
    const undo = await makeSwarm();
    try {
      const app = await startApp(port, { DOCKER_HOST: ENGINE2 }, appDir);
      try { out.swarm = await scene(browser, `${app.url}/?group=service`, 'swarm', { shots }); } finally { app.stop(); }
    } finally { undo(); }
  }
  if (scenes.includes('sim400')) {
    const socket = '/tmp/switchyard-picture-sim.sock';
    rmSync(socket, { force: true });
    const sim = spawn(process.execPath, ['scripts/sim/sim-engine.mjs', '--socket', socket, '--containers', '400', '--networks', '16'], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((r) => sim.stdout.once('data', r));
    const app = await startApp(port, { DOCKER_HOST: `unix://${socket}` }, appDir);
    try {
      for (let i = 0; i < 300; i++) {
        const h = await fetch(`${app.url}/api/health`).then((r) => r.json()).catch(() => null);
        if (h?.store?.state === 'live') break;
        await new Promise((r) => setTimeout(r, 200));
      }
      out.sim400 = await scene(browser, `${app.url}/`, 'sim400', { shots, unfold: true });
    } finally {
      app.stop();
      sim.kill('SIGTERM');
    }
  }
  return out;
}

/** One table row per scene and state. */
export function pictureRows(label, pictures) {
  const rows = [];
  const names = { lab: 'seed lab, first view', swarm: 'Swarm grouped by service', sim400: '400 simulated containers' };
  for (const [k, v] of Object.entries(pictures)) {
    for (const [state, p] of Object.entries(v)) {
      const what = `${names[k] ?? k}${k === 'sim400' ? `, ${state}` : ''}`;
      if (!p) { rows.push(`| ${label} | ${what} | no measure in this build | | | | | | |`); continue; }
      rows.push(`| ${label} | ${what} | ${p.nodes} / ${p.edges} | ${p.labelOverflow} | ${p.labelOverNode} | ${p.labelOverLabel} | ${p.crossings} | ${Math.round(p.used.x * 100)} % × ${Math.round(p.used.y * 100)} % | ${p.edgeLabels} shown, ${p.tucked} tucked |`);
    }
  }
  return rows;
}

export const PICTURE_HEAD = '| build | scene | nodes / edges | node label out of its node | label over a node | label over label (pairs) | edge crossings | area used (w × h) | edge labels |\n|---|---|---|---|---|---|---|---|---|';
