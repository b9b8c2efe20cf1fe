import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EngineSnapshot } from '@/lib/docker/engine-types';
import type { HostLinks } from '@/lib/host/links';
import { buildTopology } from '@/lib/topology/build';
import type { Topology } from '@/lib/topology/types';
import { toElements } from './elements';
import { ids } from './ids';
import { visibleTopology } from './filter';
import { autoFold, FOLD_BUDGET, foldBudgetOf, foldGroups, groupsToReveal, nodeCount, placeContainers } from './fold';
import { clusterLayout } from './layout-clusters';
import { DEFAULT_VIEW } from './view-state';

// Recorded from Engine 20.10.24 / API 1.41 running scripts/lab.sh.
const fixture = JSON.parse(readFileSync(new URL('../topology/fixtures/engine-20.10.24-api-1.41.json', import.meta.url), 'utf8')) as { snapshot: EngineSnapshot; hostLinks: HostLinks };
const topo = buildTopology(fixture.snapshot, { links: fixture.hostLinks });
const vis = visibleTopology(topo, DEFAULT_VIEW);
const ctr = (name: string) => topo.containers.find((c) => c.name === name)!;
const net = (name: string) => topo.networks.find((n) => n.name === name)!;
const els = (collapsed: string[]) => toElements(topo, DEFAULT_VIEW, new Set(collapsed));
const nodeIds = (collapsed: string[]) => new Set(els(collapsed).filter((e) => e.group === 'nodes').map((e) => e.data.id));

describe('folding', () => {
  it('lists networks and projects by size, never the host network', () => {
    const groups = foldGroups(vis);
    expect(groups[0]).toMatchObject({ kind: 'network', name: 'redis', size: 6 });
    expect(groups.some((g) => g.name === 'host')).toBe(false);
    expect(groups.find((g) => g.kind === 'project' && g.name === 'redismod')?.size).toBe(1);
    expect(groups.map((g) => g.size)).toEqual([...groups.map((g) => g.size)].sort((a, b) => b - a));
  });

  it('a folded network draws its count and hides members that are on no other network', () => {
    const key = ids.network(net('redis').id);
    const all = els([key]);
    const node = all.find((e) => e.data.id === key)!;
    expect(node.classes).toContain('collapsed');
    expect(node.data.label).toContain('6 containers (folded)');
    const shown = nodeIds([key]);
    for (let i = 1; i <= 6; i++) expect(shown.has(ids.container(ctr(`redis-${i}`).id))).toBe(false);
    // Nothing is drawn twice or left dangling.
    const nodes = new Set(all.filter((e) => e.group === 'nodes').map((e) => e.data.id));
    for (const e of all.filter((x) => x.group === 'edges')) {
      expect(nodes.has(e.data.source!), e.data.id).toBe(true);
      expect(nodes.has(e.data.target!), e.data.id).toBe(true);
    }
  });

  it('a container on a folded and an open network stays, with its edge to the folded one', () => {
    // tomcat01 is on the default bridge and on mynet.
    const key = ids.network(net('mynet').id);
    const all = els([key]);
    expect(nodeIds([key]).has(ids.container(ctr('tomcat01').id))).toBe(true);
    expect(all.find((e) => e.data.id === ids.endpoint(net('mynet').id, ctr('tomcat01').id))?.data.target).toBe(key);
  });

  it('a container on two folded networks becomes a counted edge between them; its namespace guest follows it', () => {
    const a = ids.network(net('bridge').id), b = ids.network(net('mynet').id);
    const all = els([a, b]);
    expect(nodeIds([a, b]).has(ids.container(ctr('tomcat01').id))).toBe(false);
    const shared = all.find((e) => e.data.kind === 'aggregate' && e.data.via === 'shared')!;
    expect([shared.data.source, shared.data.target].sort()).toEqual([a, b].sort());
    expect(shared.data.label).toBe('1 shared container');
    // tomcat-net-01-sidecar shares tomcat-net-01's namespace (on mynet only): both folded away.
    const rep = placeContainers(vis, new Set([b]));
    expect(rep.get(ctr('tomcat-net-01-sidecar').id)).toEqual(rep.get(ctr('tomcat-net-01').id));
    expect(rep.get(ctr('tomcat-net-01').id)?.kind).toBe('networks');
  });

  it('a folded compose project is one node, its edges to networks merged with a count', () => {
    const key = ids.project('redismod');
    const all = els([key]);
    expect(all.find((e) => e.data.id === key)?.data.label).toContain('1 container (folded)');
    expect(nodeIds([key]).has(ids.container(ctr('redismod-redismod-1').id))).toBe(false);
    const toDefault = all.find((e) => e.data.kind === 'aggregate' && e.data.source === key && e.data.target === ids.network(net('redismod_default').id));
    expect(toDefault?.data.count).toBe(1);
    // Its published port now runs to the project.
    expect(all.some((e) => e.data.kind === 'aggregate' && e.data.via === 'port' && e.data.target === key)).toBe(true);
  });

  it('folds the largest groups until the graph fits a budget, and nothing when it fits', () => {
    expect(autoFold(vis, 1000).size).toBe(0);
    const full = nodeCount(vis, new Set());
    const folded = autoFold(vis, full - 3);
    expect([...folded][0]).toBe(ids.network(net('redis').id));
    expect(nodeCount(vis, folded)).toBeLessThanOrEqual(full - 3);
    expect(nodeIds([...folded]).size).toBe(nodeCount(vis, folded));
  });

  it('counts exactly the nodes the graph draws, for any set of folded groups', () => {
    const keys = foldGroups(vis).map((g) => g.key);
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 200; i++) {
      const set = keys.filter(() => rnd() < 0.4);
      expect(nodeCount(vis, new Set(set)), set.join(',')).toBe(nodeIds(set).size);
    }
  });

    it('never folds a group when that adds nodes (a project already folded into its networks)', () => {
    const big = visibleTopology(bigTopology(2000, 50), DEFAULT_VIEW);
    const folded = autoFold(big, 60);
    // Every network folds; a project fold would only add a node per project.
    expect([...folded].every((k) => k.startsWith('net:'))).toBe(true);
    expect(nodeCount(big, folded)).toBeLessThan(nodeCount(big, new Set([...folded, ids.project('proj1')])));
    expect(nodeCount(big, folded)).toBe(50 + 1); // the folded networks and the host node
  });

  it('reveals a container by opening its project, or the smallest of its folded networks', () => {
    const bridge = ids.network(net('bridge').id), mynet = ids.network(net('mynet').id);
    const open = groupsToReveal(vis, new Set([bridge, mynet]), [ctr('tomcat01').id]);
    expect(open.size).toBe(1);
    const proj = ids.project('redismod');
    expect(groupsToReveal(vis, new Set([proj]), [ctr('redismod-redismod-1').id])).toEqual(new Set([proj]));
    expect(groupsToReveal(vis, new Set(), [ctr('redis-1').id]).size).toBe(0);
  });
});

describe('the clusters layout', () => {
  const all = els([]);
  const { positions, anchorOf } = clusterLayout(all, { aspect: 1.3 });

  it('places every node, each container beside one of its networks, and no two nodes on one spot', () => {
    const nodes = all.filter((e) => e.group === 'nodes' && e.data.kind !== 'project');
    for (const n of nodes) expect(positions.has(n.data.id), n.data.id).toBe(true);
    expect(anchorOf.get(ids.container(ctr('redis-1').id))).toBe(ids.network(net('redis').id));
    const spots = new Set(nodes.map((n) => `${positions.get(n.data.id)!.x},${positions.get(n.data.id)!.y}`));
    expect(spots.size).toBe(nodes.length);
    // Members sit to the right of their network, within a card's reach.
    const n = positions.get(ids.network(net('redis').id))!, c = positions.get(ids.container(ctr('redis-1').id))!;
    expect(c.x).toBeGreaterThan(n.x);
    expect(Math.hypot(c.x - n.x, c.y - n.y)).toBeLessThan(500);
  });

  it('is deterministic, and shaped like the viewport it is asked for', () => {
    expect(clusterLayout(all, { aspect: 1.3 }).positions).toEqual(positions);
    const bbox = (p: Map<string, { x: number; y: number }>) => {
      const xs = [...p.values()].map((q) => q.x), ys = [...p.values()].map((q) => q.y);
      return (Math.max(...xs) - Math.min(...xs)) / (Math.max(...ys) - Math.min(...ys));
    };
    expect(bbox(clusterLayout(all, { aspect: 3 }).positions)).toBeGreaterThan(bbox(clusterLayout(all, { aspect: 0.7 }).positions));
  });

  it('puts a small card under a shorter one in its row rather than widening the picture', () => {
    // Networks with no members (a test's leftover, a network made ahead of time): each one
    // more fits under a card shorter than its row, so the lab is drawn as large as before.
    const size = (t: Topology) => {
      const p = [...clusterLayout(toElements(t, DEFAULT_VIEW), { aspect: 1.27 }).positions.values()];
      return { w: Math.max(...p.map((q) => q.x)) - Math.min(...p.map((q) => q.x)), h: Math.max(...p.map((q) => q.y)) - Math.min(...p.map((q) => q.y)) };
    };
    const withEmpty = (k: number): Topology => ({
      ...topo,
      networks: [...topo.networks, ...Array.from({ length: k }, (_, i) => ({ ...net('mynet'), id: `e${String(i).padStart(63, '0')}`, name: `empty-${i}`, composeProject: null }))],
    });
    // How large the whole can be drawn in a graph 1.27 wide per high (node extents added to the centres' spread).
    const scale = (t: Topology) => { const { w, h } = size(t); return Math.min(1.27 / (w + 224), 1 / (h + 72)); };
    const lab = scale(topo);
    for (const k of [1, 2, 3]) expect(scale(withEmpty(k)) / lab, `${k} empty networks more`).toBeGreaterThanOrEqual(0.999);
  });

  it('puts cards of the same size where the edges between them are shortest', () => {
    // Six networks with one container each (cards of one size); c0 is also on n5.
    type El = import('./elements').GraphElement;
    const el: El[] = [];
    for (let i = 0; i < 6; i++) {
      el.push({ group: 'nodes', data: { id: `net:n${i}`, kind: 'network', label: `n${i}`, name: `n${i}`, ref: `n${i}` }, classes: ['network'] });
      el.push({ group: 'nodes', data: { id: `ctr:c${i}`, kind: 'container', label: `c${i}`, name: `c${i}`, ref: `c${i}` }, classes: ['container'] });
      el.push({ group: 'edges', data: { id: `ep:n${i}:c${i}`, kind: 'endpoint', label: '', ref: '', source: `ctr:c${i}`, target: `net:n${i}` }, classes: [] });
    }
    el.push({ group: 'edges', data: { id: 'ep:n5:c0', kind: 'endpoint', label: '', ref: '', source: 'ctr:c0', target: 'net:n5' }, classes: [] });
    const p = clusterLayout(el, { aspect: 1 }).positions;
    const d = (a: string, b: string) => Math.hypot(p.get(a)!.x - p.get(b)!.x, p.get(a)!.y - p.get(b)!.y);
    // c0's home is n0 (fewest members, then by name); n5's card is as near as any other card's network.
    for (let i = 1; i < 5; i++) expect(d('ctr:c0', 'net:n5'), `n5 no farther from c0 than n${i}`).toBeLessThanOrEqual(d('ctr:c0', `net:n${i}`));
  });

  it('lays out 5,000 containers in well under the 200 ms a page may block', () => {
    const big = bigTopology(5000, 100);
    const t0 = performance.now();
    const e = toElements(big, DEFAULT_VIEW);
    const l = clusterLayout(e);
    const ms = performance.now() - t0;
    expect(l.positions.size).toBeGreaterThan(5000);
    expect(ms).toBeLessThan(1000); // generous for slow CI machines; docs/benchmarks.md has the figure
  });
});

/** A generated topology for the size check (shape of the simulator's). */
function bigTopology(n: number, m: number): Topology {
  const base = topo;
  const networks = Array.from({ length: m }, (_, i) => ({ ...net('mynet'), id: `n${String(i).padStart(63, '0')}`, name: `sim-net-${i}`, composeProject: null }));
  const containers = Array.from({ length: n }, (_, i) => ({ ...ctr('redis-1'), id: `c${String(i).padStart(63, '0')}`, name: `sim-c${i}`, composeProject: i % 7 === 0 ? `proj${i % 50}` : null, links: [], ports: [] }));
  const endpoints = containers.flatMap((c, i) => {
    const e = { ...topo.endpoints[0]!, containerId: c.id, networkId: networks[i % m]!.id, veth: null, aliases: [] };
    return i % 5 === 0 ? [e, { ...e, networkId: networks[(i * 7 + 1) % m]!.id }] : [e];
  });
  return { ...base, networks, containers, endpoints, warnings: [] };
}

describe('foldBudgetOf', () => {
  it('takes a whole number of nodes from ?fold=, else the default', () => {
    expect(foldBudgetOf('?fold=8')).toBe(8);
    expect(foldBudgetOf('')).toBe(FOLD_BUDGET);
    expect(foldBudgetOf('?fold=0')).toBe(FOLD_BUDGET);
    expect(foldBudgetOf('?fold=abc')).toBe(FOLD_BUDGET);
    expect(foldBudgetOf('?fold=2.5')).toBe(FOLD_BUDGET);
  });
});
