// The lab's check before it creates anything (scripts/lib/lab-preflight.mjs), on inputs
// recorded from a real engine and host (fixtures/lab-host-20.10.json says how).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  addressAt, heldPorts, nameClashes, parsePsNames, rangesInUse, parseCidr, parseProcRoute, parseSs, planSubnets, publishedPorts, searchSpace, formatCidr, takenSubnets,
} from './lab-preflight.mjs';

const host = JSON.parse(readFileSync(new URL('./fixtures/lab-host-20.10.json', import.meta.url), 'utf8'));
const LAB = [
  { network: 'redismod_default', subnet: '10.201.0.0/24' },
  { network: 'redisinsight_default', subnet: '10.202.0.0/24' },
  { network: 'mynet', subnet: '192.168.231.0/24' },
  { network: 'redis', subnet: '172.38.0.0/16' },
  { network: 'custom-local-net-2', subnet: '10.25.64.0/18' },
  { network: 'lab-internal', subnet: '10.203.0.0/24' },
  { network: 'lab-ports', subnet: '10.204.0.0/24' },
];

describe('CIDRs', () => {
  it('parses, normalises and refuses', () => {
    expect(formatCidr(parseCidr('172.38.4.9/16')!)).toBe('172.38.0.0/16');
    for (const bad of ['10.0.0.0/33', '256.0.0.0/8', '10.0.0.0', 'fd00::/64', 'x']) expect(parseCidr(bad), bad).toBeNull();
  });
  it('places an offset into a subnet and looks for replacements in the private block that holds it', () => {
    expect(addressAt('172.39.0.0/16', 13)).toBe('172.39.0.13');
    expect(addressAt('10.201.1.0/24', 50)).toBe('10.201.1.50');
    expect(formatCidr(searchSpace(parseCidr('10.25.64.0/18')!))).toBe('10.0.0.0/8');
    expect(formatCidr(searchSpace(parseCidr('192.168.231.0/24')!))).toBe('192.168.0.0/16');
    expect(formatCidr(searchSpace(parseCidr('172.20.0.0/16')!))).toBe('172.16.0.0/12');
    expect(formatCidr(searchSpace(parseCidr('172.38.0.0/16')!))).toBe('172.0.0.0/8');
  });
});

describe('what holds subnets on a real engine and host', () => {
  const taken = takenSubnets(host.networks, host.routes);
  it('names the networks the lab did not make, and never the lab\'s own', () => {
    const holders = taken.map((t) => t.holder);
    expect(holders).toContain('network "squat-redis" (172.38.0.0/16)');
    expect(holders).toContain('network "squat-202" (10.202.0.0/23)');
    expect(holders).toContain('network "bridge" (172.17.0.0/16)');
    expect(holders.filter((h) => /"(redis|mynet|lab-ports|redismod_default)"/.test(h))).toEqual([]);
  });
  it('names a host route that is no network\'s bridge, and not the default route or a lab bridge\'s', () => {
    const routes = taken.filter((t) => t.holder.startsWith("the host's route"));
    expect(routes.map((t) => t.holder)).toContain("the host's route 172.18.0.0/16 dev docker_gwbridge");
    expect(routes.some((t) => /br-|docker0/.test(t.holder))).toBe(false);
    expect(routes.some((t) => t.cidr.endsWith('/0'))).toBe(false);
  });
  it('reads /proc/net/route where ip -j is missing', () => {
    const routes = parseProcRoute(host.procRoute);
    expect(routes[0]).toEqual({ dst: 'default', dev: 'eth0', gateway: '192.0.2.1' });
    expect(routes).toContainEqual({ dst: '172.38.0.0/16', dev: expect.stringMatching(/^br-/) });
  });
});

describe('the plan', () => {
  const taken = takenSubnets(host.networks, host.routes);
  it('moves each held subnet to the nearest free one of the same size and keeps the rest', () => {
    const { plan, problems } = planSubnets(LAB, taken);
    expect(problems).toEqual([]);
    const by = Object.fromEntries(plan.map((p) => [p.network, p]));
    expect(by.redis).toMatchObject({ wanted: '172.38.0.0/16', subnet: '172.39.0.0/16', heldBy: 'network "squat-redis" (172.38.0.0/16)' });
    expect(by.redismod_default).toMatchObject({ subnet: '10.201.1.0/24' });
    // squat-202 holds a /23: the next free /24 is past it.
    expect(by.redisinsight_default).toMatchObject({ subnet: '10.202.2.0/24' });
    expect(by.mynet).toEqual({ network: 'mynet', wanted: '192.168.231.0/24', subnet: '192.168.231.0/24' });
  });
  it('never picks a subnet another lab network keeps, one it already picked, or the test suite\'s ranges', () => {
    const { plan } = planSubnets(
      [{ network: 'a', subnet: '10.1.0.0/24' }, { network: 'b', subnet: '10.1.1.0/24' }, { network: 'c', subnet: '10.1.0.0/24' }],
      [{ cidr: '10.1.0.0/24', holder: 'x' }],
      { avoid: [{ cidr: '10.1.2.0/24', why: 'tests' }] },
    );
    expect(plan.map((p) => p.subnet)).toEqual(['10.1.3.0/24', '10.1.1.0/24', '10.1.4.0/24']);
  });
  it('warns when a network that is neither the lab\'s nor the tests\' sits in the test suite\'s ranges', () => {
    const avoid = [{ cidr: '10.231.0.0/16', why: "the test suite's own networks" }];
    expect(rangesInUse(avoid, host.networks)).toEqual([]);
    const nets = [...host.networks, { Name: 'sy-left', Labels: { 'switchyard.test': '1' }, IPAM: { Config: [{ Subnet: '10.231.5.0/24' }] } }];
    expect(rangesInUse(avoid, nets)).toEqual([]);
    nets.push({ Name: 'vpn', Labels: {}, IPAM: { Config: [{ Subnet: '10.231.0.0/20' }] } });
    expect(rangesInUse(avoid, nets)).toEqual(['10.231.0.0/16 is for the test suite\'s own networks, and network "vpn" (10.231.0.0/20) overlaps it: tests that make a network there will be refused']);
  });
  it('stops, naming the holder, when asked for the exact subnets or when none of the size is free', () => {
    const exact = planSubnets(LAB, taken, { exact: true });
    expect(exact.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^redis must be on 172\.38\.0\.0\/16 \(SWITCHYARD_LAB_EXACT=1\), but network "squat-redis" \(172\.38\.0\.0\/16\) overlaps it/)]));
    const full = planSubnets([{ network: 'n', subnet: '192.168.1.0/24' }], [{ cidr: '192.168.0.0/16', holder: 'the VPN' }]);
    expect(full.problems).toEqual(['n wants 192.168.1.0/24, which the VPN overlaps, and no free /24 is left in 192.168.0.0/16']);
  });
});

describe('what holds host ports', () => {
  const listeners = parseSs(host.ss);
  const published = publishedPorts(host.containers);
  it('reads ss and docker inspect', () => {
    expect(listeners).toContainEqual({ address: '127.0.0.1', port: 16379, process: 'docker-proxy', pid: expect.any(Number) });
    expect(listeners).toContainEqual({ address: '0.0.0.0', port: 2024 });
    expect(published).toContainEqual({ address: '127.0.0.1', port: 16379, container: 'redismod-redismod-1', lab: true });
    expect(parseSs('LISTEN 0 511 [::]:8080 [::]:* users:(("node",pid=42,fd=20))\nLISTEN 0 4096 127.0.0.53%lo:53 0.0.0.0:*')).toEqual([
      { address: '::', port: 8080, process: 'node', pid: 42 }, { address: '127.0.0.53', port: 53 },
    ]);
  });
  it('lets the lab\'s own containers go (they are removed first) and names anything else', () => {
    expect(heldPorts([{ address: '127.0.0.1', port: 16379 }, { address: '10.204.0.1', port: 18090 }], listeners, published)).toEqual([]);
    expect(heldPorts([{ address: '127.0.0.1', port: 2024 }], listeners, published)).toEqual([
      { address: '127.0.0.1', port: 2024, holder: 'a process ss could not name (run as root to see it) listens on 0.0.0.0:2024' },
    ]);
    const foreign = published.map((p) => ({ ...p, lab: p.container !== 'redismod-redismod-1' }));
    expect(heldPorts([{ address: '127.0.0.1', port: 16379 }], listeners, foreign)).toEqual([
      { address: '127.0.0.1', port: 16379, holder: 'container "redismod-redismod-1" publishes 127.0.0.1:16379' },
    ]);
    const node = [{ address: '::', port: 18001, process: 'node', pid: 7 }];
    expect(heldPorts([{ address: '127.0.0.1', port: 18001 }], node, [])[0]!.holder).toBe('node (pid 7) listens on [::]:18001');
    expect(heldPorts([{ address: '10.204.0.1', port: 18001 }], [{ address: '127.0.0.1', port: 18001 }], [])).toEqual([]);
  });
});

describe('names', () => {
  it('refuses a network or container name that an object the lab did not make has, and lets its own go', () => {
    const ps = parsePsNames('tomcat01\t1\nmy-app\t\nredis-1\t\n');
    expect(ps).toEqual([{ name: 'tomcat01', lab: true }, { name: 'my-app', lab: false }, { name: 'redis-1', lab: false }]);
    expect(nameClashes(['redis', 'squat-redis'], ['tomcat01', 'redis-1', 'redis-2'], host.networks, ps)).toEqual([
      expect.stringMatching(/^a network named "squat-redis" exists that the lab did not make \(id [0-9a-f]{12}\): the lab will not touch it/),
      expect.stringMatching(/^a container named "redis-1" exists that the lab did not make: the lab will not touch it; rename it \(docker rename redis-1 NEW\)/),
    ]);
  });
});
