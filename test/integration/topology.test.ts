// The topology API against the real lab engine, compared with what `docker inspect` and
// `ip link` say about the same objects.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getTopology } from '@/app/api/topology/route';
import { GET as getContainer } from '@/app/api/containers/[id]/route';
import { GET as getNetwork } from '@/app/api/networks/[id]/route';
import { resetEngine } from '@/lib/docker/client';
import type { Topology } from '@/lib/topology/types';
import { bridgeEndpointCount, docker, dockerJson } from './docker-cli';
import { startTcpToUnixProxy } from './tcp-proxy';
import { labNet } from '../helpers/lab-nets';

/* eslint-disable @typescript-eslint/no-explicit-any -- docker inspect output is untyped JSON */
let topo: Topology;
let labContainers: any[];
let labNetworks: any[];

async function fetchTopology(): Promise<Topology> {
  const res = await getTopology();
  expect(res.status).toBe(200);
  return (await res.json()) as Topology;
}

beforeAll(async () => {
  topo = await fetchTopology();
  const ids = docker('ps', '-aq', '--no-trunc', '--filter', 'label=switchyard.lab=1').split('\n').filter(Boolean);
  labContainers = dockerJson<any[]>('inspect', ...ids);
  const nets = docker('network', 'ls', '-q', '--filter', 'label=switchyard.lab=1').split('\n').filter(Boolean);
  labNetworks = dockerJson<any[]>('network', 'inspect', 'bridge', 'host', 'none', ...nets);
});

const shortId = (id: string) => id.slice(0, 12);
/** The scenarios scripts/lab.sh declares (its SCENARIOS list). */
const labScenarios = () => /^SCENARIOS=\(([^)]*)\)/m.exec(readFileSync('scripts/lab.sh', 'utf8'))![1]!.trim().split(/\s+/);
const netOf = (name: string) => topo.networks.find((n) => n.name === name)!;
const ctrOf = (name: string) => topo.containers.find((c) => c.name === name)!;

describe('networks', () => {
  it('has every lab and builtin network with its subnets, gateway and bridge as docker network inspect says', () => {
    // Every network a lab container is on is among them (and each lab network has its scenario's label).
    const used = new Set(labContainers.flatMap((c) => Object.values<any>(c.NetworkSettings.Networks).map((s) => s.NetworkID)));
    expect(used.size).toBeGreaterThan(3);
    for (const id of used) expect(labNetworks.some((n) => n.Id === id), id).toBe(true);
    for (const n of labNetworks.filter((x) => !['bridge', 'host', 'none'].includes(x.Name))) expect(labScenarios()).toContain(n.Labels['switchyard.lab.scenario']);
    for (const n of labNetworks) {
      const t = topo.networks.find((x) => x.id === n.Id);
      expect(t, n.Name).toBeDefined();
      expect(t!.name).toBe(n.Name);
      expect(t!.driver).toBe(n.Driver);
      expect(t!.internal).toBe(n.Internal);
      const ipam = (n.IPAM?.Config ?? []) as { Subnet: string; Gateway?: string }[];
      expect(t!.subnets.map((s) => s.subnet)).toEqual(ipam.map((c) => c.Subnet));
      for (const [i, c] of ipam.entries()) if (c.Gateway) expect(t!.subnets[i]!.gateway).toBe(c.Gateway);
      const bridge = n.Driver === 'bridge' ? n.Options?.['com.docker.network.bridge.name'] || `br-${shortId(n.Id)}` : null;
      expect(t!.bridge).toBe(bridge);
    }
    // The default bridge's gateway is the address docker0 has on the host.
    const docker0 = execFileSync('ip', ['-o', '-4', 'addr', 'show', 'docker0'], { encoding: 'utf8' });
    expect(docker0).toContain(`inet ${netOf('bridge').subnets[0]!.gateway}/16`);
  });
});

describe('containers and endpoints', () => {
  it('has every lab container with its network mode', () => {
    // Every scenario scripts/lab.sh declares has its containers on the engine.
    expect(new Set(labContainers.map((c) => c.Config.Labels['switchyard.lab.scenario']))).toEqual(new Set(labScenarios()));
    for (const c of labContainers) {
      const t = topo.containers.find((x) => x.id === c.Id);
      expect(t, c.Name).toBeDefined();
      expect(t!.name).toBe(c.Name.slice(1));
      expect(t!.state).toBe(c.State.Status);
      const mode: string = c.HostConfig.NetworkMode === 'default' ? 'bridge' : c.HostConfig.NetworkMode;
      if (mode.startsWith('container:')) {
        expect(t!.networkMode).toBe(mode);
        expect(t!.sharesNetworkWith).toBe(mode.slice('container:'.length));
      } else {
        expect(t!.networkMode).toBe(mode);
      }
    }
    expect(ctrOf('tomcat-net-01-sidecar').sharesNetworkWith).toBe(ctrOf('tomcat-net-01').id);
  });

  it('has every endpoint with its IP, MAC, gateway and aliases as docker inspect says', () => {
    let count = 0;
    for (const c of labContainers) {
      for (const [netName, s] of Object.entries<any>(c.NetworkSettings.Networks ?? {})) {
        const e = topo.endpoints.find((x) => x.containerId === c.Id && x.networkId === s.NetworkID);
        expect(e, `${c.Name} on ${netName}`).toBeDefined();
        expect(e!.ipv4).toBe(s.IPAddress || null);
        expect(e!.mac).toBe(s.MacAddress || null);
        expect(e!.gateway).toBe(s.Gateway || null);
        expect(e!.staticIpv4).toBe(s.IPAMConfig?.IPv4Address || null);
        const userAliases = (s.Aliases ?? []).filter((a: string) => a !== shortId(c.Id) && a !== c.Name.slice(1));
        expect(e!.aliases).toEqual(userAliases);
        count++;
      }
    }
    expect(topo.endpoints.filter((e) => labContainers.some((c) => c.Id === e.containerId))).toHaveLength(count);
  });

  it('lists DNS names that really resolve, from another member of the network', () => {
    const redis = topo.endpoints.find((e) => e.containerId === ctrOf('redismod-local-net').id)!;
    expect(redis.dnsNames).toEqual(expect.arrayContaining(['redismod-local-net', 'redis', 'cache', shortId(redis.containerId)]));
    for (const name of redis.dnsNames) {
      const out = docker('exec', 'redisinsight-local-net', 'nslookup', name, '127.0.0.11');
      expect(out, name).toContain(redis.ipv4!);
    }
    // tomcat01 resolves tomcat-net-01 through mynet, which it joined with docker network connect.
    const t1 = topo.endpoints.find((e) => e.containerId === ctrOf('tomcat-net-01').id && e.networkId === netOf('mynet').id)!;
    expect(docker('exec', 'tomcat01', 'nslookup', 'tomcat-net-01', '127.0.0.11')).toContain(t1.ipv4!);
    // The default bridge has no DNS (no embedded resolver): no names are listed.
    const t2 = topo.endpoints.find((e) => e.containerId === ctrOf('tomcat02').id)!;
    expect(t2.dnsNames).toEqual([]);
  });

  it('has the legacy link tomcat03 -> tomcat02 as docker inspect says', () => {
    const links: string[] = labContainers.find((c) => c.Name === '/tomcat03').HostConfig.Links;
    expect(links).toEqual(['/tomcat02:/tomcat03/tomcat02']);
    expect(ctrOf('tomcat03').links).toEqual([{ containerId: ctrOf('tomcat02').id, containerName: 'tomcat02', alias: 'tomcat02' }]);
    // The link is one-way: tomcat03's /etc/hosts names tomcat02.
    expect(docker('exec', 'tomcat03', 'cat', '/etc/hosts')).toMatch(/\ttomcat02\b/);
  });

  it('has published ports as docker port says', () => {
    for (const name of ['redismod-redismod-1', 'redisinsight-redisinsight-1', 'tomcat01', 'tomcat02']) {
      const lines = docker('port', name).split('\n').filter((l) => l.includes('->'));
      const fromCli = lines.map((l) => {
        const m = /^(\d+)\/(\w+) -> (.+):(\d+)$/.exec(l.trim())!;
        return { containerPort: Number(m[1]), protocol: m[2], hostIp: m[3], hostPort: Number(m[4]) };
      });
      expect(ctrOf(name).ports, name).toEqual(fromCli);
    }
  });

  it('keeps the stopped redis-3 on its network with its static IP', () => {
    const c = labContainers.find((x) => x.Name === '/redis-3');
    expect(c.State.Running).toBe(false);
    const e = topo.endpoints.find((x) => x.containerId === c.Id)!;
    expect(e).toMatchObject({ networkId: netOf('redis').id, ipv4: null, staticIpv4: labNet('redis').at(13), veth: null });
  });
});

describe('host side', () => {
  it('pairs every running bridge endpoint with the veth that ip link shows on its bridge', () => {
    const links = execFileSync('ip', ['-o', 'link'], { encoding: 'utf8' }).split('\n');
    let checked = 0;
    for (const e of topo.endpoints) {
      const n = topo.networks.find((x) => x.id === e.networkId)!;
      const c = topo.containers.find((x) => x.id === e.containerId)!;
      if (!n.bridge || c.pid <= 0 || !labContainers.some((l) => l.Id === c.id)) continue;
      expect(e.veth, `${c.name} on ${n.name}`).not.toBeNull();
      const line = links.find((l) => l.startsWith(`${e.veth!.hostIfindex}: ${e.veth!.hostInterface}@`));
      expect(line, e.veth!.hostInterface).toBeDefined();
      expect(line).toContain(` master ${n.bridge} `);
      // The container side: the interface with this MAC is the one named (read over netlink in
      // its namespace: not every lab image has a cat).
      const inside = execFileSync('nsenter', ['-t', String(c.pid), '-n', 'ip', '-o', 'link', 'show', 'dev', e.veth!.containerInterface], { encoding: 'utf8' });
      expect(/link\/ether ([0-9a-f:]+)/.exec(inside)?.[1], `${c.name} ${e.veth!.containerInterface}`).toBe(e.mac);
      checked++;
    }
    // As many as docker inspect lists: running lab containers with their own namespace, one per bridge network.
    const expected = bridgeEndpointCount(labContainers, labNetworks);
    expect(expected).toBeGreaterThan(0);
    expect(checked).toBe(expected);
  });
});

describe('one item', () => {
  it('GET /api/containers/{name} gives the container, its endpoints and the raw inspect', async () => {
    const res = await getContainer(new Request('http://x'), { params: Promise.resolve({ id: 'tomcat01' }) });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.container.id).toBe(ctrOf('tomcat01').id);
    expect(body.endpoints).toHaveLength(2);
    expect(body.raw.Id).toBe(ctrOf('tomcat01').id);
    const byPrefix = await getContainer(new Request('http://x'), { params: Promise.resolve({ id: shortId(ctrOf('tomcat01').id) }) });
    expect((await byPrefix.json()).container.name).toBe('tomcat01');
  });

  it('GET /api/networks/{name} gives the network, its members and the raw inspect', async () => {
    const res = await getNetwork(new Request('http://x'), { params: Promise.resolve({ id: 'redis' }) });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.network.subnets[0].subnet).toBe(labNet('redis').subnet);
    expect(body.endpoints).toHaveLength(6);
    expect(body.raw.Id).toBe(netOf('redis').id);
  });

  it('answers 404 for unknown and 400 for invalid ids', async () => {
    const unknown = await getContainer(new Request('http://x'), { params: Promise.resolve({ id: 'no-such-container-xyz' }) });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.message).toBe('no container "no-such-container-xyz" on this engine');
    const unknownNet = await getNetwork(new Request('http://x'), { params: Promise.resolve({ id: 'no-such-net' }) });
    expect(unknownNet.status).toBe(404);
    const bad = await getNetwork(new Request('http://x'), { params: Promise.resolve({ id: '../containers/x/kill' }) });
    expect(bad.status).toBe(400);
  });
});

describe('through a tcp:// DOCKER_HOST', () => {
  let proxy: Awaited<ReturnType<typeof startTcpToUnixProxy>>;
  const saved = process.env.DOCKER_HOST;
  beforeAll(async () => {
    proxy = await startTcpToUnixProxy();
    process.env.DOCKER_HOST = `tcp://127.0.0.1:${proxy.port}`;
    resetEngine();
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = saved;
    resetEngine();
    await proxy.close();
  });

  it('gives the same facts, veth included (verified by MAC), and says the engine is remote', async () => {
    const viaTcp = await fetchTopology();
    const fresh = await (async () => {
      const s = process.env.DOCKER_HOST;
      delete process.env.DOCKER_HOST;
      resetEngine();
      try { return await fetchTopology(); } finally { process.env.DOCKER_HOST = s; resetEngine(); }
    })();
    const facts = (t: Topology) => ({ networks: t.networks, containers: t.containers.map((c) => ({ ...c, status: '' })), endpoints: t.endpoints });
    expect(facts(viaTcp)).toEqual(facts(fresh));
    expect(viaTcp.warnings.some((w) => w.code === 'remote_engine')).toBe(true);
    expect(viaTcp.endpoints.filter((e) => e.veth).length).toBe(fresh.endpoints.filter((e) => e.veth).length);
    expect(fresh.endpoints.filter((e) => e.veth).length).toBeGreaterThan(0);
  });
});
