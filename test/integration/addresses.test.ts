// GET /api/addresses against the host's real routing: a "VPN" (a network namespace behind a
// veth pair) is routed two ranges by host routes the test adds: one inside lab-ports' subnet,
// one outside every network. The overlap is reported with the route and its interface, and
// what it breaks is what ping shows: the host and containers on other networks reach the VPN
// range, containers on lab-ports do not. The suggested subnet clashes with nothing (created and
// checked); a subnet on a route is refused unless accepted. Everything is removed afterwards
// and the removal checked.
import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getAddresses } from '@/app/api/addresses/route';
import { POST as createNet } from '@/app/api/networks/route';
import { DELETE as deleteNet } from '@/app/api/networks/[id]/route';
import type { z } from 'zod';
import type { addressesAnswer } from '@/lib/schemas/addresses';
import { labNet } from '../helpers/lab-nets';
import { DOCKER, docker, removeTestObjects } from './docker-cli';

type Plan = z.infer<typeof addressesAnswer>;
const NS = 'sy-vpn';
const IF = 'sy-vpn-h';
const [HOST, FAR] = ['10.250.78.1', '10.250.78.2'];
const OUTSIDE = '10.251.0.0/16';

const sh = (cmd: string, ...args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const routes = () => sh('ip', 'route', 'show', 'dev', IF).trim();
let inside = ''; // the part of lab-ports routed to the VPN
let vpnAddress = '';

async function plan(subnet?: string): Promise<Plan> {
  const res = await getAddresses(new Request(`http://127.0.0.1/api/addresses${subnet ? `?subnet=${encodeURIComponent(subnet)}` : ''}`));
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Plan;
}
const post = (body: unknown) => createNet(new Request('http://127.0.0.1/api/networks', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
const pingFrom = (container: string | null, ip: string) => (container
  ? spawnSync(DOCKER, ['exec', container, 'ping', '-c', '1', '-W', '1', ip]) : spawnSync('busybox', ['ping', '-c', '1', '-W', '1', ip])).status === 0;

function cleanup() {
  spawnSync('ip', ['netns', 'del', NS]);
  spawnSync('ip', ['link', 'del', IF]); // its routes go with it
}

beforeAll(() => {
  cleanup();
  removeTestObjects();
  const lab = labNet('lab-ports');
  const [base] = lab.subnet.split('/');
  const o = base!.split('.').map(Number);
  inside = `${o[0]}.${o[1]}.${o[2]}.192/26`; // lab-ports is a /24: its top quarter
  vpnAddress = `${o[0]}.${o[1]}.${o[2]}.200`;
  sh('ip', 'netns', 'add', NS);
  sh('ip', 'link', 'add', IF, 'type', 'veth', 'peer', 'name', 'sy-vpn-n', 'netns', NS);
  sh('ip', 'addr', 'add', `${HOST}/30`, 'dev', IF);
  sh('ip', 'link', 'set', IF, 'up');
  const inNs = (...a: string[]) => sh('ip', 'netns', 'exec', NS, 'ip', ...a);
  inNs('link', 'set', 'lo', 'up');
  inNs('addr', 'add', `${FAR}/30`, 'dev', 'sy-vpn-n');
  inNs('addr', 'add', `${vpnAddress}/32`, 'dev', 'lo');
  inNs('link', 'set', 'sy-vpn-n', 'up');
  inNs('route', 'add', 'default', 'via', HOST);
  sh('ip', 'route', 'add', inside, 'via', FAR, 'dev', IF);
  sh('ip', 'route', 'add', OUTSIDE, 'via', FAR, 'dev', IF);
});

afterAll(() => {
  removeTestObjects();
  cleanup();
  expect(spawnSync('ip', ['route', 'show', inside]).stdout.toString().trim()).toBe('');
  expect(spawnSync('ip', ['route', 'show', OUTSIDE]).stdout.toString().trim()).toBe('');
});

describe('the address plan against the host\'s routes', () => {
  it('reports the overlap with the route and its interface, and what it breaks is what ping shows', async () => {
    expect(routes()).toContain(inside);
    const p = await plan();
    expect(p.routes.read).toBe(true);
    const o = p.overlaps.find((x) => x.kind === 'route' && x.networkName === 'lab-ports' && x.with.route?.dst === inside);
    expect(o, JSON.stringify(p.overlaps)).toBeTruthy();
    expect(o!.with.route).toMatchObject({ dev: IF, gateway: FAR });
    expect(o!.text).toBe(`${labNet('lab-ports').subnet} on network lab-ports overlaps the host route to ${inside} via ${FAR} dev ${IF}: containers on lab-ports cannot reach ${inside} (it is inside their own subnet, so they look for it on the bridge)`);
    // As it says: the host and a container on another network reach the VPN address; one on lab-ports does not.
    expect(pingFrom(null, vpnAddress)).toBe(true);
    expect(pingFrom('tomcat-net-01', vpnAddress)).toBe(true);
    expect(pingFrom('ports-client', vpnAddress)).toBe(false);
    // A route that overlaps no network is no overlap.
    expect(p.overlaps.some((x) => x.with.route?.dst === OUTSIDE)).toBe(false);
  });

  it('counts each network\'s addresses as the engine has them', async () => {
    const p = await plan();
    const lab = p.networks.find((n) => n.name === 'lab-ports')!.subnets[0]!;
    const members = JSON.parse(docker('network', 'inspect', 'lab-ports', '--format', '{{json .Containers}}')) as Record<string, unknown>;
    expect(lab.used).toBe(Object.keys(members).length + 1); // and the gateway
    expect(Number(lab.free)).toBe(256 - 3 - Object.keys(members).length);
  });

  it('suggests a subnet that clashes with no network or route: created, it overlaps nothing', async () => {
    const p = await plan();
    expect(p.pools.source).toBe('default');
    expect(p.suggestion).toBeTruthy();
    const r = await post({ name: 'sy-suggested', subnet: p.suggestion!.subnet, labels: { 'switchyard.test': '1' } });
    expect(r.status, await r.clone().text()).toBe(201);
    const after = await plan();
    expect(after.overlaps.filter((x) => x.networkName === 'sy-suggested' || x.with.networkName === 'sy-suggested')).toEqual([]);
    const del = await deleteNet(new Request('http://x', { method: 'DELETE' }), { params: Promise.resolve({ id: 'sy-suggested' }) });
    expect(del.status).toBe(200);
  });

  it('refuses a subnet on a host route unless the user accepts it, and says why', async () => {
    const subnet = '10.251.3.0/24';
    expect((await plan(subnet)).check!.clashes.map((c) => c.with.route?.dst)).toEqual([OUTSIDE]);
    const before = docker('network', 'ls', '-q');
    const r = await post({ name: 'sy-on-route', subnet, labels: { 'switchyard.test': '1' } });
    expect(r.status).toBe(409);
    const body = (await r.json()) as { error: { message: string; hint: string } };
    expect(body.error.message).toContain(`overlaps the host route to ${OUTSIDE} via ${FAR} dev ${IF}`);
    expect(body.error.hint).toMatch(/acceptOverlap/);
    expect(docker('network', 'ls', '-q')).toBe(before); // nothing changed
    const ok = await post({ name: 'sy-on-route', subnet, acceptOverlap: true, labels: { 'switchyard.test': '1' } });
    expect(ok.status).toBe(201);
    docker('network', 'rm', 'sy-on-route');
  });

  it('bad input is a 400 naming the field', async () => {
    const res = await getAddresses(new Request('http://127.0.0.1/api/addresses?subnet=10.0.0.0/33'));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/subnet/);
  });
});


