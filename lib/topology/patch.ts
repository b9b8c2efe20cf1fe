/**
 * Versioned patches between two topologies. The server diffs each new version against the
 * last and sends the patch over /api/events; the page applies it to the topology it holds.
 * applyPatch(a, diffTopology(a, b)) equals b element for element (same order, lib/topology/
 * order), and lists a patch does not touch keep their identity, so the page can skip them.
 * Pure: shared by server and page.
 */
import { byName, endpointKey, endpointOrder } from './order';
import type { EntityChanges, Topology, TopologyMeta, TopologyPatch, TopoEndpoint } from './types';

/** What differs between two topologies, without version bookkeeping. */
export type TopologyChanges = Omit<TopologyPatch, 'epoch' | 'from' | 'to' | 'meta'>;

/** Entities compared by content; both sides come from the same builder, so key order matches. */
function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function diffList<T>(prev: readonly T[], next: readonly T[], key: (x: T) => string): EntityChanges<T> | undefined {
  const before = new Map(prev.map((x) => [key(x), x]));
  const upsert: T[] = [];
  for (const x of next) {
    const k = key(x);
    const old = before.get(k);
    before.delete(k);
    if (old === undefined || !same(old, x)) upsert.push(x);
  }
  const remove = [...before.keys()];
  return upsert.length || remove.length ? { upsert, remove } : undefined;
}

const byId = (x: { id: string }) => x.id;

export function diffTopology(prev: Topology, next: Topology): TopologyChanges {
  const out: TopologyChanges = {};
  if (!same(prev.engine, next.engine)) out.engine = next.engine;
  if (!same(prev.swarm ?? null, next.swarm ?? null)) out.swarm = next.swarm ?? null;
  const networks = diffList(prev.networks, next.networks, byId);
  if (networks) out.networks = networks;
  const containers = diffList(prev.containers, next.containers, byId);
  if (containers) out.containers = containers;
  const endpoints = diffList(prev.endpoints, next.endpoints, endpointKey);
  if (endpoints) out.endpoints = endpoints;
  if (!same(prev.warnings, next.warnings)) out.warnings = next.warnings;
  return out;
}

export function isEmptyChange(c: TopologyChanges): boolean {
  return !c.engine && c.swarm === undefined && !c.networks && !c.containers && !c.endpoints && !c.warnings;
}

function applyList<T>(list: readonly T[], changes: EntityChanges<T>, key: (x: T) => string): T[] {
  const gone = new Set(changes.remove);
  const replaced = new Map(changes.upsert.map((x) => [key(x), x]));
  const out: T[] = [];
  for (const x of list) {
    const k = key(x);
    if (gone.has(k)) continue;
    const r = replaced.get(k);
    if (r !== undefined) {
      out.push(r);
      replaced.delete(k);
    } else {
      out.push(x);
    }
  }
  out.push(...replaced.values());
  return out;
}

/** Why a patch cannot be applied to a topology, or null when it can. */
export function patchGap(t: Pick<Topology, 'meta'>, p: Pick<TopologyPatch, 'epoch' | 'from'>): string | null {
  if (!t.meta) return 'the topology has no version';
  if (t.meta.epoch !== p.epoch) return `the server restarted (epoch ${t.meta.epoch} -> ${p.epoch})`;
  if (t.meta.version !== p.from) return `the patch is from version ${p.from}, the topology is at ${t.meta.version}`;
  return null;
}

/**
 * The topology after the patch. The caller checks patchGap first: a patch applies only to
 * the version it was made from.
 */
export function applyPatch(t: Topology, p: TopologyPatch): Topology {
  const networks = p.networks ? applyList(t.networks, p.networks, byId).sort(byName) : t.networks;
  const containers = p.containers ? applyList(t.containers, p.containers, byId).sort(byName) : t.containers;
  let endpoints = p.endpoints ? applyList(t.endpoints, p.endpoints, endpointKey) : t.endpoints;
  // A renamed network or container moves its endpoints in the order, even if they did not change.
  if (p.endpoints || p.networks || p.containers) {
    const netName = new Map(networks.map((n) => [n.id, n.name]));
    const ctrName = new Map(containers.map((c) => [c.id, c.name]));
    const sorted = [...endpoints].sort(endpointOrder((id) => netName.get(id) ?? id, (id) => ctrName.get(id) ?? id));
    if (p.endpoints || sorted.some((e, i) => e !== endpoints[i])) endpoints = sorted;
  }
  return {
    engine: p.engine ?? t.engine,
    swarm: p.swarm === undefined ? t.swarm : p.swarm,
    networks,
    containers,
    endpoints: endpoints as TopoEndpoint[],
    warnings: p.warnings ?? t.warnings,
    meta: p.meta satisfies TopologyMeta,
  };
}
