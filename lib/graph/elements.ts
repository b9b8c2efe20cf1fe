/**
 * Topology -> graph elements (plain Cytoscape element definitions). Pure and deterministic:
 * stable ids built from Engine ids, output sorted by id. The Cytoscape wrapper reconciles
 * these by id; the stylesheet keys on `data.kind` and classes.
 */
import { hostPortText } from '@/lib/net/cidr';
import type { Topology, TopoContainer, TopoEndpoint, TopoNetwork } from '@/lib/topology/types';
import { isRunning, visibleTopology } from './filter';
import { memberCounts, placeContainers } from './fold';
import { AGENT_LABEL } from '@/lib/agent/protocol';
import { ENGINE_GROUP, FLEET_ENGINE_ID } from '@/lib/fleet/merge';
import { endpointRef, HOST_NODE_ID, ids } from './ids';
import type { ViewState } from './view-state';
import { nodeNames, swarmGroup } from './grouping';
import { CONTAINER_MAX_W, CONTAINER_TEXT_PAD, NODE, labelWidth } from './geometry';
import { middleEllipsis, shownName, textWidth } from './text-fit';

export type ElementKind = 'network' | 'container' | 'project' | 'host' | 'bridge' | 'veth' | 'endpoint' | 'link' | 'shares' | 'port' | 'host-mode' | 'bridge-net' | 'veth-bridge' | 'veth-ctr' | 'aggregate' | 'vip' | 'flow' | 'peer';

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


/** Each line of a node's label shortened in the middle to the room its node has (the full text stays in `name`). */
function fitted(kind: keyof typeof NODE, lines: readonly string[], folded = false): string {
  const { max, font, bold } = labelWidth(kind, folded);
  return lines.map((l) => middleEllipsis(l, max, font, bold)).join('\n');
}

function networkLabel(n: TopoNetwork, folded: number | null): string {
  const sub = n.subnets[0];
  const kind = [n.driver, n.builtin ? 'builtin' : '', n.internal ? 'internal' : '', n.scope === 'swarm' ? 'swarm' : ''].filter(Boolean).join(' · ');
  // In the fleet (lib/fleet/merge) an engine's own network says whose it is: names repeat across engines.
  const engine = n.composeProject?.startsWith(ENGINE_GROUP) ? n.composeProject.slice(ENGINE_GROUP.length) : null;
  const lines = [engine ? `${n.name} · ${engine}` : n.name, kind];
  if (sub) lines.push(sub.subnet);
  if (folded !== null) lines.push(`▸ ${plural(folded, 'container')} (folded)`);
  return fitted('network', lines, folded !== null);
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

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
  if (c.labels[AGENT_LABEL] !== undefined) out.push('switchyard-agent');
  return out;
}

/**
 * A container's label and its node's width: as wide as its name needs, between the usual width
 * and CONTAINER_MAX_W (a name is what tells containers apart; the image line, and a longer name,
 * are shortened in the middle to what the node has, the state kept at the end).
 */
function containerLabel(c: TopoContainer): { label: string; w: number | null } {
  const state = c.state === 'running' ? '' : ` · ${c.state}${c.state === 'exited' && c.exitCode !== null ? ` (${c.exitCode})` : ''}`;
  const { font } = labelWidth('container', false);
  const image = `${c.image}${state}`;
  const want = textWidth(shownName(c.name), font);
  const w = Math.min(CONTAINER_MAX_W, Math.max(NODE.container.w, Math.ceil(want) + CONTAINER_TEXT_PAD));
  const max = w - CONTAINER_TEXT_PAD;
  return { label: [shownName(c.name, max, font), middleEllipsis(image, max, font)].join('\n'), w: w > NODE.container.w ? w : null };
}

function endpointLabel(e: TopoEndpoint, c: TopoContainer | undefined): string {
  if (e.ipv4) return e.ipv4;
  if (e.staticIpv4) return `${e.staticIpv4} (stopped)`;
  if (c && !isRunning(c)) return '(stopped)';
  return '';
}

/**
 * Every element the view shows, sorted by id. `collapsed` holds the group nodes folded
 * (lib/graph/fold): their members are not drawn, and the edges that would have run to them
 * run to the group instead, merged into one edge with a count per pair of nodes.
 */
export function toElements(t: Topology, view: Omit<ViewState, 'engine' | 'group' | 'traffic' | 'trafficEvery' | 'exposure' | 'drift'>, collapsed: ReadonlySet<string> = NONE): GraphElement[] {
  // What a search matches is the search layer's (lib/graph/layers/search): not an element's own class.
  const vis = visibleTopology(t, { ...view, q: '' });
  const out: GraphElement[] = [];
  const node = (data: GraphElement['data'], classes: string[]) => out.push({ group: 'nodes', data, classes });
  const edge = (data: GraphElement['data'], classes: string[]) => out.push({ group: 'edges', data, classes });

  // The fleet's engines each have a host of their own: their host networks are drawn as networks
  // (in their engine's group), and the host node holds only the published ports.
  const hostNet = t.engine.id === FLEET_ENGINE_ID ? undefined : vis.networks.find((n) => n.builtin && n.driver === 'host');
  const ctrById = new Map(vis.containers.map((c) => [c.id, c]));
  const showHost = hostNet !== undefined || vis.containers.some((c) => c.ports.length > 0);
  const rep = placeContainers(vis, collapsed);
  const counts = memberCounts(vis);
  /** The node a container is drawn as (a folded network stands for it when it has no node). */
  const nodeOf = (id: string): string | null => {
    const r = rep.get(id);
    if (!r) return null;
    return r.kind === 'self' ? ids.container(id) : r.kind === 'project' ? r.key : r.keys[0]!;
  };

  if (showHost) {
    node({ id: HOST_NODE_ID, kind: 'host', ref: hostNet?.id ?? 'host', label: fitted('host', ['host', t.engine.name]), name: t.engine.name }, ['host']);
  }
  for (const n of vis.networks) {
    if (n === hostNet) continue; // the host network is the host's own stack: the host node
    const id = ids.network(n.id);
    const folded = collapsed.has(id) ? counts.get(id) ?? 0 : null;
    node({ id, kind: 'network', ref: n.id, label: networkLabel(n, folded), name: n.name, driver: n.driver, members: counts.get(id) ?? 0 },
      [...networkClasses(n), ...(folded !== null ? ['collapsed'] : [])]);
  }

  const visibleNets = new Set(vis.networks.map((n) => n.id));
  const projects = new Map<string, number>();
  for (const c of vis.containers) {
    const r = rep.get(c.id)!;
    if (c.composeProject && r.kind !== 'networks') projects.set(c.composeProject, (projects.get(c.composeProject) ?? 0) + 1);
  }
  for (const [p, n] of projects) {
    const id = ids.project(p);
    const folded = collapsed.has(id);
    const swarm = swarmGroup(p);
    const lines = [...groupHead(t, p).split('\n'), ...(folded ? [`▸ ${plural(counts.get(id) ?? n, 'container')} (folded)`] : [])];
    node({ id, kind: 'project', ref: p, label: fitted('project', lines, folded), name: p, members: counts.get(id) ?? n, ...(swarm ? { grouping: swarm.kind } : {}) },
      ['project', ...(swarm ? [`group-${swarm.kind}`] : []), ...(folded ? ['collapsed'] : [])]);
    // A service's virtual IPs: one per network, what its name resolves to there.
    const service = swarm?.kind === 'service' ? t.swarm?.services.find((s) => s.name === swarm.name) : undefined;
    for (const v of service?.vips ?? []) {
      if (!visibleNets.has(v.networkId)) continue;
      edge({ id: ids.vip(service!.id, v.networkId), kind: 'vip', ref: p, source: id, target: ids.network(v.networkId), label: `VIP ${v.address}` }, ['vip']);
    }
  }
  for (const c of vis.containers) {
    if (rep.get(c.id)!.kind !== 'self') continue;
    const { label, w } = containerLabel(c);
    node({
      id: ids.container(c.id), kind: 'container', ref: c.id, name: c.name, state: c.state,
      label, ...(w ? { w, tw: w - CONTAINER_TEXT_PAD } : {}),
      ...(c.composeProject ? { parent: ids.project(c.composeProject) } : {}),
    }, containerClasses(c));
  }

  // Edges that run between groups are merged: one per (kind, source, target), with a count.
  const merged = new Map<string, { kind: string; source: string; target: string; count: number; stopped: boolean }>();
  const merge = (kind: string, a: string, b: string, stopped: boolean) => {
    if (a === b) return;
    const [source, target] = kind === 'shared' && b < a ? [b, a] : [a, b];
    const key = ids.aggregate(kind, source, target);
    const m = merged.get(key);
    if (m) {
      m.count++;
      m.stopped &&= stopped;
    } else merged.set(key, { kind, source, target, count: 1, stopped });
  };

  for (const e of vis.endpoints) {
    const c = ctrById.get(e.containerId);
    const target = hostNet && e.networkId === hostNet.id ? HOST_NODE_ID : ids.network(e.networkId);
    const r = rep.get(e.containerId);
    const stopped = !!c && !isRunning(c);
    if (r?.kind === 'project') {
      merge('members', r.key, target, stopped);
      continue;
    }
    if (r?.kind === 'networks') continue; // drawn as shared members between its networks, below
    const classes = ['endpoint'];
    if (stopped) classes.push('stopped');
    if (target === HOST_NODE_ID) classes.push('host-mode');
    edge({
      id: ids.endpoint(e.networkId, e.containerId), kind: 'endpoint', ref: endpointRef(e),
      source: ids.container(e.containerId), target,
      label: endpointLabel(e, c), aliases: e.aliases.join(', '),
    }, classes);
  }
  for (const c of vis.containers) {
    const r = rep.get(c.id)!;
    if (r.kind !== 'networks' || c.sharesNetworkWith) continue;
    for (let i = 0; i < r.keys.length; i++) for (let j = i + 1; j < r.keys.length; j++) merge('shared', r.keys[i]!, r.keys[j]!, !isRunning(c));
  }

  for (const c of vis.containers) {
    const self = rep.get(c.id)!.kind === 'self';
    for (const l of c.links) {
      if (!l.containerId || !ctrById.has(l.containerId)) continue;
      if (self && rep.get(l.containerId)!.kind === 'self') {
        edge({
          id: ids.link(c.id, l.containerId, l.alias), kind: 'link', ref: c.id,
          source: ids.container(c.id), target: ids.container(l.containerId), label: `--link ${l.alias}`,
        }, ['link', 'legacy']);
      } else merge('link', nodeOf(c.id)!, nodeOf(l.containerId)!, !isRunning(c));
    }
    if (c.sharesNetworkWith && ctrById.has(c.sharesNetworkWith)) {
      if (self && rep.get(c.sharesNetworkWith)!.kind === 'self') {
        edge({
          id: ids.shares(c.id, c.sharesNetworkWith), kind: 'shares', ref: c.id,
          source: ids.container(c.id), target: ids.container(c.sharesNetworkWith), label: 'container: namespace',
        }, ['shares']);
      } else merge('shares', nodeOf(c.id)!, nodeOf(c.sharesNetworkWith)!, !isRunning(c));
    }
    if (showHost) {
      for (const p of c.ports) {
        if (!self) {
          merge('port', HOST_NODE_ID, nodeOf(c.id)!, !isRunning(c));
          continue;
        }
        edge({
          id: ids.port(c.id, p), kind: 'port', ref: c.id,
          source: HOST_NODE_ID, target: ids.container(c.id),
          label: `${hostPortText(p.hostIp, p.hostPort)} → ${p.containerPort}/${p.protocol}`,
        }, ['port', ...(isRunning(c) ? [] : ['stopped'])]);
      }
    }
  }
  const what: Record<string, string> = { members: 'connection', shared: 'shared container', link: '--link', shares: 'shared namespace', port: 'published port' };
  for (const [key, m] of merged) {
    edge({
      id: key, kind: 'aggregate', ref: m.source, source: m.source, target: m.target, count: m.count, via: m.kind,
      label: m.kind === 'link' || m.kind === 'port' ? `${m.count} × ${what[m.kind]}` : plural(m.count, what[m.kind]!),
    }, ['aggregate', `agg-${m.kind}`, ...(m.stopped ? ['stopped'] : [])]);
  }

  if (view.hostIfaces) {
    const shown = vis.endpoints.filter((e) => rep.get(e.containerId)?.kind === 'self');
    addHostInterfaces(vis.networks.filter((n) => n !== hostNet), shown, node, edge);
  }

  return out.sort((a, b) => (a.group === b.group ? (a.data.id < b.data.id ? -1 : a.data.id > b.data.id ? 1 : 0) : a.group === 'nodes' ? -1 : 1));
}

const NONE: ReadonlySet<string> = new Set();

/** A group's first lines: a compose project, or a swarm service (mode, tasks running) or node (role, availability). */
function groupHead(t: Pick<Topology, 'swarm'>, key: string): string {
  const g = swarmGroup(key);
  if (key.startsWith(ENGINE_GROUP)) return key; // the fleet's groups (lib/fleet/merge)
  if (!g) return `compose: ${key}`;
  if (g.kind === 'service') {
    const s = t.swarm?.services.find((x) => x.name === g.name);
    const tasks = s ? (s.replicas === null ? `${s.running} running` : `${s.running}/${s.replicas} running`) : null;
    return [`service: ${g.name}`, s ? `${s.mode} · ${tasks}` : null].filter(Boolean).join('\n');
  }
  const names = t.swarm ? nodeNames(t.swarm) : new Map<string, string>();
  const n = t.swarm?.nodes.find((x) => names.get(x.id) === g.name);
  return [`node: ${g.name}`, n ? `${n.role}${n.leader ? ' (leader)' : ''} · ${n.availability} · ${n.state}` : null].filter(Boolean).join('\n');
}

/** The host interface a macvlan or ipvlan network sits on (`-o parent=`), or null. */
export const parentOf = (n: Pick<TopoNetwork, 'driver' | 'options'>): string | null =>
  (n.driver === 'macvlan' || n.driver === 'ipvlan') ? n.options.parent || null : null;

/** Bridges and veth pairs: network — bridge — veth — container, as on the host; macvlan and ipvlan parents. */
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
    node({ id: ids.bridge(n.bridge), kind: 'bridge', ref: n.id, label: fitted('bridge', [n.bridge]), name: n.bridge }, ['bridge']);
    edge({ id: ids.bridgeNet(n.id), kind: 'bridge-net', ref: n.id, source: ids.bridge(n.bridge), target: ids.network(n.id), label: '' }, ['bridge-net']);
  }
  // macvlan and ipvlan networks hang off a host interface (their parent), not a bridge.
  for (const n of networks) {
    const parent = parentOf(n);
    if (!parent) continue;
    if (!bridges.has(parent)) node({ id: ids.bridge(parent), kind: 'bridge', ref: n.id, label: fitted('bridge', [parent, `${n.driver} parent`]), name: parent }, ['bridge', 'parent-iface']);
    bridges.add(parent);
    edge({ id: ids.bridgeNet(n.id), kind: 'bridge-net', ref: n.id, source: ids.bridge(parent), target: ids.network(n.id), label: `parent of ${n.driver}` }, ['bridge-net', 'parent-net']);
  }
  for (const e of endpoints) {
    if (!e.veth) continue;
    const v = e.veth;
    node({ id: ids.veth(v.hostInterface), kind: 'veth', ref: endpointRef(e), label: fitted('veth', [v.hostInterface, `if${v.hostIfindex}`]), name: v.hostInterface }, ['veth']);
    edge({
      id: ids.vethContainer(v.hostInterface), kind: 'veth-ctr', ref: endpointRef(e),
      source: ids.container(e.containerId), target: ids.veth(v.hostInterface), label: `${v.containerInterface} ↔ ${v.hostInterface}`,
    }, ['veth-pair']);
    if (v.bridge && bridges.has(v.bridge)) {
      edge({ id: ids.vethBridge(v.hostInterface), kind: 'veth-bridge', ref: endpointRef(e), source: ids.veth(v.hostInterface), target: ids.bridge(v.bridge), label: '' }, ['veth-bridge']);
    }
  }
}
