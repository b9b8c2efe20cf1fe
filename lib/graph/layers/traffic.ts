/**
 * The Traffic layer: who talks to whom now (GET /api/traffic's flows), drawn over the graph.
 * Unlike the other layers it adds elements as well as classes:
 *
 * - each flow is an edge from its client's node to its server's, labelled with the port
 *   (`:7000`), as wide as its rate (where bytes are counted) or its connections, arrowed;
 * - a failing flow (no answer, refused) is its own edge, red and dashed, with the state in its
 *   label; the page lists its reason beside the graph;
 * - the host is the graph's host node (added if the graph has none); a peer outside the host
 *   is a node of its own, one per address;
 * - a container inside a folded group is drawn by the group: its flows become the group's,
 *   merged into one edge per pair of nodes and state with the connections summed; the flows
 *   inside one group are a loop on it ("152 connections inside");
 * - the nodes with traffic are marked `talking`.
 *
 * Pure: the page merges the elements into the graph's (an id the graph has already wins).
 */
import { HOST_NODE_ID, ids } from '@/lib/graph/ids';
import type { GraphElement } from '@/lib/graph/elements';
import type { Flow } from '@/lib/schemas/traffic';
import { formatRate } from '@/lib/traffic/apply';
import type { Topology } from '@/lib/topology/types';
import type { DrawnGraph, LayerMarks } from './layer';

const NAME = 'traffic';
const CLASSES = ['talking'] as const;
const TALKING = ['talking'] as const;

export interface TrafficLayerData {
  flows: readonly Flow[];
  topology: Pick<Topology, 'containers' | 'endpoints'>;
}

export interface TrafficLayer {
  elements: GraphElement[];
  marks: LayerMarks;
}

export const peerId = (address: string) => `peer:${address}`;
const FAILING = new Set(['no-answer', 'refused']);

/** An edge's width from what moves on it: bytes per second on a log scale where counted, else connections. */
export function flowWidth(connections: number, bytesPerSecond: number | null): number {
  if (bytesPerSecond !== null && bytesPerSecond > 0) return Math.min(12, 2 + Math.log10(1 + bytesPerSecond) * 1.6);
  return Math.min(12, 2 + Math.log2(1 + connections) * 1.5);
}


/** The words on a flow's edge: its port, and what is wrong or how much moves. */
export function flowLabel(f: Pick<Flow, 'server' | 'state' | 'connections' | 'attempts' | 'bytesPerSecond' | 'protocol'>, merged = 1): string {
  const port = merged > 1 ? `${merged} flows` : `${f.protocol === 'udp' ? 'udp ' : ''}:${f.server.port}`;
  if (f.state === 'no-answer') return `${port} ✕ no answer`;
  if (f.state === 'refused') return `${port} ✕ refused`;
  if (f.bytesPerSecond) return `${port} · ${formatRate(f.bytesPerSecond)}`;
  return f.connections > 1 ? `${port} ×${f.connections}` : port;
}

export function trafficLayer(data: TrafficLayerData, graph: DrawnGraph): TrafficLayer {
  const byId = new Map(data.topology.containers.map((c) => [c.id, c]));
  const netsOf = new Map<string, string[]>();
  for (const e of data.topology.endpoints) netsOf.set(e.containerId, [...(netsOf.get(e.containerId) ?? []), e.networkId]);
  /** The node a container is drawn as: its own, its folded project's, or a folded network's it is on. */
  const nodeOf = (id: string): string | null => {
    if (graph.has(ids.container(id))) return ids.container(id);
    const c = byId.get(id);
    const owner = c?.sharesNetworkWith ?? null;
    if (c?.composeProject && graph.has(ids.project(c.composeProject))) return ids.project(c.composeProject);
    for (const n of netsOf.get(owner ?? id) ?? []) if (graph.has(ids.network(n))) return ids.network(n);
    return null;
  };
  const elements: GraphElement[] = [];
  const added = new Set<string>();
  const ensure = (el: GraphElement) => {
    if (graph.has(el.data.id) || added.has(el.data.id)) return;
    added.add(el.data.id);
    elements.push(el);
  };
  const endOf = (p: Flow['client']): string | null => {
    if (p.containerId) return nodeOf(p.containerId);
    if (p.name === 'host') {
      ensure({ group: 'nodes', data: { id: HOST_NODE_ID, kind: 'host', ref: 'host', label: 'host', name: 'host' }, classes: ['host'] });
      return HOST_NODE_ID;
    }
    const id = peerId(p.address);
    ensure({ group: 'nodes', data: { id, kind: 'peer', ref: p.address, label: p.address, name: p.address }, classes: ['peer'] });
    return id;
  };

  const talking = new Set<string>();
  const merged = new Map<string, { source: string; target: string; flows: Flow[]; failing: boolean }>();
  const inside = new Map<string, Flow[]>();
  for (const f of data.flows) {
    const source = endOf(f.client);
    const target = endOf(f.server);
    if (!source || !target) continue;
    if (source === target) {
      // Both ends inside one folded group: the group's own traffic, one loop on it.
      if (source === ids.container(f.client.containerId ?? '')) continue; // a container talking to itself
      const key = `flows-inside:${source}`;
      const m = inside.get(key);
      if (m) m.push(f);
      else inside.set(key, [f]);
      talking.add(source);
      continue;
    }
    talking.add(source);
    talking.add(target);
    const failing = FAILING.has(f.state);
    const direct = source === ids.container(f.client.containerId ?? '') || !f.client.containerId;
    const directTo = target === ids.container(f.server.containerId ?? '') || !f.server.containerId;
    const key = direct && directTo ? f.id : `flows:${source}>${target}:${failing ? 'failing' : 'ok'}`;
    const m = merged.get(key);
    if (m) m.flows.push(f);
    else merged.set(key, { source, target, flows: [f], failing });
  }
  for (const [key, m] of merged) {
    const f = m.flows[0]!;
    const sum = m.flows.reduce((a, x) => ({ connections: a.connections + x.connections, attempts: a.attempts + x.attempts, closed: a.closed + x.closed, bps: x.bytesPerSecond === null ? a.bps : (a.bps ?? 0) + x.bytesPerSecond }), { connections: 0, attempts: 0, closed: 0, bps: null as number | null });
    const state = m.flows.length === 1 ? f.state : m.failing ? (m.flows.some((x) => x.state === 'refused') ? 'refused' : 'no-answer') : sum.connections > 0 ? 'open' : 'closed';
    const classes = ['flow', ...(m.failing ? ['flow-failing'] : []), ...(state === 'closed' ? ['flow-closed'] : [])];
    elements.push({
      group: 'edges',
      data: {
        id: key, kind: 'flow', ref: m.flows.length === 1 ? f.id : key, source: m.source, target: m.target,
        label: flowLabel({ ...f, state, connections: sum.connections, attempts: sum.attempts, bytesPerSecond: sum.bps }, m.flows.length),
        fw: flowWidth(sum.connections + (state === 'closed' ? Math.min(sum.closed, 3) : 0) + (m.failing ? 1 : 0), sum.bps),
        state, connections: sum.connections, attempts: sum.attempts, flows: m.flows.length,
      },
      classes,
    });
  }
  for (const [key, flows] of inside) {
    const node = key.slice('flows-inside:'.length);
    const connections = flows.reduce((n, f) => n + f.connections, 0);
    const failing = flows.filter((f) => FAILING.has(f.state)).length;
    const bps = flows.some((f) => f.bytesPerSecond !== null) ? flows.reduce((n, f) => n + (f.bytesPerSecond ?? 0), 0) : null;
    elements.push({
      group: 'edges',
      data: {
        id: key, kind: 'flow', ref: key, source: node, target: node,
        label: `${connections} connection${connections === 1 ? '' : 's'} inside${failing ? `, ${failing} failing` : ''}${bps ? ` · ${formatRate(bps)}` : ''}`,
        fw: flowWidth(connections, bps), state: failing && !connections ? 'no-answer' : connections ? 'open' : 'closed', connections, flows: flows.length,
      },
      classes: ['flow', 'flow-inside', ...(failing ? ['flow-failing'] : [])],
    });
  }
  elements.sort((a, b) => (a.data.id < b.data.id ? -1 : a.data.id > b.data.id ? 1 : 0));
  return { elements, marks: { layer: NAME, classes: CLASSES, marks: new Map([...talking].filter((id) => graph.has(id)).map((id) => [id, TALKING])) } };
}
