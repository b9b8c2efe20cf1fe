import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EngineSnapshot } from '@/lib/docker/engine-types';
import type { HostLinks } from '@/lib/host/links';
import { buildTopology } from '@/lib/topology/build';
import { toElements } from './elements';
import { HOST_NODE_ID, ids } from './ids';
import { DEFAULT_VIEW, parseView, serializeView, type ViewState } from './view-state';

// Recorded from Engine 20.10.24 / API 1.41 running scripts/lab.sh.
const fixture = JSON.parse(readFileSync(new URL('../topology/fixtures/engine-20.10.24-api-1.41.json', import.meta.url), 'utf8')) as { snapshot: EngineSnapshot; hostLinks: HostLinks };
const topo = buildTopology(fixture.snapshot, { links: fixture.hostLinks });
const ctr = (name: string) => topo.containers.find((c) => c.name === name)!;
const net = (name: string) => topo.networks.find((n) => n.name === name)!;
const els = (v: Partial<ViewState> = {}) => toElements(topo, { ...DEFAULT_VIEW, ...v });
const byId = (v: Partial<ViewState> = {}) => new Map(els(v).map((e) => [e.data.id, e]));

describe('toElements', () => {
  it('makes a node per network and container, the host network as the host node', () => {
    const m = byId();
    for (const n of topo.networks) {
      if (n.name === 'host') expect(m.has(ids.network(n.id))).toBe(false);
      else expect(m.get(ids.network(n.id))?.classes).toContain('network');
    }
    for (const c of topo.containers) expect(m.get(ids.container(c.id))?.data.kind).toBe('container');
    expect(m.get(HOST_NODE_ID)?.data.kind).toBe('host');
    expect(m.get(ids.network(net('bridge').id))!.classes).toEqual(expect.arrayContaining(['builtin', 'default-bridge']));
    expect(m.get(ids.network(net('lab-internal').id))!.classes).toContain('internal');
  });

  it('makes one edge per endpoint, labelled with the IP', () => {
    const m = byId();
    for (const e of topo.endpoints) {
      const el = m.get(ids.endpoint(e.networkId, e.containerId));
      expect(el, `${e.networkId} ${e.containerId}`).toBeDefined();
      if (e.ipv4) expect(el!.data.label).toBe(e.ipv4);
    }
    const hostAgent = m.get(ids.endpoint(net('host').id, ctr('host-agent').id))!;
    expect(hostAgent.data.target).toBe(HOST_NODE_ID);
    expect(m.get(ids.endpoint(net('redis').id, ctr('redis-3').id))!.data.label).toBe('172.38.0.13 (stopped)');
  });

  it('draws legacy links, shared namespaces and published ports', () => {
    const all = els();
    const link = all.find((e) => e.data.kind === 'link')!;
    expect(link.data).toMatchObject({ source: ids.container(ctr('tomcat03').id), target: ids.container(ctr('tomcat02').id), label: '--link tomcat02' });
    expect(link.classes).toContain('legacy');
    const ns = all.find((e) => e.data.kind === 'shares')!;
    expect(ns.data).toMatchObject({ source: ids.container(ctr('tomcat-net-01-sidecar').id), target: ids.container(ctr('tomcat-net-01').id) });
    const port = all.find((e) => e.data.kind === 'port' && e.data.target === ids.container(ctr('redismod-redismod-1').id))!;
    expect(port.data).toMatchObject({ source: HOST_NODE_ID, label: '127.0.0.1:16379 → 6379/tcp' });
  });

  it('marks stopped and isolated containers and groups compose projects', () => {
    const m = byId();
    expect(m.get(ids.container(ctr('redis-3').id))!.classes).toContain('stopped');
    expect(m.get(ids.container(ctr('isolated-job').id))!.classes).toContain('isolated');
    expect(m.get(ids.container(ctr('redismod-redismod-1').id))!.data.parent).toBe(ids.project('redismod'));
    expect(m.get(ids.project('redismod'))!.data.kind).toBe('project');
  });

  it('adds bridges and veth pairs in the host-interfaces view only', () => {
    expect(els().some((e) => e.data.kind === 'veth')).toBe(false);
    const m = byId({ hostIfaces: true });
    expect(m.get(ids.bridge('docker0'))?.data.kind).toBe('bridge');
    for (const e of topo.endpoints.filter((x) => x.veth)) {
      expect(m.get(ids.veth(e.veth!.hostInterface))?.data.kind).toBe('veth');
      expect(m.get(`vethbr:${e.veth!.hostInterface}`)?.data.target).toBe(ids.bridge(e.veth!.bridge!));
    }
  });

  it('filters', () => {
    const onlyRedis = els({ network: 'redis' });
    expect(onlyRedis.filter((e) => e.data.kind === 'container')).toHaveLength(6);
    expect(onlyRedis.filter((e) => e.data.kind === 'network')).toHaveLength(1);
    expect(els({ hideStopped: true }).some((e) => e.data.ref === ctr('redis-3').id)).toBe(false);
    expect(els({ hideBuiltin: true }).some((e) => e.data.id === ids.network(net('bridge').id))).toBe(false);
    expect(els({ project: 'redismod' }).filter((e) => e.data.kind === 'container').map((e) => e.data.name)).toEqual(['redismod-redismod-1']);
    // What a search matches is marked by the search layer (lib/graph/layers/search.test.ts), not here.
    expect(els({ q: 'redis' })).toEqual(els());
  });

  it('is deterministic and sorted', () => {
    const a = els();
    expect(els()).toEqual(a);
    const nodeIds = a.filter((e) => e.group === 'nodes').map((e) => e.data.id);
    expect(nodeIds).toEqual([...nodeIds].sort());
    expect(new Set(a.map((e) => e.data.id)).size).toBe(a.length);
  });
  it('widens a container node for its name, within bounds, and shortens what is wider still', async () => {
    const { textWidth } = await import('./text-fit');
    const { CONTAINER_MAX_W, NODE } = await import('./geometry');
    const named = (name: string) => {
      const t = { ...topo, containers: topo.containers.map((c) => (c.name === 'redis-1' ? { ...c, name } : c)) };
      return toElements(t, DEFAULT_VIEW).find((e) => e.data.id === ids.container(ctr('redis-1').id))!;
    };
    // A short name: the usual width, no `w`.
    expect(named('redis-1').data.w).toBeUndefined();
    // A longer one: as wide as it needs, the whole name shown.
    const mid = named('payments-api-gateway-eu-1');
    expect(mid.data.w).toBeGreaterThan(NODE.container.w);
    expect(mid.data.w).toBeLessThanOrEqual(CONTAINER_MAX_W);
    expect(mid.data.tw).toBe((mid.data.w as number) - 44);
    expect(mid.data.label.split('\n')[0]).toBe('payments-api-gateway-eu-1');
    expect(textWidth('payments-api-gateway-eu-1', 15)).toBeLessThanOrEqual(mid.data.tw as number);
    // Longer than the widest node: the widest, shortened in the middle; the full name kept.
    const long = named('payments-api-gateway-eu-west-1-blue-green-canary-7');
    expect(long.data.w).toBe(CONTAINER_MAX_W);
    expect(long.data.label.split('\n')[0]).toContain('…');
    expect(textWidth(long.data.label.split('\n')[0]!, 15)).toBeLessThanOrEqual(CONTAINER_MAX_W - 44);
    expect(long.data.name).toBe('payments-api-gateway-eu-west-1-blue-green-canary-7');
  });
});

describe('view state in the URL', () => {
  it('round-trips and leaves defaults out', () => {
    expect(serializeView(DEFAULT_VIEW)).toBe('');
    const v: ViewState = { engine: 'build-box', q: 'redis', network: 'mynet', project: null, hideStopped: true, hideBuiltin: false, hostIfaces: true, traffic: true, trafficEvery: 5, exposure: true, drift: true, layout: 'grid', group: 'service', sel: 'container:abc' };
    expect(parseView(new URLSearchParams(serializeView(v)))).toEqual(v);
    expect(serializeView(v)).toMatch(/^\?engine=build-box&/);
    expect(parseView(new URLSearchParams('layout=bogus')).layout).toBe('clusters');
  });

});
