import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EngineSnapshot } from '@/lib/docker/engine-types';
import type { HostLinks } from '@/lib/host/links';
import { buildTopology } from '@/lib/topology/build';
import { explainReach } from './explain';

// Recorded from Engine 20.10.24 / API 1.41 running scripts/lab.sh.
const f = JSON.parse(readFileSync(new URL('../topology/fixtures/engine-20.10.24-api-1.41.json', import.meta.url), 'utf8')) as { snapshot: EngineSnapshot; hostLinks: HostLinks };
const topo = buildTopology(f.snapshot, { links: f.hostLinks });
const id = (n: string) => topo.containers.find((c) => c.name === n)!.id;
const reach = (a: string, b: string, t = topo) => explainReach(t, id(a), id(b));

describe('explainReach', () => {
  it('names the networks that keep two compose projects apart and offers the connect fix', () => {
    const v = reach('redisinsight-redisinsight-1', 'redismod-redismod-1');
    expect(v).toMatchObject({ byIp: false, byName: false });
    expect(v.reasons.join(' ')).toContain('redisinsight-redisinsight-1 is on redisinsight_default; redismod-redismod-1 is on redismod_default');
    expect(v.fixes[0]!.connect).toEqual({ networkId: topo.networks.find((n) => n.name === 'redismod_default')!.id, containerId: id('redisinsight-redisinsight-1') });
  });
  it('on the default bridge: IP yes, names no, and says how to get names', () => {
    const v = reach('tomcat01', 'tomcat02');
    expect(v).toMatchObject({ byIp: true, byName: false });
    expect(v.fixes[0]!.text).toMatch(/user-defined network/);
    expect(reach('tomcat03', 'tomcat02')).toMatchObject({ byIp: true, byName: true, names: ['tomcat02'] });
  });
  it('ICC off blocks members of the same network', () => {
    const t = structuredClone(topo);
    t.networks.find((n) => n.name === 'mynet')!.icc = false;
    const v = reach('tomcat-net-01', 'tomcat-net-02', t);
    expect(v.byIp).toBe(false);
    expect(v.reasons.join(' ')).toMatch(/inter-container communication turned off/);
  });
  it('host mode: towards bridges by IP; towards a host-mode container through the gateway', () => {
    expect(reach('host-agent', 'tomcat01')).toMatchObject({ byIp: true, byName: false });
    const v = reach('tomcat01', 'host-agent');
    expect(v.byIp).toBe(true);
    expect(v.addresses.map((a) => a.ip)).toContain('172.17.0.1');
  });
  it('shared namespaces, none mode and stopped containers', () => {
    expect(reach('tomcat-net-01-sidecar', 'tomcat-net-01')).toMatchObject({ byIp: true, names: ['localhost', 'tomcat-net-01', '3d379727e87a'] });
    expect(reach('isolated-job', 'tomcat01').summary).toMatch(/--network none/);
    expect(reach('redis-1', 'redis-3').summary).toMatch(/redis-3 is exited/);
  });
});
