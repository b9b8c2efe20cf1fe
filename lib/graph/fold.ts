/**
 * Folding: a network or a compose project can be collapsed into one node that stands for
 * its members. Pure; keyed by the graph ids of the group nodes (`net:<id>`, `project:<name>`).
 *
 * Where a container goes when groups are folded:
 * - in a folded compose project: into the project's node;
 * - else, when every network it is on is folded: into those networks (it is counted in each;
 *   a container on two folded networks becomes part of an aggregated edge between them);
 * - a container in another's namespace (`container:X`) goes wherever X goes;
 * - otherwise it stays a node of its own (a folded network of its keeps an edge to it).
 */
import type { TopoNetwork } from '@/lib/topology/types';
import type { VisibleTopology } from './filter';
import { ids, parseNodeId } from './ids';
import { nodesParam } from './view-state';

/** About as many nodes as a first view can show with labels still readable: past it, the largest groups fold. */
export const FOLD_BUDGET = 60;

/** The size rule's budget: FOLD_BUDGET nodes, or `?fold=<nodes>` in the page's URL (to try a small host folded). */
export const foldBudgetOf = (search: string): number => nodesParam(search, 'fold', FOLD_BUDGET);


export interface FoldGroup {
  key: string;
  kind: 'network' | 'project';
  /** Network id or project name. */
  ref: string;
  name: string;
  /** Containers it holds. */
  size: number;
}

type Vis = Pick<VisibleTopology, 'networks' | 'containers' | 'endpoints'>;

/** Whether a network can be folded: the host network is the host's own stack, never a group. */
export const foldable = (n: Pick<TopoNetwork, 'builtin' | 'driver'>) => !(n.builtin && n.driver === 'host');

/** The groups of a view, largest first (ties: networks before projects, then by name). */
export function foldGroups(vis: Vis): FoldGroup[] {
  const perNet = new Map<string, number>();
  for (const e of vis.endpoints) perNet.set(e.networkId, (perNet.get(e.networkId) ?? 0) + 1);
  const perProject = new Map<string, number>();
  for (const c of vis.containers) if (c.composeProject) perProject.set(c.composeProject, (perProject.get(c.composeProject) ?? 0) + 1);
  const groups: FoldGroup[] = [];
  for (const n of vis.networks) {
    if (foldable(n)) groups.push({ key: ids.network(n.id), kind: 'network', ref: n.id, name: n.name, size: perNet.get(n.id) ?? 0 });
  }
  for (const [p, size] of perProject) groups.push({ key: ids.project(p), kind: 'project', ref: p, name: p, size });
  return groups.sort((a, b) => b.size - a.size || (a.kind === b.kind ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.kind === 'network' ? -1 : 1));
}

/** Where a container is drawn: as its own node, inside a folded project, or folded into its networks. */
export type Placement = { kind: 'self' } | { kind: 'project'; key: string } | { kind: 'networks'; keys: string[] };

/** What placing a container needs, read from the view once: folding tries many sets of groups. */
interface Member {
  id: string;
  project: string | null;
  /** Group keys of its networks, or null when one of them cannot fold (it never folds away). */
  nets: string[] | null;
  sharesWith: string | null;
}

/** The view's containers prepared for placing (placeContainers, nodeCount, autoFold). */
function members(vis: Vis): Member[] {
  const netById = new Map(vis.networks.map((n) => [n.id, n]));
  const nets = new Map<string, string[] | null>();
  for (const e of vis.endpoints) {
    const ok = foldable(netById.get(e.networkId) ?? { builtin: false, driver: '' });
    const list = nets.get(e.containerId);
    if (list === null) continue;
    if (!ok) nets.set(e.containerId, null);
    else if (list) list.push(ids.network(e.networkId));
    else nets.set(e.containerId, [ids.network(e.networkId)]);
  }
  return vis.containers.map((c) => ({
    id: c.id,
    project: c.composeProject ? ids.project(c.composeProject) : null,
    nets: nets.has(c.id) ? nets.get(c.id)! : [],
    sharesWith: c.sharesNetworkWith ?? null,
  }));
}

/** Network and host nodes: the host network is drawn as the host node; without it, a host node shows published ports. */
const fixedNodes = (vis: Vis) => vis.networks.length + (vis.networks.some((x) => !foldable(x)) ? 0 : 1);

/**
 * The members as integer arrays, so placing them under many sets of folded groups allocates
 * nothing per container (autoFold tries one set per group: 150 groups x 5,000 containers).
 */
interface Indexed {
  members: readonly Member[];
  groups: Map<string, number>;
  /** Per container: its project's group index, or -1. */
  project: Int32Array;
  /** Per container: its project's index among projects (for counting distinct ones), or -1. */
  projectNo: Int32Array;
  projects: number;
  /** Per container: its networks' group indices, or null when one cannot fold. */
  nets: (Int32Array | null)[];
  /** Per container: the index of the container whose namespace it shares, or -1. */
  share: Int32Array;
}

function indexed(ms: readonly Member[]): Indexed {
  const groups = new Map<string, number>();
  const gi = (k: string) => {
    let i = groups.get(k);
    if (i === undefined) groups.set(k, (i = groups.size));
    return i;
  };
  const index = new Map(ms.map((m, i) => [m.id, i]));
  const projectNos = new Map<string, number>();
  const n = ms.length;
  const c: Indexed = { members: ms, groups, project: new Int32Array(n), projectNo: new Int32Array(n), projects: 0, nets: [], share: new Int32Array(n) };
  ms.forEach((m, i) => {
    c.project[i] = m.project ? gi(m.project) : -1;
    if (m.project && !projectNos.has(m.project)) projectNos.set(m.project, projectNos.size);
    c.projectNo[i] = m.project ? projectNos.get(m.project)! : -1;
    c.nets.push(m.nets ? Int32Array.from(m.nets, gi) : null);
    c.share[i] = m.sharesWith ? index.get(m.sharesWith) ?? -1 : -1;
  });
  c.projects = projectNos.size;
  return c;
}

const SELF_K = 0, PROJECT_K = 1, NETWORKS_K = 2;

/**
 * The placement rule: per container, how it is drawn (`kind`) and whose placement it takes
 * (`from`: itself, or the container whose namespace it shares).
 */
function placeIndexed(c: Indexed, collapsed: ReadonlySet<string>): { kind: Uint8Array; from: Int32Array } {
  const folded = new Uint8Array(c.groups.size);
  for (const k of collapsed) {
    const i = c.groups.get(k);
    if (i !== undefined) folded[i] = 1;
  }
  const n = c.project.length;
  const kind = new Uint8Array(n);
  const from = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    from[i] = i;
    const p = c.project[i]!;
    if (p >= 0 && folded[p]) {
      kind[i] = PROJECT_K;
      continue;
    }
    const nets = c.nets[i];
    let all = !!nets && nets.length > 0;
    if (nets) for (let j = 0; all && j < nets.length; j++) all = folded[nets[j]!] === 1;
    kind[i] = all ? NETWORKS_K : SELF_K;
  }
  // A container in another's namespace follows it, unless its own project is folded.
  for (let i = 0; i < n; i++) {
    const h = c.share[i]!;
    if (h < 0 || kind[i] === PROJECT_K || kind[h] === SELF_K) continue;
    kind[i] = kind[h]!;
    from[i] = from[h]!;
  }
  return { kind, from };
}

const SELF: Placement = { kind: 'self' };

/** Where each visible container is drawn under a set of folded groups. */
export function placeContainers(vis: Vis, collapsed: ReadonlySet<string>): Map<string, Placement> {
  const c = indexed(members(vis));
  const { kind, from } = placeIndexed(c, collapsed);
  const rep = new Map<string, Placement>();
  c.members.forEach((m, i) => {
    const src = c.members[from[i]!]!;
    rep.set(m.id, kind[i] === PROJECT_K ? { kind: 'project', key: src.project! } : kind[i] === NETWORKS_K ? { kind: 'networks', keys: src.nets! } : SELF);
  });
  return rep;
}

/** How many nodes are drawn under a set of folded groups: the fixed ones, containers drawn as themselves, projects not folded into networks. */
function countNodes(fixed: number, c: Indexed, collapsed: ReadonlySet<string>): number {
  const { kind } = placeIndexed(c, collapsed);
  let count = fixed;
  const seen = new Uint8Array(c.projects);
  for (let i = 0; i < kind.length; i++) {
    if (kind[i] === SELF_K) count++;
    const pn = c.projectNo[i]!;
    if (pn >= 0 && kind[i] !== NETWORKS_K && !seen[pn]) {
      seen[pn] = 1;
      count++;
    }
  }
  return count;
}

/** How many nodes the graph has under a set of folded groups (networks, projects, containers, host). */
export function nodeCount(vis: Vis, collapsed: ReadonlySet<string>): number {
  return countNodes(fixedNodes(vis), indexed(members(vis)), collapsed);
}

/**
 * The groups to fold so the graph has at most `budget` nodes: the largest first, one at a
 * time, each only if it makes the graph smaller, until it fits (or nothing more would help).
 * Empty when the graph already fits.
 */
export function autoFold(vis: Vis, budget: number): Set<string> {
  const folded = new Set<string>();
  const c = indexed(members(vis));
  const fixed = fixedNodes(vis);
  let count = countNodes(fixed, c, folded);
  if (count <= budget) return folded;
  for (const g of foldGroups(vis)) {
    if (g.size < 2) break; // folding a group of one saves nothing
    folded.add(g.key);
    const next = countNodes(fixed, c, folded);
    // A project whose containers are already folded into their networks would add a node.
    if (next >= count) {
      folded.delete(g.key);
      continue;
    }
    count = next;
    if (count <= budget) break;
  }
  return folded;
}

/**
 * The groups to open so that every given container is drawn as its own node: its folded
 * project, and the smallest of its networks when all of them are folded (the least to
 * unfold). A container in another's namespace is revealed by revealing that one.
 */
export function groupsToReveal(vis: Vis, collapsed: ReadonlySet<string>, containerIds: Iterable<string>): Set<string> {
  const rep = placeContainers(vis, collapsed);
  const size = new Map(foldGroups(vis).map((g) => [g.key, g.size]));
  const ctrById = new Map(vis.containers.map((c) => [c.id, c]));
  const netById = new Map(vis.networks.map((n) => [n.id, n]));
  const netsOf = new Map<string, string[]>();
  for (const e of vis.endpoints) netsOf.set(e.containerId, [...(netsOf.get(e.containerId) ?? []), ids.network(e.networkId)]);
  const open = new Set<string>();
  for (const id of containerIds) {
    let c = ctrById.get(id);
    if (!c || rep.get(id)?.kind === 'self') continue;
    if (c.composeProject && collapsed.has(ids.project(c.composeProject))) open.add(ids.project(c.composeProject));
    if (c.sharesNetworkWith && ctrById.has(c.sharesNetworkWith)) c = ctrById.get(c.sharesNetworkWith)!;
    const nets = netsOf.get(c.id) ?? [];
    const folded = nets.filter((k) => collapsed.has(k) && !open.has(k) && foldable(netById.get(parseNodeId(k)?.ref ?? '') ?? { builtin: false, driver: '' }));
    if (nets.length > 0 && folded.length === nets.length) {
      open.add(folded.sort((a, b) => (size.get(a) ?? 0) - (size.get(b) ?? 0) || (a < b ? -1 : 1))[0]!);
    }
  }
  return open;
}

/** Counts per group, for labels: containers on a network, containers in a project. */
export function memberCounts(vis: Vis): Map<string, number> {
  return new Map(foldGroups(vis).map((g) => [g.key, g.size]));
}
