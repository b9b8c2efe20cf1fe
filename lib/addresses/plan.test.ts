import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRouteV4, parseRouteV6 } from '@/lib/net/routes';
import { addressPlan, clashesOf, DEFAULT_POOLS, type PlanInputs } from './plan';

// Recorded on the lab host (Linux 6.x, Debian docker.io 20.10 with the lab up).
const v4 = parseRouteV4(readFileSync(new URL('../net/fixtures/host.route.txt', import.meta.url), 'utf8'));
const v6 = parseRouteV6(readFileSync(new URL('../net/fixtures/host.ipv6_route.txt', import.meta.url), 'utf8'));

describe('the host routing tables', () => {
  it('reads /proc/net/route: destinations, devices, gateways', () => {
    expect(v4[0]).toEqual({ family: 4, dst: '0.0.0.0/0', dev: 'eth0', gateway: '192.0.2.1', metric: 0 });
    expect(v4).toContainEqual({ family: 4, dst: '10.25.64.0/18', dev: 'br-3156a83e2e49', gateway: null, metric: 0 });
    expect(v4).toContainEqual({ family: 4, dst: '172.17.0.0/16', dev: 'docker0', gateway: null, metric: 0 });
  });
  it('reads /proc/net/ipv6_route without the host\'s own, link-local and multicast entries', () => {
    expect(v6).toContainEqual({ family: 6, dst: 'fd00::/64', dev: 'eth0', gateway: null, metric: 256 });
    expect(v6).toContainEqual({ family: 6, dst: '::/0', dev: 'eth0', gateway: 'fd00::1', metric: 1024 });
    expect(v6.some((r) => r.dst.startsWith('fe80') || r.dst.startsWith('ff') || r.dst.endsWith('/128'))).toBe(false);
  });
});

const net = (id: string, name: string, subnet: string, bridge: string | null, gateway: string | null = null, ipRange: string | null = null) =>
  ({ id, name, driver: 'bridge', bridge, subnets: [{ subnet, gateway, ipRange }] });

const inputs = (over: Partial<PlanInputs> = {}): PlanInputs => ({
  topology: {
    networks: [net('b', 'backend', '10.8.0.0/16', 'br-b', '10.8.0.1'), net('d', 'docker0', '172.17.0.0/16', 'docker0', '172.17.0.1'), net('s', 'small', '10.99.0.0/29', 'br-s', '10.99.0.1', '10.99.0.4/30')],
    endpoints: [{ networkId: 'b', ipv4: '10.8.0.2', ipv6: null }, { networkId: 'b', ipv4: '10.8.0.3', ipv6: null }, { networkId: 's', ipv4: '10.99.0.4', ipv6: null }],
  },
  routes: { v4: [...v4, { family: 4, dst: '10.8.0.0/24', dev: 'tun0', gateway: null, metric: 0 }, { family: 4, dst: '172.16.0.0/12', dev: 'eth0', gateway: '192.0.2.254', metric: 0 }], v6, reason: null },
  interfaces: [{ name: 'eth0', cidr: '192.0.2.2/24' }, { name: 'lo', cidr: '127.0.0.1/8' }],
  enginePools: null,
  ...over,
});

describe('addressPlan', () => {
  it('counts addresses used and free per subnet (network, broadcast and gateway kept back; an ip-range narrows it)', () => {
    const p = addressPlan(inputs());
    expect(p.networks.find((n) => n.name === 'backend')!.subnets[0]).toMatchObject({ assignable: String(65536 - 3), used: 3, free: String(65536 - 5) });
    expect(p.networks.find((n) => n.name === 'small')!.subnets[0]).toMatchObject({ assignable: '3', used: 2, free: '2' }); // .4-.7, less the broadcast .7; .4 in use
  });

  it('reports an overlap with a host route, with the route, its interface and what it breaks', () => {
    const p = addressPlan(inputs());
    const o = p.overlaps.find((x) => x.kind === 'route' && x.with.route?.dev === 'tun0')!;
    expect(o.text).toBe('10.8.0.0/16 on network backend overlaps the host route to 10.8.0.0/24 dev tun0: containers on backend cannot reach 10.8.0.0/24 (it is inside their own subnet, so they look for it on the bridge)');
    const wide = p.overlaps.find((x) => x.kind === 'route' && x.with.route?.dst === '172.16.0.0/12')!;
    expect(wide.networkName).toBe('docker0');
    expect(wide.text).toMatch(/the host sends 172\.17\.0\.0\/16 to docker0's bridge instead of eth0/);
    // A network's own bridge route, and the default route, are not overlaps.
    expect(p.overlaps.some((x) => x.with.route?.dev === 'br-b' || x.with.route?.dst === '0.0.0.0/0')).toBe(false);
  });

  it('reports two networks that overlap, and an interface range', () => {
    const p = addressPlan(inputs({ topology: { ...inputs().topology, networks: [...inputs().topology.networks, net('x', 'lan-clash', '192.0.2.0/25', 'br-x'), net('y', 'inner', '10.8.4.0/24', 'br-y')] } }));
    expect(p.overlaps.find((x) => x.kind === 'network')).toMatchObject({ networkName: 'backend', with: { networkName: 'inner' } });
    expect(p.overlaps.find((x) => x.kind === 'interface')!.text).toBe('192.0.2.0/25 on network lan-clash overlaps the range of the host\'s interface eth0 (192.0.2.2/24): containers on lan-clash cannot reach the machines on 192.0.2.0/24, and the host has two routes for it');
  });

  it('counts what is left of the pools, says they are the defaults, and suggests a subnet that clashes with nothing', () => {
    const p = addressPlan(inputs());
    expect(p.pools.source).toBe('default');
    expect(p.pools.pools.map((x) => x.base)).toEqual(DEFAULT_POOLS.map((x) => x.base));
    // 172.16.0.0/12 is routed to eth0: every 172.x pool is taken by the host; 192.168.0.0/16 in /20s is left.
    expect(p.pools.pools.slice(0, 6).every((x) => x.free === 0)).toBe(true);
    expect(p.pools.pools[0]!.taken).toEqual({ networks: 1, host: 0 });
    expect(p.pools.pools[6]).toMatchObject({ blocks: 16, free: 15, taken: { networks: 0, host: 1 } });
    expect(p.suggestion).toEqual({ subnet: '192.168.0.0/20', gateway: '192.168.0.1', from: 'the pool 192.168.0.0/16' });
    expect(clashesOf(p.suggestion!.subnet, inputs())).toEqual([]);
  });

  it('uses the engine\'s pools where it reports them', () => {
    const p = addressPlan(inputs({ enginePools: [{ base: '10.8.0.0/15', size: 24 }] }));
    expect(p.pools).toMatchObject({ source: 'engine', pools: [{ base: '10.8.0.0/15', size: 24, blocks: 512, free: 256, taken: { networks: 256, host: 0 } }] });
    expect(p.suggestion!.subnet).toBe('10.9.0.0/24');
  });

  it('says what a subnet about to be created would clash with', () => {
    const c = clashesOf('10.8.0.0/22', inputs());
    expect(c.map((x) => x.kind).sort()).toEqual(['network', 'route']);
    expect(c.find((x) => x.kind === 'route')!.text).toMatch(/^10\.8\.0\.0\/22 \(the new network\) overlaps the host route to 10\.8\.0\.0\/24 dev tun0/);
  });
});
