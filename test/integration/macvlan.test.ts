// macvlan against real traffic: a macvlan network on a parent interface (one end of a veth
// pair: this kernel has no dummy module) that holds a host address in the network's subnet (so
// the host has a route to it, through the parent). The
// verdicts say what ping shows: the host (and a host-network container) cannot reach the
// macvlan children through their parent, nor they the host; the children reach each other.
// The graph's host view draws the parent. Everything is removed afterwards.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getReach } from '@/app/api/reachability/route';
import { GET as getTopology } from '@/app/api/topology/route';
import { toElements } from '@/lib/graph/elements';
import { ids } from '@/lib/graph/ids';
import { DEFAULT_VIEW } from '@/lib/graph/view-state';
import type { Reachability } from '@/lib/reach/reachability';
import type { Topology } from '@/lib/topology/types';
import { DOCKER, docker, removeTestObjects, TEST_LABEL } from './docker-cli';

const PARENT = 'sy-mv0';
const NET = 'sy-macvlan';
const [A, B] = ['sy-mv-a', 'sy-mv-b'];
const HOST_ON_PARENT = '10.252.0.254';
const IMAGE = process.env.SWITCHYARD_LAB_IMAGE ?? 'switchyard-lab/busybox:1';

const ip = (...a: string[]) => spawnSync('ip', a, { encoding: 'utf8' });
const pingFrom = (container: string | null, target: string) => (container
  ? spawnSync(DOCKER, ['exec', container, 'ping', '-c', '1', '-W', '1', target]) : spawnSync('busybox', ['ping', '-c', '1', '-W', '1', target])).status === 0;
async function reach(from: string, to: string): Promise<Reachability> {
  const res = await getReach(new Request(`http://127.0.0.1/api/reachability?from=${from}&to=${to}`));
  expect(res.status).toBe(200);
  return (await res.json()) as Reachability;
}
let topo: Topology;
const addrOf = (name: string) => topo.endpoints.find((e) => e.containerId === topo.containers.find((c) => c.name === name)!.id)!.ipv4!;

beforeAll(async () => {
  removeTestObjects();
  ip('link', 'del', PARENT);
  expect(ip('link', 'add', PARENT, 'type', 'veth', 'peer', 'name', `${PARENT}p`).status).toBe(0);
  ip('addr', 'add', `${HOST_ON_PARENT}/24`, 'dev', PARENT);
  ip('link', 'set', PARENT, 'up');
  ip('link', 'set', `${PARENT}p`, 'up');
  docker('network', 'create', '--label', TEST_LABEL, '-d', 'macvlan', '-o', `parent=${PARENT}`, '--subnet', '10.252.0.0/24', '--gateway', '10.252.0.1', NET);
  for (const n of [A, B]) docker('run', '-d', '--name', n, '--label', TEST_LABEL, '--network', NET, IMAGE, 'sh', '-c', "trap 'exit 0' TERM; while :; do sleep 3600 & wait $!; done");
  const res = await getTopology();
  topo = (await res.json()) as Topology;
  for (let i = 0; i < 40 && !topo.containers.some((c) => c.name === B && c.state === 'running'); i++) {
    await new Promise((r) => setTimeout(r, 250));
    topo = (await (await getTopology()).json()) as Topology;
  }
}, 60_000);

afterAll(() => {
  removeTestObjects();
  ip('link', 'del', PARENT);
  expect(ip('link', 'show', PARENT).status).not.toBe(0);
});

describe('macvlan', () => {
  it('the host view draws the parent interface', () => {
    const net = topo.networks.find((n) => n.name === NET)!;
    expect(net.options.parent).toBe(PARENT);
    const els = toElements(topo, { ...DEFAULT_VIEW, hostIfaces: true });
    const parent = els.find((e) => e.data.id === ids.bridge(PARENT))!;
    expect(parent.classes).toContain('parent-iface');
    expect(els.find((e) => e.data.id === ids.bridgeNet(net.id))).toMatchObject({ data: { source: ids.bridge(PARENT), target: ids.network(net.id), label: 'parent of macvlan' } });
  });

  it('the host cannot reach its macvlan children through the parent, nor they the host; they reach each other', async () => {
    const a = addrOf(A);
    const fromHost = await reach('host-agent', A);
    expect(fromHost.byIp).toBe(false);
    expect(fromHost.summary).toBe(`host-agent (host network) cannot reach ${A}: the host cannot reach its own macvlan children`);
    expect(fromHost.reasons.join('\n')).toContain(`${NET} is a macvlan network on the host's ${PARENT}`);
    expect(pingFrom(null, a)).toBe(false);
    expect(pingFrom('host-agent', a)).toBe(false);
    const toHost = await reach(A, 'host-agent');
    expect(toHost.byIp).toBe(false);
    expect(pingFrom(A, HOST_ON_PARENT)).toBe(false);
    const pair = await reach(A, B);
    expect(pair.byIp).toBe(true);
    expect(pingFrom(A, addrOf(B))).toBe(true);
  });
});
