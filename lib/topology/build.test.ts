import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EngineSnapshot } from '@/lib/docker/engine-types';
import type { HostLinks } from '@/lib/host/links';
import { buildTopology } from './build';
import { exposedPorts } from './containers';
import type { Topology } from './types';

interface Fixture { recordedFrom: string; snapshot: EngineSnapshot; hostLinks: HostLinks }
const load = (f: string): Fixture => JSON.parse(readFileSync(new URL(`./fixtures/${f}`, import.meta.url), 'utf8'));
/** Recorded from Debian's docker.io (Engine 20.10.24, API 1.41) running scripts/lab.sh. */
const recorded = load('engine-20.10.24-api-1.41.json');
/** Hand-made from the recording in the shape of Engine 27 / API 1.47 (see scripts/make-newer-fixture.mjs). */
const newer = load('engine-27.5.1-api-1.47-handmade.json');

const build = (f: Fixture) => buildTopology(structuredClone(f.snapshot), { links: structuredClone(f.hostLinks) });
const net = (t: Topology, name: string) => t.networks.find((n) => n.name === name)!;
const ctr = (t: Topology, name: string) => t.containers.find((c) => c.name === name)!;
const ep = (t: Topology, network: string, container: string) =>
  t.endpoints.find((e) => e.networkId === net(t, network).id && e.containerId === ctr(t, container).id);

describe.each([
  ['API 1.41 (recorded)', recorded],
  ['API 1.47 (hand-made)', newer],
])('buildTopology, %s', (_label, fixture) => {
  const t = build(fixture);

  it('describes the builtin networks and the default bridge docker0', () => {
    expect(net(t, 'bridge')).toMatchObject({ driver: 'bridge', builtin: true, bridge: 'docker0', icc: true, dns: false });
    expect(net(t, 'bridge').subnets).toEqual([{ subnet: '172.17.0.0/16', gateway: '172.17.0.1', ipRange: null }]);
    expect(net(t, 'host')).toMatchObject({ driver: 'host', builtin: true, bridge: null, icc: null, subnets: [] });
    expect(net(t, 'none')).toMatchObject({ driver: 'null', builtin: true, bridge: null });
  });

  it('describes user-defined bridges with subnet, gateway and br-<id12>', () => {
    const mynet = net(t, 'mynet');
    expect(mynet).toMatchObject({ builtin: false, dns: true, bridge: `br-${mynet.id.slice(0, 12)}` });
    expect(mynet.subnets).toEqual([{ subnet: '192.168.231.0/24', gateway: '192.168.231.1', ipRange: null }]);
    expect(net(t, 'lab-internal').internal).toBe(true);
    expect(net(t, 'redismod_default').composeProject).toBe('redismod');
  });

  it('gives every container its network mode', () => {
    expect(ctr(t, 'tomcat01').networkMode).toBe('bridge');
    expect(ctr(t, 'redis-1').networkMode).toBe('redis');
    expect(ctr(t, 'host-agent').networkMode).toBe('host');
    expect(ctr(t, 'isolated-job').networkMode).toBe('none');
    const sidecar = ctr(t, 'tomcat-net-01-sidecar');
    expect(sidecar.sharesNetworkWith).toBe(ctr(t, 'tomcat-net-01').id);
    expect(sidecar.networkMode).toBe(`container:${ctr(t, 'tomcat-net-01').id}`);
    expect(t.endpoints.filter((e) => e.containerId === sidecar.id)).toEqual([]);
  });

  it('shows the legacy link tomcat03 -> tomcat02, one way only', () => {
    expect(ctr(t, 'tomcat03').links).toEqual([{ containerId: ctr(t, 'tomcat02').id, containerName: 'tomcat02', alias: 'tomcat02' }]);
    expect(ctr(t, 'tomcat02').links).toEqual([]);
  });

  it('shows published ports', () => {
    expect(ctr(t, 'redismod-redismod-1').ports).toEqual([{ containerPort: 6379, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 16379 }]);
    expect(ctr(t, 'redismod-redismod-1').composeProject).toBe('redismod');
  });

  it('keeps a stopped cluster node on its network, with its static IP and no address', () => {
    expect(ctr(t, 'redis-3').state).toBe('exited');
    expect(ep(t, 'redis', 'redis-3')).toMatchObject({ ipv4: null, mac: null, staticIpv4: '172.38.0.13', veth: null });
    expect(ep(t, 'redis', 'redis-4')).toMatchObject({ ipv4: '172.38.0.14', ipv4PrefixLength: 16, staticIpv4: '172.38.0.14', gateway: '172.38.0.1' });
  });

  it('gives aliases as the user gave them and DNS names only where there is DNS', () => {
    const r = ep(t, 'custom-local-net-2', 'redismod-local-net')!;
    const id12 = ctr(t, 'redismod-local-net').id.slice(0, 12);
    expect(r.aliases).toEqual(['redis', 'cache']);
    expect(r.dnsNames).toEqual(['redismod-local-net', 'redis', 'cache', id12]);
    expect(ep(t, 'bridge', 'tomcat02')).toMatchObject({ aliases: [], dnsNames: [] });
    // tomcat01 joined mynet later: resolvable there by name, not on docker0.
    expect(ep(t, 'mynet', 'tomcat01')!.dnsNames).toContain('tomcat01');
    expect(ep(t, 'bridge', 'tomcat01')!.dnsNames).toEqual([]);
  });

  it('pairs every running bridge endpoint with its veth on the right bridge', () => {
    for (const e of t.endpoints) {
      const n = t.networks.find((x) => x.id === e.networkId)!;
      const c = t.containers.find((x) => x.id === e.containerId)!;
      if (n.bridge && c.pid > 0 && e.mac) {
        expect(e.veth, `${c.name} on ${n.name}`).not.toBeNull();
        expect(e.veth!.bridge).toBe(n.bridge);
        expect(e.veth!.hostInterface).toMatch(/^veth/);
      } else {
        expect(e.veth).toBeNull();
      }
    }
    // tomcat01 has two interfaces: eth0 on docker0, eth1 on mynet.
    expect(ep(t, 'bridge', 'tomcat01')!.veth!.containerInterface).toBe('eth0');
    expect(ep(t, 'mynet', 'tomcat01')!.veth!.containerInterface).toBe('eth1');
  });

  it('says why host, none and container: mode containers have no veth', () => {
    const noVeth = t.warnings.filter((w) => w.code === 'no_veth').map((w) => w.subject);
    expect(noVeth.sort()).toEqual([ctr(t, 'host-agent').id, ctr(t, 'isolated-job').id, ctr(t, 'tomcat-net-01-sidecar').id].sort());
  });

  it('sorts its output by code point (the same in every locale, server and browser)', () => {
    const names = t.networks.map((n) => n.name);
    expect(names).toEqual([...names].sort());
    const cnames = t.containers.map((c) => c.name);
    expect(cnames).toEqual([...cnames].sort());
    const key = (e: Topology['endpoints'][number]) => `${t.networks.find((n) => n.id === e.networkId)!.name}\u0000${t.containers.find((c) => c.id === e.containerId)!.name}`;
    expect(t.endpoints.map(key)).toEqual(t.endpoints.map(key).sort());
  });

  it('makes status lines from the container state, for the moment it was inspected', () => {
    const redis3 = ctr(t, 'redis-3');
    expect(redis3.state).toBe('exited');
    expect(redis3.finishedAt).not.toBeNull();
    expect(redis3.status).toMatch(/^Exited \(\d+\) .+ ago$/);
    const running = ctr(t, 'tomcat01');
    expect(running.startedAt).not.toBeNull();
    expect(running.status).toMatch(/^Up /);
  });
});

describe('old and new engines agree', () => {
  it('gives the same networks, containers and endpoints from API 1.41 and API 1.47 shapes', () => {
    const a = build(recorded);
    const b = build(newer);
    const strip = (t: Topology) => ({
      networks: t.networks.filter((n) => n.name !== 'lab-overlay').map(({ id, name, subnets, bridge, icc, builtin, dns }) => ({ id, name, subnets, bridge, icc, builtin, dns })),
      containers: t.containers,
      endpoints: t.endpoints.filter((e) => !b.networks.some((n) => n.name === 'lab-overlay' && n.id === e.networkId)),
    });
    expect(strip(b)).toEqual(strip(a));
  });

  it('reads the newer engine\'s swarm and overlay network', () => {
    const t = build(newer);
    expect(t.engine).toMatchObject({ serverVersion: '27.5.1', apiVersion: '1.47', swarm: { isManager: true } });
    expect(net(t, 'lab-overlay')).toMatchObject({ driver: 'overlay', scope: 'swarm', attachable: true, bridge: null, icc: null, dns: true });
    expect(ep(t, 'lab-overlay', 'internal-app')).toMatchObject({ ipv4: '10.0.9.3', aliases: ['app'], veth: null });
    expect(build(recorded).engine.swarm).toBeNull();
  });
});

describe('veth facts must verify', () => {
  it('drops veth data whose MAC does not match and says so', () => {
    const f = structuredClone(recorded);
    const a = f.snapshot.containers.find((c) => c.Name === '/tomcat-net-01')!;
    const b = f.snapshot.containers.find((c) => c.Name === '/redis-1')!;
    // As if the pids belonged to other containers (an engine on another machine).
    const tmp = f.hostLinks.containers[a.Id]!;
    f.hostLinks.containers[a.Id] = f.hostLinks.containers[b.Id]!;
    f.hostLinks.containers[b.Id] = tmp;
    const t = buildTopology(f.snapshot, { links: f.hostLinks });
    expect(ep(t, 'mynet', 'tomcat-net-01')!.veth).toBeNull();
    expect(ep(t, 'redis', 'redis-1')!.veth).toBeNull();
    const warned = t.warnings.filter((w) => w.code === 'veth_unverified').map((w) => w.subject);
    expect(warned).toEqual(expect.arrayContaining([a.Id, b.Id]));
    // Everything else stays.
    expect(ep(t, 'mynet', 'tomcat-net-02')!.veth).not.toBeNull();
    expect(ep(t, 'mynet', 'tomcat-net-01')!.ipv4).toBe('192.168.231.2');
  });

  it('drops veth data whose host peer is on another bridge', () => {
    const f = structuredClone(recorded);
    const c = f.snapshot.containers.find((x) => x.Name === '/tomcat02')!;
    const iface = f.hostLinks.containers[c.Id]![0]!;
    const peer = f.hostLinks.hostInterfaces!.find((h) => h.ifindex === iface.iflink)!;
    peer.master = 'br-000000000000';
    const t = buildTopology(f.snapshot, { links: f.hostLinks });
    expect(ep(t, 'bridge', 'tomcat02')!.veth).toBeNull();
    expect(t.warnings.some((w) => w.code === 'veth_unverified' && w.subject === c.Id)).toBe(true);
  });

  it('says why when host links are not available, and keeps every other fact', () => {
    const t = buildTopology(structuredClone(recorded.snapshot), { links: null, unavailableReason: 'not read' });
    expect(t.warnings).toContainEqual({ code: 'host_links_unavailable', message: 'not read' });
    expect(t.endpoints.every((e) => e.veth === null)).toBe(true);
    expect(t.endpoints.length).toBe(build(recorded).endpoints.length);
  });

  it('reports containers whose namespace could not be read', () => {
    const f = structuredClone(recorded);
    const c = f.snapshot.containers.find((x) => x.Name === '/tomcat01')!;
    delete f.hostLinks.containers[c.Id];
    f.hostLinks.problems.push({ containerId: c.Id, code: 'container_netns_unreadable', message: 'cannot enter /proc/1/root (EACCES)' });
    const t = buildTopology(f.snapshot, { links: f.hostLinks });
    expect(ep(t, 'bridge', 'tomcat01')!.veth).toBeNull();
    expect(t.warnings).toContainEqual({ code: 'veth_unreadable', subject: c.Id, message: 'cannot enter /proc/1/root (EACCES)' });
  });
});

describe('exposed ports', () => {
  it('come from Config.ExposedPorts, sorted, protocol kept, nonsense left out', () => {
    expect(exposedPorts({ Config: { ExposedPorts: { '6379/tcp': {}, '53/udp': {}, '8080': {}, 'x/tcp': {} } } })).toEqual([
      { port: 53, protocol: 'udp' }, { port: 6379, protocol: 'tcp' }, { port: 8080, protocol: 'tcp' },
    ]);
    expect(exposedPorts({ Config: { ExposedPorts: null } })).toEqual([]);
    expect(exposedPorts({})).toEqual([]);
  });
});
