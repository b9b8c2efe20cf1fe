#!/usr/bin/env node
// Screenshots of compose drift, "Make it last" and a plan, light and dark, for docs/ and the
// README: a real compose project (Debian's docker-compose) whose web container was joined to a
// network by hand, the Drift view with the diff open; a plan of three staged connects; and the
// Drift view over a project of a few hundred containers, some joined by hand. Needs the built
// app, the lab (npm run lab; root), docker-compose and Chromium. Everything it makes is
// labelled switchyard.test=1 and removed at the end.
// Usage: node scripts/screenshots-compose.mjs [--replicas 200]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium, startApp } from './lib/bench-harness.mjs';

const { values: opts } = parseArgs({ options: { replicas: { type: 'string', default: '200' } } });
const LABEL = 'switchyard.test=1';
const IMAGE = 'switchyard-lab/busybox:1';
const docker = (...a) => execFileSync('docker', a, { encoding: 'utf8' }).trim();
mkdirSync('docs/screenshots', { recursive: true });

function project(name, text) {
  const dir = mkdtempSync(join(tmpdir(), `switchyard-shot-${name}-`));
  writeFileSync(join(dir, 'compose.yml'), text);
  const run = (...a) => execFileSync('docker-compose', ['-p', name, '-f', join(dir, 'compose.yml'), ...a], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 900_000 });
  return { dir, run, remove: () => { spawnSync('docker-compose', ['-p', name, '-f', join(dir, 'compose.yml'), 'down', '-t', '0'], { cwd: dir }); rmSync(dir, { recursive: true, force: true }); } };
}

const svc = (extra = '') => `    image: ${IMAGE}\n    command: ["sleep", "86400"]\n    labels: ["${LABEL}"]\n${extra}`;
const shop = project('shop', `# The shop: web in front, db behind.\nservices:\n  web:\n${svc('    networks:\n      front:\n        aliases: [www]\n      back: {}\n')}  db:\n${svc('    networks: [back]\n')}networks:\n  front: { labels: ["${LABEL}"] }\n  back: { labels: ["${LABEL}"] }\n`);
const many = project('fleetshop', `services:\n  worker:\n${svc('    networks: [jobs]\n')}networks:\n  jobs: { labels: ["${LABEL}"] }\n`);
const app = await startApp(3196);
const browser = await launchChromium();
try {
  shop.run('up', '-d');
  docker('network', 'create', '--label', LABEL, 'payments');
  docker('network', 'connect', 'payments', 'shop_web_1');
  for (const c of ['sy-shot-plan-1', 'sy-shot-plan-2', 'sy-shot-plan-3']) docker('run', '-d', '--name', c, '--label', LABEL, IMAGE, 'sleep', '86400');

  // The graph drawn; a first load that never draws (seen once, right after 200 containers went) is loaded again.
  const settle = async (page) => {
    const drawn = () => page.waitForFunction(() => (window.cy?.nodes().length ?? 0) > 0, null, { timeout: 60_000 });
    await drawn().catch(async () => { await page.reload(); await drawn(); });
    await page.waitForTimeout(2500);
  };
  for (const scheme of ['light', 'dark']) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: scheme });
    await page.goto(`${app.url}/?drift=1&project=shop`);
    await settle(page);
    await page.getByTestId('make-last').first().click();
    await page.getByTestId('write-back-diff').waitFor();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `docs/screenshots/compose-drift-${scheme}.png` });
    console.log(`docs/screenshots/compose-drift-${scheme}.png`);

    await page.goto(`${app.url}/?layout=grid`);
    await settle(page);
    await page.getByTestId('toggle-plan').check();
    // Staged through the list view's "Connect to…", as a keyboard user would.
    for (const c of ['sy-shot-plan-1', 'sy-shot-plan-2', 'sy-shot-plan-3']) {
      await page.getByRole('button', { name: `Connect to… another network: ${c}` }).click();
      const pick = page.getByTestId('pick-network-dialog');
      await pick.locator('select').selectOption({ label: (await pick.locator('option', { hasText: 'payments' }).textContent()) ?? 'payments' });
      await pick.getByRole('button', { name: 'Next' }).click();
      await page.getByTestId('connect-dialog').getByRole('button', { name: 'Add to plan' }).click();
    }
    await page.getByTestId('plan-step').nth(2).and(page.locator('[data-ok=true]')).waitFor({ timeout: 30_000 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `docs/screenshots/plan-${scheme}.png` });
    console.log(`docs/screenshots/plan-${scheme}.png`);
    await page.close();
  }

  // Hundreds: a service scaled up, a tenth of its containers joined to a network by hand.
  const n = Number(opts.replicas);
  console.log(`starting ${n} replicas…`);
  many.run('up', '-d', '--scale', `worker=${n}`);
  for (let i = 1; i <= n; i += 10) docker('network', 'connect', 'payments', `fleetshop_worker_${i}`);
  for (const scheme of ['light', 'dark']) {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, colorScheme: scheme });
    await page.goto(`${app.url}/?drift=1`);
    await settle(page);
    await page.getByTestId('drift-panel').waitFor();
    await page.waitForTimeout(3000);
    await page.screenshot({ path: `docs/screenshots/compose-drift-${n}-${scheme}.png` });
    console.log(`docs/screenshots/compose-drift-${n}-${scheme}.png`);
    await page.close();
  }
} finally {
  await browser.close();
  app.stop();
  spawnSync('docker', ['rm', '-f', 'sy-shot-plan-1', 'sy-shot-plan-2', 'sy-shot-plan-3']);
  for (const c of docker('ps', '-aq', '--filter', 'network=payments').split('\n').filter(Boolean)) spawnSync('docker', ['network', 'disconnect', '-f', 'payments', c]);
  shop.remove();
  many.remove();
  spawnSync('docker', ['network', 'rm', 'payments']);
}
