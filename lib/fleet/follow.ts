/**
 * The fleet kept current in proportion to each change (lib/fleet/live follows the engines'
 * stores): an engine's patch becomes the fleet's change by renaming its ids as mergeFleet does
 * (./merge), and is applied to the fleet's lists by taking out and putting in only what changed
 * (lib/topology/sorted). Pure.
 *
 * What only a whole merge can say answers null, and the caller merges everything again: a patch
 * that changes the engine's info or swarm (its node ID, the tasks of nodes no engine is), a
 * swarm-scoped network (drawn once for every engine), a rename (it moves endpoints in the
 * order), an endpoint on a network the fleet does not have, warnings of an engine that had none.
 */
import { resorted } from '@/lib/topology/sorted';
import { byName, endpointKey, endpointOrder } from '@/lib/topology/order';
import type { TopologyChanges } from '@/lib/topology/patch';
import type { Topology, TopologyPatch, TopoContainer, TopoEndpoint, TopoNetwork, TopoWarning } from '@/lib/topology/types';
import { fleetContainer, fleetEndpoint, fleetId, fleetNetwork, fleetWarning, parseFleetId } from './merge';

/** The fleet's topology with its entities by id, kept as changes are applied. */
export class FleetIndex {
  private readonly nets: Map<string, TopoNetwork>;
  private readonly ctrs: Map<string, TopoContainer>;
  private readonly eps: Map<string, TopoEndpoint>;

  constructor(public topology: Topology) {
    this.nets = new Map(topology.networks.map((n) => [n.id, n]));
    this.ctrs = new Map(topology.containers.map((c) => [c.id, c]));
    this.eps = new Map(topology.endpoints.map((e) => [endpointKey(e), e]));
  }

  /** An engine's patch as the fleet's change, or null where only a whole merge can say. */
  translate(engine: string, p: TopologyPatch): TopologyChanges | null {
    if (p.engine || p.swarm !== undefined) return null;
    const out: TopologyChanges = {};
    // Its own networks: a swarm-scoped one (kept by id, shared) calls for a whole merge.
    const netId = (id: string) => {
      const own = fleetId(engine, id);
      return this.nets.has(own) || !this.nets.has(id) ? own : id;
    };
    if (p.networks) {
      if (p.networks.upsert.some((n) => n.scope === 'swarm') || p.networks.remove.some((id) => !this.nets.has(fleetId(engine, id)))) return null;
      const upsert = p.networks.upsert.map((n) => fleetNetwork(engine, n));
      if (upsert.some((n) => this.nets.has(n.id) && this.nets.get(n.id)!.name !== n.name)) return null;
      out.networks = { upsert, remove: p.networks.remove.map((id) => fleetId(engine, id)) };
    }
    if (p.containers) {
      const upsert = p.containers.upsert.map((c) => fleetContainer(engine, c));
      if (upsert.some((c) => this.ctrs.has(c.id) && this.ctrs.get(c.id)!.name !== c.name)) return null;
      out.containers = { upsert, remove: p.containers.remove.map((id) => fleetId(engine, id)) };
    }
    if (p.endpoints) {
      const added = new Set(out.networks?.upsert.map((n) => n.id));
      const upsert = p.endpoints.upsert.map((e) => fleetEndpoint(engine, e, netId(e.networkId)));
      if (upsert.some((e) => !this.nets.has(e.networkId) && !added.has(e.networkId))) return null;
      const remove = p.endpoints.remove.map((k) => {
        const i = k.indexOf(':');
        return `${netId(k.slice(0, i))}:${fleetId(engine, k.slice(i + 1))}`;
      });
      out.endpoints = { upsert, remove };
    }
    if (p.warnings) {
      const warnings = this.replaceWarnings(engine, p.warnings.map((w) => fleetWarning(engine, w)));
      if (!warnings) return null;
      out.warnings = warnings;
    }
    return out;
  }

  /** The fleet's topology with `c` applied (and the index kept with it). */
  apply(c: TopologyChanges): Topology {
    const t = this.topology;
    const networks = c.networks ? this.applyList(t.networks, c.networks, this.nets, (n) => n.id, byName) : t.networks;
    const containers = c.containers ? this.applyList(t.containers, c.containers, this.ctrs, (x) => x.id, byName) : t.containers;
    // Names do not change here (a rename is a whole merge), so the order of the endpoints left is kept.
    const order = endpointOrder((id) => this.nets.get(id)?.name ?? id, (id) => this.ctrs.get(id)?.name ?? id);
    const endpoints = c.endpoints ? this.applyList(t.endpoints, c.endpoints, this.eps, endpointKey, order) : t.endpoints;
    // An endpoint whose network or container went with this change goes too (mergeFleet keeps none such).
    const gone = (c.networks?.remove.length ?? 0) + (c.containers?.remove.length ?? 0) > 0;
    const kept = gone ? endpoints.filter((e) => {
      if (this.nets.has(e.networkId) && this.ctrs.has(e.containerId)) return true;
      this.eps.delete(endpointKey(e));
      return false;
    }) : endpoints;
    this.topology = { ...t, networks, containers, endpoints: kept, warnings: c.warnings ?? t.warnings };
    return this.topology;
  }

  private applyList<T>(list: T[], ch: { upsert: T[]; remove: string[] }, byId: Map<string, T>, key: (x: T) => string, cmp: (a: T, b: T) => number): T[] {
    const stale = new Set<T>();
    for (const id of ch.remove) {
      const old = byId.get(id);
      if (old) stale.add(old);
      byId.delete(id);
    }
    for (const x of ch.upsert) {
      const old = byId.get(key(x));
      if (old) stale.add(old);
      byId.set(key(x), x);
    }
    return resorted(list, stale, [...ch.upsert], cmp);
  }

  /** The fleet's warnings with this engine's replaced where they stand (null: it had none, so where they go is a merge's to say). */
  private replaceWarnings(engine: string, next: TopoWarning[]): TopoWarning[] | null {
    const prefix = `${engine}: `;
    const mine = (w: TopoWarning) => w.message.startsWith(prefix) && (!w.subject || parseFleetId(w.subject)?.engine === engine);
    const ws = this.topology.warnings;
    const first = ws.findIndex(mine);
    if (first < 0) return null;
    return [...ws.slice(0, first).filter((w) => !mine(w)), ...next, ...ws.slice(first).filter((w) => !mine(w))];
  }
}
