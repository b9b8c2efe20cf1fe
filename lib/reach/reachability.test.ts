import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EngineSnapshot } from '@/lib/docker/engine-types';
import type { HostLinks } from '@/lib/host/links';
import { buildTopology } from '@/lib/topology/build';
import type { Topology } from '@/lib/topology/types';
import { composeFix } from './compose';
import type { Listener } from './listeners';
import { reachability, type SocketsRead } from './reachability';

// Recorded from Engine 20.10.24 / API 1.41 running scripts/lab.sh; sockets are given per test.
const f = JSON.parse(readFileSync(new URL('../topology/fixtures/engine-20.10.24-api-1.41.json', import.meta.url), 'utf8')) as { snapshot: EngineSnapshot; hostLinks: HostLinks };
const topo = buildTopology(f.snapshot, { links: f.hostLinks });
const id = (n: string, t: Topology = topo) => t.containers.find((c) => c.name === n)!.id;
const listening = (...l: [string, number][]): SocketsRead => ({ ok: true, listeners: l.map(([address, port]): Listener => ({ address, port, family: address.includes(':') ? 6 : 4 })) });
const reach = (a: string, b: string, sockets: SocketsRead, port: number | null = null, t = topo) => reachability(t, id(a, t), id(b, t), { port, sockets });
const ipOf = (ctr: string, net: string) => topo.endpoints.find((e) => e.containerId === id(ctr) && e.networkId === topo.networks.find((n) => n.name === net)!.id)!.ipv4!;

describe('reachability by port', () => {
  it('a port on 127.0.0.1 only is closed from a neighbour and open to a container sharing the namespace', () => {
    const s = listening(['127.0.0.1', 6379], ['127.0.0.11', 40000]);
    const v = reach('tomcat-net-02', 'tomcat-net-01', s, 6379);
    expect(v).toMatchObject({ byIp: true, reachable: true });
    expect(v.ports).toEqual([expect.objectContaining({ port: 6379, open: false, basis: 'listening', targets: [] })]);
    expect(v.ports[0]!.reasons.join('\n')).toMatch(/listens on port 6379 only on 127\.0\.0\.1:6379 inside its own namespace/);
    expect(v.fixes.map((x) => x.text).join('\n')).toMatch(/listen on 0\.0\.0\.0:6379/);
    expect(v.summary).toMatch(/cannot reach tomcat-net-01 on port 6379/);
    const side = reach('tomcat-net-01-sidecar', 'tomcat-net-01', s, 6379);
    expect(side.ports[0]).toMatchObject({ open: true, targets: ['localhost:6379'] });
    expect(side.paths).toEqual([expect.objectContaining({ kind: 'namespace', address: '127.0.0.1' })]);
  });

  it('a port on every address is open by IP and by name; nothing listening is said so', () => {
    const ip = ipOf('tomcat-net-01', 'mynet');
    const open = reach('tomcat-net-02', 'tomcat-net-01', listening(['::', 8080]), 8080);
    expect(open.ports[0]).toMatchObject({ open: true, byName: true });
    expect(open.ports[0]!.targets).toEqual(expect.arrayContaining([`${ip}:8080`, 'tomcat-net-01:8080']));
    expect(open.summary).toMatch(/reaches tomcat-net-01 on port 8080 by name/);
    const none = reach('tomcat-net-02', 'tomcat-net-01', listening(['::', 8080]), 9000);
    expect(none.ports[0]).toMatchObject({ open: false });
    expect(none.ports[0]!.reasons.join('\n')).toMatch(/nothing listens on port 9000 inside tomcat-net-01 \(it listens on 8080\)/);
  });

  it('without a port: every port exposed, published or listened on, Docker\'s DNS left out', () => {
    const v = reach('tomcat01', 'tomcat02', listening(['0.0.0.0', 8080], ['127.0.0.11', 41000], ['127.0.0.1', 9000]));
    expect(v.ports.map((p) => [p.port, p.open])).toEqual([[8080, true], [9000, false]]);
    const t = structuredClone(topo);
    t.containers.find((c) => c.name === 'tomcat02')!.exposedPorts = [{ port: 5000, protocol: 'tcp' }, { port: 53, protocol: 'udp' }];
    const exposed = reach('tomcat01', 'tomcat02', listening(['0.0.0.0', 8080]), null, t);
    expect(exposed.ports.map((p) => [p.port, p.open])).toEqual([[5000, false], [8080, true]]);
    expect(exposed.ports[0]!.reasons.join('\n')).toMatch(/nothing listens on port 5000/);
  });

  it('answers from the network rules alone when the sockets cannot be read, and says so', () => {
    const v = reach('tomcat-net-02', 'tomcat-net-01', { ok: false, reason: 'no process 42 on this machine' }, 6379);
    expect(v.listeners).toEqual({ read: false, reason: 'no process 42 on this machine' });
    expect(v.ports[0]).toMatchObject({ open: true, basis: 'network' });
    expect(v.ports[0]!.reasons[0]).toMatch(/could not be read \(no process 42 on this machine\)/);
  });

  it('published ports: 127.0.0.1 for the host\'s stack only; 0.0.0.0 through the gateway from any network with a way out', () => {
    const s = listening(['::', 6379]);
    const seed = reach('redisinsight-redisinsight-1', 'redismod-redismod-1', s, 6379);
    expect(seed).toMatchObject({ reachable: false, byIp: false });
    expect(seed.ports[0]!.reasons.join('\n')).toMatch(/127\.0\.0\.1:16379 only: inside redisinsight-redisinsight-1, 127\.0\.0\.1 is redisinsight-redisinsight-1 itself/);
    expect(seed.summary).toMatch(/cannot reach redismod-redismod-1 on port 6379: .*Docker isolates different networks/);
    const host = reach('host-agent', 'redismod-redismod-1', s, 6379);
    expect(host.ports[0]!.targets).toContain('127.0.0.1:16379');

    const t = structuredClone(topo);
    t.containers.find((c) => c.name === 'redismod-redismod-1')!.ports[0]!.hostIp = '0.0.0.0';
    const gw = t.endpoints.find((e) => e.containerId === id('redisinsight-redisinsight-1', t))!.gateway;
    const wide = reach('redisinsight-redisinsight-1', 'redismod-redismod-1', s, 6379, t);
    expect(wide).toMatchObject({ reachable: true, byIp: false });
    expect(wide.ports[0]!.targets).toEqual([`${gw}:16379`]);
    expect(wide.paths).toEqual([expect.objectContaining({ kind: 'published', hostPort: 16379, containerPort: 6379 })]);
    // The fix for a direct path (and names) is still offered, made lasting for compose.
    expect(wide.fixes.find((x) => x.connect)?.command).toBe('docker network connect redismod_default redisinsight-redisinsight-1');
    // Through the gateway to a published port, but B must listen on its own address behind it.
    expect(reach('redisinsight-redisinsight-1', 'redismod-redismod-1', listening(['127.0.0.1', 6379]), 6379, t).ports[0]!.open).toBe(false);
    // An internal network has no way out, to the host's published ports neither.
    expect(reach('internal-app', 'redismod-redismod-1', s, 6379, t).ports[0]!.open).toBe(false);
  });

  it('a stopped target has no open port', () => {
    const v = reach('redis-1', 'redis-3', listening(['::', 6379]), 6379);
    expect(v.ports[0]).toMatchObject({ open: false });
    expect(v.reachable).toBe(false);
  });
});

describe('a lasting fix when only B is a compose service', () => {
  it('offers B\'s service joining A\'s network, with its YAML', () => {
    const v = reach('tomcat-net-01', 'redismod-redismod-1', listening(['::', 6379]), 6379);
    const lasting = v.fixes.find((x) => x.compose);
    expect(lasting?.command).toBe('docker network connect mynet redismod-redismod-1');
    expect(lasting?.compose).toContain('      - mynet');
    expect(lasting?.compose).toContain('  mynet:\n    external: true');
  });
});

describe('composeFix', () => {
  it('keeps the service on its networks and adds the new one as external, as in the seed article', () => {
    const ui = topo.containers.find((c) => c.name === 'redisinsight-redisinsight-1')!;
    const target = topo.networks.find((n) => n.name === 'redismod_default')!;
    expect(composeFix(topo, ui, target)).toBe([
      '# in the compose file of project "redisinsight" (then: docker compose up -d)',
      'services:', '  redisinsight:', '    networks:', '      - default', '      - redismod_default',
      'networks:', '  redismod_default:', '    external: true', '',
    ].join('\n'));
    expect(composeFix(topo, topo.containers.find((c) => c.name === 'tomcat01')!, target)).toBeNull();
  });

  it('a port published on :: alone answers over IPv6 only: not from a container without an IPv6 gateway', () => {
    const t: Topology = { ...topo, containers: topo.containers.map((c) => (c.name === 'redismod-redismod-1' ? { ...c, ports: [{ containerPort: 8080, protocol: 'tcp', hostIp: '::', hostPort: 18222 }] } : c)) };
    const v = reach('redisinsight-redisinsight-1', 'redismod-redismod-1', listening(['0.0.0.0', 8080]), 8080, t);
    expect(v.ports[0]).toMatchObject({ open: false });
    expect(v.ports[0]!.reasons.join('\n')).toMatch(/at \[::\]:18222, IPv6 only, and redisinsight-redisinsight-1 has no IPv6 address with a gateway/);
    const ep = (e: Topology['endpoints'][number]) => (e.containerId === id('redisinsight-redisinsight-1', t) ? { ...e, ipv6: 'fd00:77::2', ipv6Gateway: 'fd00:77::1' } : e);
    const six = reach('redisinsight-redisinsight-1', 'redismod-redismod-1', listening(['0.0.0.0', 8080]), 8080, { ...t, endpoints: t.endpoints.map(ep) });
    expect(six.ports[0]).toMatchObject({ open: true, targets: ['[fd00:77::1]:18222'] });
  });
});
