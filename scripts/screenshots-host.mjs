#!/usr/bin/env node
// Screenshots of the host's side, light and dark, for docs/ and the README: the Exposure view
// on the lab with one container published on every address (0.0.0.0 and ::), a reachability
// verdict that names the DOCKER-USER rule dropping a pair (a real rule, removed at the end),
// the "New network" dialog warning of a clash, and the Exposure view over a few hundred real
// containers (scripts/lib/traffic-scene). Needs the built app, the lab (npm run lab; root) and
// Chromium. Usage: node scripts/screenshots-host.mjs [--pairs 150]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { launchChromium, startApp } from './lib/bench-harness.mjs';
import { makeScene, removeScene } from './lib/traffic-scene.mjs';

const { values: opts } = parseArgs({ options: { pairs: { type: 'string', default: '150' } } });
const COMMENT = 'switchyard-screenshot-rule';
const EXPOSED = 'sy-shot-exposed';
const PUBLISHED = 30;
const docker = (...a) => execFileSync('docker', a, { encoding: 'utf8' }).trim();
mkdirSync('docs/screenshots', { recursive: true });

/** Removes the rules this script added (by position: iptables -S text is not always accepted back). */
function removeRules() {
  const lines = execFileSync('iptables', ['-w', '5', '-S'], { encoding: 'utf8' }).split('\n');
  const pos = new Map();
  const ours = [];
  for (const l of lines) {
    const m = /^-A (\S+) /.exec(l);
    if (!m) continue;
    pos.set(m[1], (pos.get(m[1]) ?? 0) + 1);
    if (l.includes(COMMENT)) ours.push([m[1], pos.get(m[1])]);
  }
  for (const [chain, n] of ours.reverse()) execFileSync('iptables', ['-w', '5', '-D', chain, String(n)]);
  if (execFileSync('iptables', ['-S'], { encoding: 'utf8' }).includes(COMMENT)) throw new Error('screenshot rules left behind');
}

async function settle(page) {
  await page.waitForFunction(() => { const g = document.querySelector('[data-testid=graph]'); return g?.getAttribute('data-complete') === '1' && g.hasAttribute('data-arranged'); }, null, { timeout: 120_000 });
}

async function shoot(browser, app, size, views) {
  for (const scheme of ['light', 'dark']) {
    const page = await browser.newPage({ viewport: size, colorScheme: scheme });
    for (const { name, query, then } of views) {
      await page.goto(`${app.url}/${query}`);
      await settle(page);
      if (then) await then(page);
      await page.waitForTimeout(1500);
      await page.screenshot({ path: `docs/screenshots/${name}-${scheme}.png` });
      console.log(`docs/screenshots/${name}-${scheme}.png`);
    }
    await page.close();
  }
}

const browser = await launchChromium();
spawnSync('docker', ['rm', '-f', EXPOSED]);
docker('run', '-d', '--name', EXPOSED, '--label', 'switchyard.test=1', '-p', '0.0.0.0:18221:6379', '-p', '[::]:18222:6379', 'switchyard-lab/busybox:1', 'sh', '-c', "trap 'exit 0' TERM; httpd -f -p 6379 -h /www & wait");
const ip = (name, net) => docker('inspect', '--format', `{{(index .NetworkSettings.Networks "${net}").IPAddress}}`, name);
execFileSync('iptables', ['-w', '5', '-I', 'DOCKER-USER', '1', '-s', `${ip('tomcat-net-02', 'mynet')}/32`, '-d', `${ip('tomcat-net-01', 'mynet')}/32`, '-m', 'comment', '--comment', COMMENT, '-j', 'DROP']);
const app = await startApp(3195);
try {
  const topo = await (await fetch(`${app.url}/api/topology`)).json();
  const from = topo.containers.find((c) => c.name === 'tomcat-net-02');
  const labPorts = await (await fetch(`${app.url}/api/addresses`)).json();
  const clash = labPorts.networks.find((n) => n.name === 'lab-ports').subnets[0].subnet;
  await shoot(browser, app, { width: 1400, height: 900 }, [
    { name: 'exposure', query: '?exposure=1', then: async (page) => {
      await page.waitForSelector('[data-testid=exposed-port]');
      await page.getByTestId('exposed-port').first().getByRole('button', { name: 'Why, and the fix' }).click();
    } },
    { name: 'reach-firewall', query: `?sel=container:${from.id}`, then: async (page) => {
      await page.getByTestId('reach-panel').getByRole('combobox').selectOption({ label: 'tomcat-net-01' });
      await page.waitForSelector('[data-testid=firewall-rules]', { timeout: 30_000 });
      await page.getByTestId('reach-verdict').scrollIntoViewIfNeeded();
    } },
    { name: 'new-network-clash', query: '', then: async (page) => {
      await page.getByRole('button', { name: 'New network…' }).click();
      await page.locator('dialog input[name=name]').fill('vpn-side');
      await page.locator('dialog input[name=subnet]').fill(clash);
      await page.waitForSelector('[data-testid=subnet-clashes]', { timeout: 30_000 });
    } },
  ]);
  await makeScene(Number(opts.pairs), { own: true, log: (...a) => console.error('[shots]', ...a) });
  // A host with many published ports: some on every address, some on loopback, some on one address.
  for (let i = 0; i < PUBLISHED; i++) {
    const bind = i % 3 === 0 ? '0.0.0.0' : i % 3 === 1 ? '127.0.0.1' : '[::]';
    docker('run', '-d', '--name', `sy-shot-pub${i}`, '--label', 'switchyard.test=1', '-p', `${bind}:${18300 + i}:${[5432, 6379, 8080, 9200, 3000][i % 5]}`, 'switchyard-lab/busybox:1', 'sh', '-c', "trap 'exit 0' TERM; while :; do sleep 3600 & wait $!; done");
  }
  await new Promise((r) => setTimeout(r, 5000));
  await shoot(browser, app, { width: 1600, height: 1000 }, [{ name: 'exposure-large', query: '?exposure=1', then: (page) => page.waitForSelector('[data-testid=exposed-port]') }]);
} finally {
  app.stop();
  removeScene();
  removeRules();
  spawnSync('docker', ['rm', '-f', EXPOSED, ...Array.from({ length: PUBLISHED }, (_, i) => `sy-shot-pub${i}`)]);
  await browser.close();
}
process.exit(0);
