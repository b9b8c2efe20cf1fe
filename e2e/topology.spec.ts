// The graph against the lab engine, checked against docker inspect and ip link.
import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { bridgeEndpointCount, docker, dockerJson } from '../test/integration/docker-cli';
import { DashboardPage } from './dashboard-page';

/* eslint-disable @typescript-eslint/no-explicit-any -- docker inspect output is untyped JSON */
/** The veth pairs docker inspect implies for every running container on the engine. */
function bridgeEndpoints(): number {
  const list = (...args: string[]) => docker(...args).split('\n').filter(Boolean);
  return bridgeEndpointCount(dockerJson<any[]>('inspect', ...list('ps', '-q', '--no-trunc')), dockerJson<any[]>('network', 'inspect', ...list('network', 'ls', '-q')));
}

function labInspect() {
  const ids = docker('ps', '-aq', '--no-trunc', '--filter', 'label=switchyard.lab=1').split('\n').filter(Boolean);
  const nets = docker('network', 'ls', '-q', '--no-trunc', '--filter', 'label=switchyard.lab=1').split('\n').filter(Boolean);
  return { containers: dockerJson<any[]>('inspect', ...ids), networks: dockerJson<any[]>('network', 'inspect', 'bridge', 'none', ...nets) };
}

test('every lab network, container and endpoint is on the graph with the right IP', async ({ page }) => {
  const { containers, networks } = labInspect();
  const dash = new DashboardPage(page);
  await dash.open();
  await dash.graphReady(containers.length + networks.length);
  const els = await dash.elements();
  const byId = new Map(els.map((e) => [e.id, e]));
  for (const n of networks) expect(byId.get(`net:${n.Id}`)?.kind, n.Name).toBe('network');
  for (const c of containers) {
    expect(byId.get(`ctr:${c.Id}`)?.kind, c.Name).toBe('container');
    for (const [netName, s] of Object.entries<any>(c.NetworkSettings.Networks)) {
      const edge = netName === 'host' ? byId.get(`ep:${s.NetworkID}:${c.Id}`) : byId.get(`ep:${s.NetworkID}:${c.Id}`);
      expect(edge, `${c.Name} on ${netName}`).toBeDefined();
      if (s.IPAddress) expect(edge!.label).toBe(s.IPAddress);
      if (netName === 'host') expect(edge!.target).toBe('host');
    }
  }
  const id = (name: string) => containers.find((c) => c.Name === `/${name}`).Id;
  // legacy link, shared namespace, published port
  expect(els.find((e) => e.kind === 'link')).toMatchObject({ source: `ctr:${id('tomcat03')}`, target: `ctr:${id('tomcat02')}`, label: '--link tomcat02' });
  expect(els.find((e) => e.kind === 'shares')).toMatchObject({ source: `ctr:${id('tomcat-net-01-sidecar')}`, target: `ctr:${id('tomcat-net-01')}` });
  expect(els.find((e) => e.kind === 'port' && e.target === `ctr:${id('redismod-redismod-1')}`)).toMatchObject({ source: 'host', label: '127.0.0.1:16379 → 6379/tcp' });
  expect(byId.get(`ctr:${id('redis-3')}`)!.classes).toContain('stopped');
  expect(byId.get(`ctr:${id('isolated-job')}`)!.classes).toContain('isolated');
});

test('selecting a container shows its IPs, aliases and DNS names as docker inspect has them', async ({ page }) => {
  const c = dockerJson<any[]>('inspect', 'redismod-local-net')[0];
  const s = c.NetworkSettings.Networks['custom-local-net-2'];
  const dash = new DashboardPage(page);
  await dash.open();
  await dash.allDrawn();
  // Select through the graph, as a mouse user would: a real click where the node is drawn.
  await dash.clickElement(`ctr:${c.Id}`);
  const panel = dash.inspector().getByTestId('endpoint-custom-local-net-2');
  await expect(panel).toBeVisible();
  await expect(panel.locator('[data-fact="IPv4"]')).toContainText(`${s.IPAddress}/${s.IPPrefixLen}`);
  await expect(panel.locator('[data-fact="MAC"]')).toContainText(s.MacAddress);
  await expect(panel.locator('[data-fact="aliases"]')).toHaveText(/redis.*cache/);
  const dnsNames = panel.locator('[data-fact="DNS names"]');
  for (const name of ['redismod-local-net', 'redis', 'cache', c.Id.slice(0, 12)]) await expect(dnsNames).toContainText(name);
  await expect(page).toHaveURL(new RegExp(`sel=container%3A${c.Id}`));
  // The same selection survives a reload (the URL carries the view).
  await page.reload();
  await expect(dash.inspector()).toContainText('redismod-local-net');
  // Raw inspect on demand.
  await dash.inspector().getByRole('button', { name: /raw inspect JSON/ }).click();
  await expect(page.getByTestId('raw-inspect')).toContainText(c.Id);
});

test('the list view selects with the keyboard', async ({ page }) => {
  const dash = new DashboardPage(page);
  await dash.open();
  await dash.allDrawn();
  const row = page.locator('[data-endpoint="mynet/tomcat01"]');
  await row.focus();
  await page.keyboard.press('Enter');
  await expect(dash.inspector()).toContainText('tomcat01 on mynet');
  await expect(row).toHaveAttribute('aria-pressed', 'true');
});

test('the host-interfaces view shows every veth on its bridge as ip link has it', async ({ page }) => {
  const dash = new DashboardPage(page);
  await dash.open('?host=1');
  await dash.allDrawn();
  await page.waitForFunction(() => (window.cy?.nodes('[kind = "veth"]').length ?? 0) > 0);
  const els = await dash.elements();
  const veths = els.filter((e) => e.kind === 'veth');
  const links = execFileSync('ip', ['-o', 'link'], { encoding: 'utf8' }).split('\n');
  // One veth per running container's endpoint on a bridge network, as docker inspect lists them.
  expect(veths.length).toBe(bridgeEndpoints());
  for (const v of veths) {
    const name = v.id.slice('veth:'.length);
    const line = links.find((l) => l.includes(` ${name}@`));
    expect(line, name).toBeDefined();
    const bridgeEdge = els.find((e) => e.id === `vethbr:${name}`)!;
    const bridge = bridgeEdge.target!.slice('br:'.length);
    expect(line).toContain(` master ${bridge} `);
  }
  expect(els.some((e) => e.id === 'br:docker0')).toBe(true);
});
