/**
 * Topology -> graph elements (plain Cytoscape element definitions). Pure and deterministic:
 * stable ids built from Engine ids, output sorted by id. The Cytoscape wrapper reconciles
 * these by id; the stylesheet keys on `data.kind` and classes.
 */
import type { Topology, TopoContainer, TopoEndpoint, TopoNetwork } from '@/lib/topology/types';
import { isRunning, visibleTopology } from './filter';
import type { ViewState } from './view-state';

export type ElementKind = 'network' | 'container' | 'project' | 'host' | 'bridge' | 'veth' | 'endpoint' | 'link' | 'shares' | 'port' | 'host-mode' | 'bridge-net' | 'veth-bridge' | 'veth-ctr';

export interface GraphElement {
  group: 'nodes' | 'edges';
  data: {
    id: string;
    kind: ElementKind;
    label: string;
    /** The topology object this element stands for (network or container id, or endpoint key). */
    ref: string;
    parent?: string;
    source?: string;
    target?: string;
    [key: string]: unknown;
  };
  classes: string[];
}

export const HOST_NODE_ID = 'host';
export const ids = {
  network: (id: string) => `net:${id}`,
  container: (id: string) => `ctr:${id}`,
  project: (name: string) => `project:${name}`,
  endpoint: (netId: string, ctrId: string) => `ep:${netId}:${ctrId}`,
  bridge: (name: string) => `br:${name}`,
  veth: (name: string) => `veth:${name}`,
};

/** The selection key of an endpoint (used in the URL and the inspector). */
export const endpointRef = (e: Pick<TopoEndpoint, 'networkId' | 'containerId'>) => `${e.networkId}:${e.containerId}`;

function networkLabel(n: TopoNetwork): string {
  const sub = n.subnets[0];
  const lines = [n.name, `${n.driver}${n.builtin ? ' · builtin' : ''}${n.internal ? ' · internal' : ''}${n.scope === 'swarm' ? ' · swarm' : ''}`];
  if (sub) lines.push(`${sub.subnet}${sub.gateway ? ` gw ${sub.gateway}` : ''}`);
  if (n.bridge) lines.push(n.bridge);
  return lines.join('\n');
}

function networkClasses(n: TopoNetwork): string[] {
  const c = ['network', `driver-${n.driver}`];
  if (n.builtin) c.push('builtin');
  if (n.internal) c.push('internal');
  if (n.scope === 'swarm' || n.driver === 'overlay') c.push('overlay');
  if (n.driver === 'null') c.push('none-net');
  if (n.name === 'bridge' && n.builtin) c.push('default-bridge');
  return c;
}

function containerClasses(c: TopoContainer): string[] {
  const out = ['container', `state-${c.state}`];
  if (!isRunning(c)) out.push('stopped');
  if (c.networkMode === 'none') out.push('isolated');
  if (c.networkMode === 'host') out.push('host-mode');
  return out;
}

function endpointLabel(e: TopoEndpoint, c: TopoContainer | undefined): string {
  if (e.ipv4) return e.ipv4;
  if (e.staticIpv4) return `${e.staticIpv4} (stopped)`;
  if (c && !isRunning(c)) return '(stopped)';
  return '';
}

/** Every element the view shows, sorted by id. */
export function toElements(t: Topology, view: ViewState): GraphElement[] {
  const vis = visibleTopology(t, view);
  const out: GraphElement[] = [];
  const node = (data: GraphElement['data'], classes: string[]) => out.push({ group: 'nodes', data, classes });
  const edge = (data: GraphElement['data'], classes: string[]) => out.push({ group: 'edges', data, classes });
  const match = (id: string) => (vis.matches === null ? [] : vis.matches.has(id) ? ['match'] : ['faded']);

  const hostNet = vis.networks.find((n) => n.builtin && n.driver === 'host');
  const ctrById = new Map(vis.containers.map((c) => [c.id, c]));
  const showHost = hostNet !== undefined || vis.containers.some((c) => c.ports.length > 0);

  if (showHost) {
    node({ id: HOST_NODE_ID, kind: 'host', ref: hostNet?.id ?? 'host', label: `host\n${t.engine.name}` }, ['host', ...(hostNet ? match(hostNet.id) : [])]);
  }
  for (const n of vis.networks) {
    if (n === hostNet) continue; // the host network is the host's own stack: the host node
    node({ id: ids.network(n.id), kind: 'network', ref: n.id, label: networkLabel(n), name: n.name, driver: n.driver }, [...networkClasses(n), ...match(n.id)]);
  }

  const projects = new Set(vis.containers.map((c) => c.composeProject).filter((p): p is string => p !== null));
  for (const p of projects) {
    node({ id: ids.project(p), kind: 'project', ref: p, label: `compose: ${p}` }, ['project']);
  }
  for (const c of vis.containers) {
    node({
      id: ids.container(c.id), kind: 'container', ref: c.id, name: c.name, state: c.state,
      label: `${c.name}\n${c.image}`,
      ...(c.composeProject ? { parent: ids.project(c.composeProject) } : {}),
    }, [...containerClasses(c), ...match(c.id)]);
  }

  for (const e of vis.endpoints) {
    const c = ctrById.get(e.containerId);
    const target = hostNet && e.networkId === hostNet.id ? HOST_NODE_ID : ids.network(e.networkId);
    const classes = ['endpoint'];
    if (c && !isRunning(c)) classes.push('stopped');
    if (target === HOST_NODE_ID) classes.push('host-mode');
    edge({
      id: ids.endpoint(e.networkId, e.containerId), kind: 'endpoint', ref: endpointRef(e),
      source: ids.container(e.containerId), target,
      label: endpointLabel(e, c), aliases: e.aliases.join(', '),
    }, classes);
  }

  for (const c of vis.containers) {
    for (const l of c.links) {
      if (!l.containerId || !ctrById.has(l.containerId)) continue;
      edge({
        id: `link:${c.id}:${l.containerId}:${l.alias}`, kind: 'link', ref: c.id,
        source: ids.container(c.id), target: ids.container(l.containerId), label: `--link ${l.alias}`,
      }, ['link', 'legacy']);
    }
    if (c.sharesNetworkWith && ctrById.has(c.sharesNetworkWith)) {
      edge({
        id: `ns:${c.id}:${c.sharesNetworkWith}`, kind: 'shares', ref: c.id,
        source: ids.container(c.id), target: ids.container(c.sharesNetworkWith), label: 'container: namespace',
      }, ['shares']);
    }
    if (showHost) {
      for (const p of c.ports) {
        edge({
          id: `port:${c.id}:${p.hostIp}:${p.hostPort ?? 'auto'}:${p.containerPort}/${p.protocol}`, kind: 'port', ref: c.id,
          source: HOST_NODE_ID, target: ids.container(c.id),
          label: `${p.hostIp}:${p.hostPort ?? '?'} → ${p.containerPort}/${p.protocol}`,
        }, ['port', ...(isRunning(c) ? [] : ['stopped'])]);
      }
    }
  }

  if (view.hostIfaces) addHostInterfaces(vis.networks.filter((n) => n !== hostNet), vis.endpoints, node, edge);

  return out.sort((a, b) => (a.group === b.group ? a.data.id.localeCompare(b.data.id) : a.group === 'nodes' ? -1 : 1));
}

/** Bridges and veth pairs: network — bridge — veth — container, as on the host. */
function addHostInterfaces(
  networks: readonly TopoNetwork[],
  endpoints: readonly TopoEndpoint[],
  node: (d: GraphElement['data'], c: string[]) => void,
  edge: (d: GraphElement['data'], c: string[]) => void,
) {
  const bridges = new Set<string>();
  for (const n of networks) {
    if (!n.bridge) continue;
    bridges.add(n.bridge);
    node({ id: ids.bridge(n.bridge), kind: 'bridge', ref: n.id, label: n.bridge }, ['bridge']);
    edge({ id: `brnet:${n.id}`, kind: 'bridge-net', ref: n.id, source: ids.bridge(n.bridge), target: ids.network(n.id), label: '' }, ['bridge-net']);
  }
  for (const e of endpoints) {
    if (!e.veth) continue;
    const v = e.veth;
    node({ id: ids.veth(v.hostInterface), kind: 'veth', ref: endpointRef(e), label: `${v.hostInterface}\nif${v.hostIfindex}` }, ['veth']);
    edge({
      id: `vethctr:${v.hostInterface}`, kind: 'veth-ctr', ref: endpointRef(e),
      source: ids.container(e.containerId), target: ids.veth(v.hostInterface), label: `${v.containerInterface} ↔ ${v.hostInterface}`,
    }, ['veth-pair']);
    if (v.bridge && bridges.has(v.bridge)) {
      edge({ id: `vethbr:${v.hostInterface}`, kind: 'veth-bridge', ref: endpointRef(e), source: ids.veth(v.hostInterface), target: ids.bridge(v.bridge), label: '' }, ['veth-bridge']);
    }
  }
}
