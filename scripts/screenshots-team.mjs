#!/usr/bin/env node
// Screenshots of sign-in and roles, light and dark, for docs/ and the README: the sign-in page
// (with a refused sign-in's reason), the dashboard signed in as an admin (name, role, sign-out,
// "Tokens and sign-ins") and as a viewer (no change control), the tokens and access page, and
// the viewer's dashboard over a few hundred containers. The provider is the tests' own
// (test/helpers/oidc-provider.ts: oidc-provider on loopback), bundled here with esbuild.
// Needs the built app, the lab (npm run lab; root) and Chromium. Everything it starts is
// labelled switchyard.test=1 and removed at the end.
// Usage: node scripts/screenshots-team.mjs [--containers 200]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { launchChromium, pool, startApp } from './lib/bench-harness.mjs';

const { values: opts } = parseArgs({ options: { containers: { type: 'string', default: '200' } } });
const LABEL = 'switchyard.test=1';
const IMAGE = 'switchyard-lab/busybox:1';
const PORT = 3197;
const APP = `http://127.0.0.1:${PORT}`;
const docker = (...a) => execFileSync('docker', a, { encoding: 'utf8' }).trim();
mkdirSync('docs/screenshots', { recursive: true });

// Bundled beside node_modules (.next/), where its one import, oidc-provider, resolves.
await build({ entryPoints: ['test/helpers/oidc-provider.ts'], outfile: '.next/screenshot-provider.mjs', bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' });
const { startProvider, CLIENT_ID, CLIENT_SECRET } = await import(pathToFileURL(join(process.cwd(), '.next/screenshot-provider.mjs')).href);
const provider = await startProvider([`${APP}/api/auth/callback`]);
const app = await startApp(PORT, {
  SWITCHYARD_OIDC_ISSUER: provider.issuer, SWITCHYARD_OIDC_CLIENT_ID: CLIENT_ID, SWITCHYARD_OIDC_CLIENT_SECRET: CLIENT_SECRET,
  SWITCHYARD_OIDC_SCOPES: 'openid profile email groups', SWITCHYARD_OIDC_ROLES: 'sre=admin, dev=viewer',
  SWITCHYARD_PUBLIC_URL: APP, SWITCHYARD_SESSION_SECRET: 'screenshot-session-secret-0123456789abcdef',
});
const browser = await launchChromium();
const settle = async (page) => {
  const drawn = () => page.waitForFunction(() => (window.cy?.nodes().length ?? 0) > 0, null, { timeout: 60_000 });
  await drawn().catch(async () => { await page.reload(); await drawn(); });
  await page.waitForTimeout(2500);
};
async function signIn(page, user) {
  await page.goto(`${APP}/`);
  await page.getByTestId('sign-in-oidc').click();
  await page.getByLabel('User').fill(user);
  await page.getByLabel('Password').fill(`${user}-pw`);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
const shot = async (page, name) => {
  await page.screenshot({ path: `docs/screenshots/${name}.png` });
  console.log(`docs/screenshots/${name}.png`);
};
const started = [];
try {
  for (const scheme of ['light', 'dark']) {
    // A context per user: the provider remembers who signed in there.
    const refused = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: scheme });
    const rp = await refused.newPage();
    await signIn(rp, 'nobody');
    await rp.getByTestId('sign-in-error').waitFor();
    await shot(rp, `sign-in-${scheme}`);
    await refused.close();
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: scheme });
    const page = await ctx.newPage();
    await signIn(page, 'ann');
    await settle(page);
    await page.getByTestId('user-badge').waitFor();
    await shot(page, `signed-in-admin-${scheme}`);
    await page.goto(`${APP}/access`);
    await page.getByTestId('token-name').fill('ci-nightly');
    await page.getByTestId('token-create').click();
    await page.getByTestId('token-made').waitFor();
    await page.getByTestId('token-name').fill('grafana');
    await page.getByTestId('token-role').selectOption('operator');
    await page.getByTestId('token-create').click();
    await page.getByTestId('token-row').nth(1).waitFor();
    await page.getByRole('button', { name: 'Revoke grafana' }).click();
    await page.waitForTimeout(1000);
    await shot(page, `access-${scheme}`);
    await ctx.close();
    const viewer = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: scheme });
    const vp = await viewer.newPage();
    await signIn(vp, 'bob');
    await settle(vp);
    await vp.locator('[data-network="mynet"]').click();
    await vp.waitForTimeout(800);
    await shot(vp, `signed-in-viewer-${scheme}`);
    await viewer.close();
  }

  // Hundreds of real containers on one network, the viewer's page over them.
  const n = Number(opts.containers);
  console.log(`starting ${n} containers…`);
  docker('network', 'create', '--label', LABEL, 'sy-shot-team');
  await pool(Array.from({ length: n }, (_, i) => `sy-shot-team-${i + 1}`), 4, async (name) => {
    spawnSync('docker', ['run', '-d', '--name', name, '--label', LABEL, '--network', 'sy-shot-team', IMAGE, 'sleep', '86400']);
    started.push(name);
  });
  for (const scheme of ['light', 'dark']) {
    const ctx = await browser.newContext({ viewport: { width: 1600, height: 1000 }, colorScheme: scheme });
    const page = await ctx.newPage();
    await signIn(page, 'bob');
    await settle(page);
    await page.waitForTimeout(3000);
    await shot(page, `signed-in-viewer-${n}-${scheme}`);
    await ctx.close();
  }
} finally {
  await browser.close();
  app.stop();
  await provider.stop();
  if (started.length) spawnSync('docker', ['rm', '-f', ...started]);
  spawnSync('docker', ['network', 'rm', 'sy-shot-team']);
}
