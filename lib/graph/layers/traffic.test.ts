import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toElements } from '@/lib/graph/elements';
import { ids } from '@/lib/graph/ids';
import { DEFAULT_VIEW } from '@/lib/graph/view-state';
import type { Flow } from '@/lib/schemas/traffic';
import type { Topology } from '@/lib/topology/types';
import { drawnGraph } from './layer';
import { flowLabel, flowWidth, trafficLayer } from './traffic';

const topo = JSON.parse(readFileSync(join(__dirname, '../../traffic/fixtures/topology.json'), 'utf8')) as Topology;
const t: Topology = { ...topo, warnings: [] };
const ctr = (name: string) => t.containers.find((c) => c.name === name)!;
const net = (name: string) => t.networks.find((n) => n.name === name)!;
const flow = (client: string | null, server: string | null, over: Partial<Flow> = {}): Flow => ({
  id: `flow:${client}>${server}`, protocol: 'tcp',
  client: { containerId: client ? ctr(client).id : null, address: client ? '10.205.0.3' : '203.0.113.7', name: client ?? '203.0.113.7' },
  server: { containerId: server ? ctr(server).id : null, address: '10.205.0.2', name: server ?? 'host', port: 7000, containerPort: null },
  networkId: net('lab-traffic').id, via: 'network', state: 'open', connections: 1, attempts: 0, closed: 0, bytesPerSecond: null, since: 'x', seenFrom: ['client'], reason: null, ...over,
});

describe('the Traffic layer', () => {
  const elements = toElements(t, DEFAULT_VIEW);
  const graph = drawnGraph(elements);

  it('draws a flow as an edge from client to server, labelled with its port, and marks both ends', () => {
    const l = trafficLayer({ flows: [flow('traffic-holder', 'traffic-server')], topology: t }, graph);
    expect(l.elements).toHaveLength(1);
    expect(l.elements[0]).toMatchObject({ group: 'edges', classes: ['flow'], data: { kind: 'flow', source: ids.container(ctr('traffic-holder').id), target: ids.container(ctr('traffic-server').id), label: ':7000' } });
    expect([...l.marks.marks.keys()].sort()).toEqual([ids.container(ctr('traffic-holder').id), ids.container(ctr('traffic-server').id)].sort());
  });

  it('draws a failing flow apart, and an outside peer as a node of its own', () => {
    const l = trafficLayer({ flows: [flow('traffic-lost', 'traffic-server', { state: 'no-answer', connections: 0, attempts: 1 }), flow(null, 'traffic-server', { via: 'outside' })], topology: t }, graph);
    const failing = l.elements.find((e) => e.data.kind === 'flow' && e.classes.includes('flow-failing'))!;
    expect(failing.data.label).toBe(':7000 ✕ no answer');
    expect(l.elements.find((e) => e.data.kind === 'peer')).toMatchObject({ data: { id: 'peer:203.0.113.7', label: '203.0.113.7' } });
  });

  it('merges the flows of a folded group into one edge per pair of nodes, and those inside it into a loop', () => {
    const folded = new Set([ids.network(net('lab-traffic').id)]);
    const g = drawnGraph(toElements(t, DEFAULT_VIEW, folded));
    const l = trafficLayer({ flows: [flow('traffic-holder', 'traffic-server'), flow('traffic-poller', 'traffic-server'), flow('traffic-lost', 'traffic-server', { state: 'no-answer', connections: 0, attempts: 2 })], topology: t }, g);
    const edges = l.elements.filter((e) => e.group === 'edges');
    // traffic-lost is on lab-traffic-far (not folded): one failing edge from it to the folded network; the two inside are a loop on it.
    expect(edges).toHaveLength(2);
    expect(edges.find((e) => e.data.source !== e.data.target)!.data).toMatchObject({ source: ids.container(ctr('traffic-lost').id), target: ids.network(net('lab-traffic').id), state: 'no-answer' });
    expect(edges.find((e) => e.data.source === e.data.target)).toMatchObject({ classes: ['flow', 'flow-inside'], data: { source: ids.network(net('lab-traffic').id), label: '2 connections inside', connections: 2 } });
  });

  it('is as wide as the rate where bytes are counted, else the connections', () => {
    expect(flowWidth(1, null)).toBeLessThan(flowWidth(10, null));
    expect(flowWidth(1, 100)).toBeLessThan(flowWidth(1, 1e6));
    expect(flowWidth(1e9, 1e12)).toBe(12);
    expect(flowLabel({ server: { port: 80 } as Flow['server'], state: 'open', connections: 3, attempts: 0, bytesPerSecond: 2500, protocol: 'tcp' })).toBe(':80 · 2.5 kB/s');
  });
});
