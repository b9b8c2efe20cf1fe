/**
 * The builder the store keeps: the same topology as buildTopology (lib/topology/build, the
 * reference), made again after a change with work in proportion to the change.
 *
 * - An entity is converted again only when one of its inputs is not what it was made from: the
 *   same raw object (the store replaces a container's or network's object only when it reads it
 *   again), the same inspect time, the same host links object, and, for the few containers that
 *   name others (links, `container:X`) or a network by id, the same names around them. Finding
 *   them is one pass of identity checks over the held objects: nothing is serialised, allocated
 *   or sorted for an entity that did not change.
 * - An entity converted again to the same JSON keeps its old object: lists a change does not
 *   touch keep their identity, and the changes since the last build are what this build made
 *   (no diff of the whole topology).
 * - Sorted lists stay sorted by taking out and putting in only the changed items (./sorted).
 * incremental.test.ts runs random sequences of engine changes and checks that every build
 * equals buildTopology of the same snapshot, and every change set turns the last build into
 * this one. Pure.
 */
import type { EngineSnapshot, RawContainer, RawEndpointSettings, RawInfo, RawNetwork, RawSwarm } from '@/lib/docker/engine-types';
import type { HostLinks } from '@/lib/host/links';
import { engineOf, hostLinksUnavailable, inspectFailedWarning, isUnknownShare, noVethWarning, sortWarnings, unknownNetworkWarning, unknownShareWarning, type HostLinksInput } from './build';
import { ContainerIndex, stripSlash, toContainer, type ContainerResolver } from './containers';
import { toEndpoint } from './endpoints';
import { toNetwork } from './networks';
import { byName, endpointKey, endpointOrder } from './order';
import type { TopologyChanges } from './patch';
import { resorted } from './sorted';
import { buildSwarm } from './swarm';
import type { Topology, TopoContainer, TopoEndpoint, TopoNetwork, TopoVeth, TopoWarning } from './types';
import { vethFor, vethIndex, type VethIndex } from './veth';

interface NetEntry {
  raw: RawNetwork;
  /** The gateways seen on its endpoints, where its IPAM config names none ('' elsewhere). */
  gw: string;
  out: TopoNetwork;
  seen: number;
}

interface EpSlot {
  settings: RawEndpointSettings;
  net: TopoNetwork;
  ctrName: string;
  /** The endpoint without its veth. */
  base: TopoEndpoint;
  out: TopoEndpoint;
}

interface CtrEntry {
  raw: RawContainer;
  at: number;
  out: TopoContainer;
  seen: number;
  /** It names other containers (links, `container:X`): made again when names change. */
  usesIndex: boolean;
  /** Its network mode may be a network's id: made again when networks change names. */
  usesNetNames: boolean;
  eps: EpSlot[];
  /** Its own warnings and its endpoints'. */
  warnings: TopoWarning[];
}

const NOT_NETWORK_NAMES = new Set(['', 'default', 'bridge', 'host', 'none']);
const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);
const sameVeth = (a: TopoVeth | null, b: TopoVeth | null) => a === b || (!!a && !!b && a.containerInterface === b.containerInterface && a.hostInterface === b.hostInterface && a.hostIfindex === b.hostIfindex && a.bridge === b.bridge);
const sameWarnings = (a: readonly TopoWarning[], b: readonly TopoWarning[]) => a.length === b.length && a.every((w, i) => w.code === b[i]!.code && w.subject === b[i]!.subject && w.message === b[i]!.message);
const EMPTY: TopoWarning[] = [];

const keepIf = (set: Set<string>, id: string, yes: boolean) => (yes ? set.add(id) : set.delete(id));

function namesOthers(c: RawContainer): boolean {
  if (c.HostConfig?.NetworkMode?.startsWith('container:') || c.HostConfig?.Links?.length) return true;
  const nets = c.NetworkSettings?.Networks ?? {};
  for (const k in nets) if (nets[k]?.Links?.length) return true;
  return false;
}

/**
 * What may differ from the last build, where the caller knows it (the store's EngineState):
 * with it, a build looks only at these containers instead of every one held, unless a change
 * reaches further (a name that others use, a network renamed, removed or changed, the host's
 * facts), when it looks at all.
 */
export interface BuildHint {
  /** Containers read again, added or removed since the last build, by id: every other container's raw object and inspect time are those the last build had. */
  containers: ReadonlySet<string>;
  /** The snapshot's containers by id. */
  byId: ReadonlyMap<string, RawContainer>;
}

/** What a build made: the topology, and what changed since the last build (null: the first). */
export interface BuildResult {
  topology: Topology;
  changes: TopologyChanges | null;
}

export class TopologyBuilder {
  private gen = 0;
  private last: Topology | null = null;
  private info: RawInfo | null = null;
  private apiVersion = '';
  private swarmRaw: RawSwarm | null | undefined = undefined;
  private links: HostLinks | null | undefined = undefined;
  private ix: VethIndex | null = null;
  private globals: TopoWarning[] = [];
  private readonly nets = new Map<string, NetEntry>();
  private readonly ctrs = new Map<string, CtrEntry>();
  /** The containers that name others (usesIndex) and that may name a network by id (usesNetNames). */
  private readonly namers = new Set<string>();
  private readonly netNamers = new Set<string>();

  /**
   * @param extra warnings the caller adds (the remote-engine warning), part of the warnings list.
   */
  build(snapshot: EngineSnapshot, host: HostLinksInput, extra: readonly TopoWarning[] = [], hint: BuildHint | null = null): BuildResult {
    const gen = ++this.gen;
    const prev = this.last;
    const changes: TopologyChanges = {};

    // ---- engine and swarm ------------------------------------------------------------------
    let engine = prev?.engine;
    if (!engine || snapshot.info !== this.info || snapshot.apiVersion !== this.apiVersion) {
      const e = engineOf(snapshot);
      if (!engine || !same(engine, e)) engine = changes.engine = e;
    }
    let swarm = prev ? prev.swarm ?? null : null;
    if (!prev || snapshot.swarm !== this.swarmRaw || snapshot.info !== this.info) {
      const s = buildSwarm(snapshot.swarm, snapshot.info);
      if (!prev || !same(swarm, s)) swarm = changes.swarm = s;
    }
    this.info = snapshot.info;
    this.apiVersion = snapshot.apiVersion;
    this.swarmRaw = snapshot.swarm;

    // ---- networks --------------------------------------------------------------------------
    const gateways = this.gatewaysNeeded(snapshot);
    const netStale = new Set<TopoNetwork>();
    const netAdded: TopoNetwork[] = [];
    const netsChanged = new Set<string>();
    let netRenamed = false;
    for (const raw of snapshot.networks) {
      const e = this.nets.get(raw.Id);
      const gw = gateways.get(raw.Id)?.join(',') ?? '';
      if (e && e.raw === raw && e.gw === gw) {
        e.seen = gen;
        continue;
      }
      let out = toNetwork(raw, gateways.get(raw.Id));
      if (e && same(e.out, out)) out = e.out;
      if (!e || out !== e.out) {
        if (e) netStale.add(e.out);
        if (e && e.out.name !== out.name) netRenamed = true;
        netAdded.push(out);
        netsChanged.add(raw.Id);
      }
      this.nets.set(raw.Id, { raw, gw, out, seen: gen });
    }
    const netRemoved: string[] = [];
    for (const [id, e] of this.nets) {
      if (e.seen === gen) continue;
      this.nets.delete(id);
      netStale.add(e.out);
      netRemoved.push(id);
      netsChanged.add(id);
    }
    if (netRemoved.length) netRenamed = true; // a name may now mean another network
    if (netsChanged.size || !prev) {
      changes.networks = { upsert: netAdded, remove: netRemoved };
    }
    const networks = prev && !netsChanged.size ? prev.networks : resorted(prev?.networks ?? [], netStale, [...netAdded], byName);
    const netById = new Map<string, TopoNetwork>();
    const netNameById = new Map<string, string>();
    for (const [id, e] of this.nets) {
      netById.set(id, e.out);
      netNameById.set(id, e.out.name);
    }
    const netByName = new Map(networks.map((n) => [n.name, n]));

    // ---- containers ------------------------------------------------------------------------
    const hinted = prev && hint ? hint : null;
    let namesChanged = !prev;
    if (hinted) {
      // Only the hinted containers can be new, gone or renamed.
      for (const id of hinted.containers) {
        const raw = hinted.byId.get(id);
        const e = this.ctrs.get(id);
        if (!raw ? !!e : !e || (e.raw !== raw && stripSlash(raw.Name) !== e.out.name)) namesChanged = true;
      }
    } else {
      let hits = 0;
      for (const raw of snapshot.containers) {
        const e = this.ctrs.get(raw.Id);
        if (!e) namesChanged = true;
        else {
          hits++;
          if (e.raw !== raw && stripSlash(raw.Name) !== e.out.name) namesChanged = true;
        }
      }
      if (hits < this.ctrs.size) namesChanged = true;
    }
    // Where a change reaches containers not read again (a name that others use, a network named
    // by id in a network mode), those are looked at too: they are kept apart.
    const onlyHinted = hinted
      ? { byId: hinted.byId, containers: new Set([...hinted.containers, ...(namesChanged ? this.namers : []), ...(netRenamed ? this.netNamers : [])]) }
      : null;
    const present = (ids: ReadonlySet<string>, byId: ReadonlyMap<string, RawContainer>) => {
      const out: RawContainer[] = [];
      for (const id of ids) {
        const raw = byId.get(id);
        if (raw) out.push(raw);
      }
      return out;
    };
    let index: ContainerIndex | null = null;
    const resolver: ContainerResolver = { resolve: (ref) => (index ??= new ContainerIndex(snapshot.containers)).resolve(ref) };
    const linksChanged = host.links !== this.links;
    if (linksChanged) this.ix = host.links ? vethIndex(host.links) : null;
    this.links = host.links;

    const ctrStale = new Set<TopoContainer>();
    const ctrAdded: TopoContainer[] = [];
    const epStale = new Set<TopoEndpoint>();
    const epAdded: TopoEndpoint[] = [];
    const epRemoved: string[] = [];
    let ctrRenamed = false;
    let warningsDirty = !prev;
    const now = Date.now(); // recordings made before inspectedAt existed
    const remade = new Set<string>();
    for (const raw of onlyHinted ? present(onlyHinted.containers, onlyHinted.byId) : snapshot.containers) {
      const e = this.ctrs.get(raw.Id);
      const at = snapshot.inspectedAt?.[raw.Id] ?? e?.at ?? now;
      if (e && !(e.raw !== raw || e.at !== at || (namesChanged && e.usesIndex) || (netRenamed && e.usesNetNames))) {
        e.seen = gen;
        continue;
      }
      remade.add(raw.Id);
      let out = toContainer(raw, at, resolver, netNameById);
      if (e && same(e.out, out)) out = e.out;
      const mode = raw.HostConfig?.NetworkMode ?? '';
      const entry: CtrEntry = {
        raw, at, out, seen: gen,
        usesIndex: namesOthers(raw),
        usesNetNames: !NOT_NETWORK_NAMES.has(mode) && !mode.startsWith('container:'),
        eps: e?.eps ?? [],
        warnings: e?.warnings ?? EMPTY,
      };
      this.ctrs.set(raw.Id, entry);
      keepIf(this.namers, raw.Id, entry.usesIndex);
      keepIf(this.netNamers, raw.Id, entry.usesNetNames);
      if (e && out === e.out) continue;
      if (e) {
        ctrStale.add(e.out);
        if (e.out.name !== out.name) ctrRenamed = true;
      }
      ctrAdded.push(out);
    }
    // Endpoints and warnings, once every container has its new name: made again where the
    // container was (one that shares another's namespace is, when names change: its warning
    // names the other), a network changed, or the host facts did.
    const everyEndpoint = netsChanged.size > 0 || linksChanged;
    for (const raw of everyEndpoint || !onlyHinted ? snapshot.containers : present(remade, onlyHinted.byId)) {
      const entry = this.ctrs.get(raw.Id)!;
      if (!(remade.has(raw.Id) || everyEndpoint)) continue;
      const prevEps = entry.eps;
      const { eps, warnings } = this.endpointsOf(raw, entry, netById, netByName, host.links !== null);
      const kept = new Set<TopoEndpoint>();
      for (const slot of eps) {
        if (prevEps.some((p) => p.out === slot.out)) kept.add(slot.out);
        else epAdded.push(slot.out);
      }
      for (const p of prevEps) {
        if (kept.has(p.out)) continue;
        epStale.add(p.out);
        if (!eps.some((slot) => slot.net.id === p.net.id)) epRemoved.push(endpointKey(p.out));
      }
      entry.eps = eps;
      if (!sameWarnings(entry.warnings, warnings)) {
        entry.warnings = warnings;
        warningsDirty = true;
      }
    }
    const ctrRemoved: string[] = [];
    // Gone: not seen by this build (every container's pass), or hinted and not held any more.
    const gone = onlyHinted
      ? [...onlyHinted.containers].filter((id) => !onlyHinted.byId.has(id) && this.ctrs.has(id)).map((id) => [id, this.ctrs.get(id)!] as const)
      : [...this.ctrs].filter(([, e]) => e.seen !== gen);
    for (const [id, e] of gone) {
      this.ctrs.delete(id);
      this.namers.delete(id);
      this.netNamers.delete(id);
      ctrStale.add(e.out);
      ctrRemoved.push(id);
      for (const p of e.eps) {
        epStale.add(p.out);
        epRemoved.push(endpointKey(p.out));
      }
      if (e.warnings.length) warningsDirty = true;
    }
    if (ctrAdded.length || ctrRemoved.length || !prev) changes.containers = { upsert: ctrAdded, remove: ctrRemoved };
    const containers = prev && !ctrStale.size && !ctrAdded.length ? prev.containers : resorted(prev?.containers ?? [], ctrStale, [...ctrAdded], byName);

    // ---- endpoints -------------------------------------------------------------------------
    // An endpoint whose key left and came back (disconnected, connected) is an upsert, not both.
    const upserted = new Set(epAdded.map(endpointKey));
    const epRemovedKeys = epRemoved.filter((k) => !upserted.has(k));
    if (epAdded.length || epRemovedKeys.length || !prev) changes.endpoints = { upsert: epAdded, remove: epRemovedKeys };
    const order = endpointOrder((id) => this.nets.get(id)?.out.name ?? id, (id) => this.ctrs.get(id)?.out.name ?? id);
    let endpoints: TopoEndpoint[];
    if (prev && !epStale.size && !epAdded.length && !netRenamed && !ctrRenamed) endpoints = prev.endpoints;
    else if (netRenamed || ctrRenamed || !prev) endpoints = [...(prev?.endpoints ?? []).filter((x) => !epStale.has(x)), ...epAdded].sort(order);
    else endpoints = resorted(prev.endpoints, epStale, [...epAdded], order);

    // ---- warnings --------------------------------------------------------------------------
    const globals: TopoWarning[] = [
      ...snapshot.partial.map(inspectFailedWarning),
      ...(host.links ? host.links.problems.map((p): TopoWarning => ({ code: 'veth_unreadable', subject: p.containerId ?? undefined, message: p.message })) : [hostLinksUnavailable(host)]),
      ...extra,
    ];
    if (!sameWarnings(globals, this.globals)) warningsDirty = true;
    this.globals = globals;
    let warnings = prev?.warnings ?? [];
    if (warningsDirty) {
      const all = [...globals];
      for (const e of this.ctrs.values()) if (e.warnings.length) all.push(...e.warnings);
      const sortedAll = sortWarnings(all);
      if (!prev || !sameWarnings(sortedAll, prev.warnings)) warnings = changes.warnings = sortedAll;
    }

    this.last = { engine: engine!, swarm, networks, containers, endpoints, warnings };
    return { topology: this.last, changes: prev ? changes : null };
  }

  /** The gateways seen on endpoints, for the networks whose IPAM config names none. */
  private gatewaysNeeded(snapshot: EngineSnapshot): Map<string, string[]> {
    const needed = new Set<string>();
    for (const n of snapshot.networks) if ((n.IPAM?.Config ?? []).some((c) => c.Subnet && !c.Gateway)) needed.add(n.Id);
    const out = new Map<string, string[]>();
    if (!needed.size) return out;
    for (const c of snapshot.containers) {
      const nets = c.NetworkSettings?.Networks;
      for (const k in nets) {
        const s = nets[k]!;
        if (!s.NetworkID || !s.Gateway || !needed.has(s.NetworkID)) continue;
        const list = out.get(s.NetworkID);
        if (!list) out.set(s.NetworkID, [s.Gateway]);
        else if (!list.includes(s.Gateway)) list.push(s.Gateway);
      }
    }
    return out;
  }

  /** A container's endpoints (reusing the objects of those that did not change) and its warnings. */
  private endpointsOf(raw: RawContainer, e: CtrEntry, netById: Map<string, TopoNetwork>, netByName: Map<string, TopoNetwork>, hostRead: boolean): { eps: EpSlot[]; warnings: TopoWarning[] } {
    const name = e.out.name;
    const warnings: TopoWarning[] = [];
    if (isUnknownShare(e.out)) warnings.push(unknownShareWarning(e.out));
    const eps: EpSlot[] = [];
    const used = new Set<EpSlot>();
    const nets = raw.NetworkSettings?.Networks ?? {};
    for (const netName in nets) {
      const s = nets[netName]!;
      const net = (s.NetworkID && netById.get(s.NetworkID)) || netByName.get(netName);
      if (!net) {
        warnings.push(unknownNetworkWarning(raw.Id, name, netName));
        continue;
      }
      const old = e.eps.find((p) => p.net.id === net.id && !used.has(p));
      if (old) used.add(old);
      let base = old && old.settings === s && old.net === net && old.ctrName === name ? old.base : toEndpoint(net, raw.Id, name, s);
      if (old && base !== old.base && same(old.base, base)) base = old.base;
      let out = base;
      if (hostRead && this.ix) {
        const { veth, warning } = vethFor(base, e.out, net, this.ix);
        if (warning) warnings.push(warning);
        if (veth) out = old && old.base === base && sameVeth(old.out.veth, veth) ? old.out : { ...base, veth };
      }
      if (old && out !== old.out && same(old.out, out)) out = old.out;
      eps.push({ settings: s, net, ctrName: name, base, out });
    }
    if (hostRead) {
      const w = noVethWarning(e.out, (id) => this.ctrs.get(id)?.out.name);
      if (w) warnings.push(w);
    }
    return { eps, warnings: warnings.length ? warnings : EMPTY };
  }
}
