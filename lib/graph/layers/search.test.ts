import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EngineSnapshot } from '@/lib/docker/engine-types';
import { toElements } from '@/lib/graph/elements';
import { HOST_NODE_ID, ids } from '@/lib/graph/ids';
import { DEFAULT_VIEW, type ViewState } from '@/lib/graph/view-state';
import type { HostLinks } from '@/lib/host/links';
import { buildTopology } from '@/lib/topology/build';
import { drawnGraph } from './layer';
import { searchLayer } from './search';

// Recorded from Engine 20.10.24 / API 1.41 running scripts/lab.sh.
const fixture = JSON.parse(readFileSync(new URL('../../topology/fixtures/engine-20.10.24-api-1.41.json', import.meta.url), 'utf8')) as { snapshot: EngineSnapshot; hostLinks: HostLinks };
const topo = buildTopology(fixture.snapshot, { links: fixture.hostLinks });
const ctr = (name: string) => topo.containers.find((c) => c.name === name)!;
const net = (name: string) => topo.networks.find((n) => n.name === name)!;

function marks(v: Partial<ViewState>, collapsed: ReadonlySet<string> = new Set()) {
  const view = { ...DEFAULT_VIEW, ...v };
  const graph = drawnGraph(toElements(topo, view, collapsed));
  return { graph, marks: searchLayer.mark({ topology: topo, filter: view, collapsed }, graph).marks };
}

describe('the search layer', () => {
  it('marks what matches and fades the rest', () => {
    const found = marks({ q: '172.38.0.14' }).marks;
    expect(found.get(ids.container(ctr('redis-4').id))).toEqual(['match']);
    expect(found.get(ids.container(ctr('redis-5').id))).toEqual(['faded']);
    expect(marks({ q: 'cache' }).marks.get(ids.container(ctr('redismod-local-net').id))).toEqual(['match']);
    expect(marks({ q: 'redis' }).marks.get(ids.network(net('redis').id))).toEqual(['match']);
  });

  it('marks nothing without a search', () => {
    expect(marks({ q: '' }).marks.size).toBe(0);
    expect(marks({ q: '   ' }).marks.size).toBe(0);
  });

  it('marks every container and network node, and only elements the graph draws', () => {
    const { graph, marks: m } = marks({ q: 'zzz-nothing' });
    const nodes = graph.elements.filter((e) => e.data.kind === 'container' || e.data.kind === 'network');
    expect(nodes.length).toBeGreaterThan(10);
    for (const n of nodes) expect(m.get(n.data.id)).toEqual(['faded']);
    for (const id of m.keys()) expect(graph.has(id)).toBe(true);
    // Edges keep their own look.
    expect([...m.keys()].some((id) => graph.elements.find((e) => e.data.id === id)!.group === 'edges')).toBe(false);
    // The host node follows the host network.
    expect(m.get(HOST_NODE_ID)).toEqual(['faded']);
    expect(marks({ q: 'host' }).marks.get(HOST_NODE_ID)).toEqual(['match']);
  });

  it('marks a folded group that holds a match as a match', () => {
    const redis = ids.network(net('redis').id);
    const { graph, marks: m } = marks({ q: '172.38.0.14' }, new Set([redis]));
    expect(graph.has(ids.container(ctr('redis-4').id))).toBe(false);
    expect(m.get(redis)).toEqual(['match']);
    // Folded without a match inside, it is faded.
    expect(marks({ q: 'tomcat' }, new Set([redis])).marks.get(redis)).toEqual(['faded']);
  });
});
