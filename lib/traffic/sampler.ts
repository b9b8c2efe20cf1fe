/**
 * One engine's traffic, read while someone watches: a page with the Traffic layer on holds a
 * watch for as long as its event stream is open; an API read holds one for LEASE_MS. With no
 * watcher the reading stops (it costs nothing). At each interval (the shortest a watcher asked
 * for, default 2 s) every running container's namespace is read once (containers sharing one
 * are read together), the host's connection tracking once, and the flows are rebuilt
 * (./flows); watchers get the difference as a patch. Each flow's last 15 minutes are kept
 * (./history).
 *
 * Only a local engine's sockets are on this machine: for any other, or with host facts off,
 * every answer says why and has no flows.
 */
import 'server-only';
import { isLocalEndpoint } from '@/lib/docker/endpoint';
import { DEFAULT_PATHS, type HostPaths } from '@/lib/host/links';
import { refusalFeed } from '@/lib/host/conntrack-events';
import { hostAddresses, namespaceOf, readConntrack, socketOwners, SocketTables, type ConntrackResult } from '@/lib/host/sockets';
import { askAgent } from '@/lib/agent/client';
import { fromWire } from '@/lib/agent/protocol';
import { DEFAULT_INTERVAL_MS, type Flow, type FlowHistory, type Traffic, type TrafficPatch } from '@/lib/schemas/traffic';
import type { TopologyStore } from '@/lib/store/topology-store';
import type { Topology, TopoContainer } from '@/lib/topology/types';
import type { Firewall } from '@/lib/firewall/decide';
import { buildFlows, type FlowObservation, type NamespaceRead } from './flows';
import { FlowHistoryStore } from './history';

/** How long an API read keeps the reading going (so a script polling sees rates and `since`). */
export const LEASE_MS = 30_000;
const RUNNING = new Set(['running', 'paused', 'restarting']);
const ADDRESSES_MS = 30_000;
/** Every this many reads, each namespace's tables are read whether its counters moved or not. */
const FULL_EVERY = 15;
/** The longest the reading holds the event loop before it lets other work run. */
const SLICE_MS = 12;

export interface SamplerOptions {
  hostFacts: boolean;
  /** The share of one core reading may take on average (default 0.05): past it, the interval is stretched. */
  cpuShare?: number;
  /** Follow refused attempts with `conntrack -E` (default true). */
  refusals?: boolean;
  paths?: HostPaths;
  now?: () => number;
  /** The host's firewall, for naming the rule that drops a failing flow. */
  firewall?: () => Promise<Firewall | null>;
}

/** How often the firewall is read again while flows fail (its own cache holds 2 s). */
const FIREWALL_MS = 5_000;

export class TrafficSampler {
  /** The host's firewall as last read for failing flows; undefined until then (the reasons then say a rule may drop it). */
  private firewall: Firewall | null | undefined = undefined;
  private firewallAt = -Infinity;
  private watchers = new Map<number, number>(); // watch id -> interval asked
  private nextWatch = 1;
  private leaseUntil = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private reading: Promise<Traffic> | null = null;
  private last: Traffic | null = null;
  private lastAt = 0;
  private flows = new Map<string, Flow>();
  private prevBytes = new Map<string, number>();
  private readonly subscribers = new Set<(p: TrafficPatch) => void>();
  readonly history = new FlowHistoryStore();
  private readonly paths: HostPaths;
  private readonly now: () => number;
  private releaseFeed: (() => void) | null = null;
  /** The mean CPU of the last reads (at most FULL_EVERY of them), ms. */
  private lastCpuMs = 0;
  private readonly cpuHistory: number[] = [];
  private passes = 0;
  /** The host's own addresses, asked again every ADDRESSES_MS (10 ms with hundreds of veth interfaces). */
  private addresses: string[] = [];
  private addressesAt = -Infinity;
  /** The interval the last API read asked for (its lease reads at it). */
  private leaseAsk = DEFAULT_INTERVAL_MS;
  private readonly tables: SocketTables;

  constructor(private readonly store: TopologyStore, private readonly opts: SamplerOptions) {
    this.paths = opts.paths ?? DEFAULT_PATHS;
    this.now = opts.now ?? Date.now;
    this.tables = new SocketTables(this.paths);
  }

  /** The interval asked for: the shortest a watcher asked for (the default with none). */
  askedMs(): number {
    const asked = [...this.watchers.values(), ...(this.now() < this.leaseUntil ? [this.leaseAsk] : [])];
    return asked.length ? Math.min(...asked) : DEFAULT_INTERVAL_MS;
  }

  /**
   * The interval in force: the one asked for, or longer where a read takes more CPU than the
   * share allowed (reading N namespaces costs the kernel a walk of its TCP table for each,
   * ~5 ms where that table is the host's shared one of 262,144 buckets).
   */
  intervalMs(): number {
    // The reading itself is kept to 80 % of the share: the rest is for diffing, the patches and conntrack -E.
    const share = (this.opts.cpuShare ?? 0.05) * 0.8;
    return Math.max(this.askedMs(), Math.ceil(this.lastCpuMs / share / 1000) * 1000);
  }

  /** Keeps the reading going until the returned function is called. */
  watch(intervalMs: number = DEFAULT_INTERVAL_MS): () => void {
    const id = this.nextWatch++;
    this.watchers.set(id, intervalMs);
    this.schedule(0);
    return () => {
      this.watchers.delete(id);
      if (!this.active()) this.stop();
    };
  }

  subscribe(fn: (p: TrafficPatch) => void): () => void {
    this.subscribers.add(fn);
    return () => this.subscribers.delete(fn);
  }

  /** The flows now: the last read if it is younger than the interval, else a new one. Holds a lease (unless told not to: a one-off look). */
  async current(intervalMs?: number, opts: { lease?: boolean } = {}): Promise<Traffic> {
    if (opts.lease !== false) {
      this.leaseUntil = this.now() + LEASE_MS;
      this.leaseAsk = intervalMs ?? DEFAULT_INTERVAL_MS;
    }
    // Never more often than the interval in force (a client polling cannot get round the CPU bound).
    const within = Math.max(intervalMs ?? 0, this.intervalMs());
    if (this.last && this.now() - this.lastAt < within) {
      this.schedule(Math.max(0, within - (this.now() - this.lastAt)));
      return this.last;
    }
    const t = await this.read();
    // A one-off look with nobody watching keeps nothing open (descriptors, conntrack -E).
    if (this.active()) this.schedule(this.intervalMs());
    else this.stop();
    return t;
  }

  flowHistory(id: string): FlowHistory | null {
    return this.history.history(id, this.now());
  }

  /** Whether anything keeps the reading going. */
  active(): boolean {
    return this.watchers.size > 0 || this.now() < this.leaseUntil;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.releaseFeed?.();
    this.releaseFeed = null;
    this.tables.close();
  }

  private schedule(ms: number): void {
    if (this.timer || !this.active()) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.active()) { this.stop(); return; }
      const started = this.now();
      this.read().catch(() => null).finally(() => this.schedule(Math.max(0, this.intervalMs() - (this.now() - started))));
    }, ms);
    this.timer.unref?.();
  }

  /** One read (concurrent callers share it). */
  read(): Promise<Traffic> {
    this.reading ??= this.readOnce().finally(() => { this.reading = null; });
    return this.reading;
  }

  /**
   * The firewall names the rule that drops a failing flow. It is read only while a failing flow's
   * reason turns on it (the networks allow the flow and its server listens), at most every
   * FIREWALL_MS, outside the read (its commands are not the sockets' cost, and a read never
   * waits for them): the next read's reasons name the rule.
   */
  private refreshFirewall(at: number): void {
    const read = this.opts.firewall;
    if (!read || at - this.firewallAt < FIREWALL_MS) return;
    this.firewallAt = at;
    read().then((fw) => { this.firewall = fw; }, () => { /* kept as it was */ });
  }

  private async readOnce(): Promise<Traffic> {
    const started = performance.now();
    // The process's CPU over the read (what runs meanwhile counts too: an estimate on the safe side).
    const cpu0 = process.cpuUsage();
    const at = this.now();
    const t = await this.store.current();
    const unavailable = await this.unavailable();
    const agent = unavailable ? null : await this.agent();
    let traffic: Traffic;
    let firewallAsked = false;
    if (unavailable) {
      traffic = { at: new Date(at).toISOString(), intervalMs: this.intervalMs(), basis: 'none', reason: unavailable, flows: [], unread: [], readMs: 0, cpuMs: 0 };
    } else {
      // On a remote engine with Switchyard's agent: its host is read by the agent, in one question.
      const remote = agent ? await this.askAgent(agent, t) : null;
      if (this.opts.refusals !== false && !agent) this.releaseFeed ??= refusalFeed().acquire();
      const { namespaces, unread } = remote ?? await this.readNamespaces(t);
      const ct = remote ? remote.conntrack : await readConntrack(this.paths);
      const feed = agent ? { ok: false as const, reason: 'refused attempts are not followed on a remote engine\'s host (the agent reads tables, it does not follow events)' }
        : this.opts.refusals === false ? { ok: false as const, reason: 'refused attempts are not followed' } : refusalFeed().status();
      const refusals = feed.ok ? refusalFeed().recent() : [];
      if (remote) this.addresses = remote.hostAddresses;
      else if (at - this.addressesAt > ADDRESSES_MS) { this.addresses = hostAddresses(); this.addressesAt = at; }
      const observed = buildFlows({ topology: t, namespaces, hostAddresses: this.addresses, conntrack: ct.ok || refusals.length ? [...(ct.ok ? ct.entries : []), ...refusals] : null, firewall: this.firewall });
      const flows = this.merge(observed, at);
      firewallAsked = observed.some((o) => o.firewallAsked);
      const basis = namespaces.some((n) => !('error' in n.read)) || t.containers.every((c) => !RUNNING.has(c.state)) ? (ct.ok || feed.ok ? 'sockets+conntrack' : 'sockets') : 'none';
      const reason = [ct.reason, feed.ok ? undefined : feed.reason].filter(Boolean).join('; ') || undefined;
      traffic = { at: new Date(at).toISOString(), intervalMs: this.intervalMs(), basis, ...(reason ? { reason } : {}), flows, unread, readMs: 0, cpuMs: 0 };
    }
    traffic.readMs = Math.round((performance.now() - started) * 10) / 10;
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    // The bound is on the mean over a cycle of reads (one in FULL_EVERY reads every table).
    this.cpuHistory.push(cpuMs);
    if (this.cpuHistory.length > FULL_EVERY) this.cpuHistory.shift();
    this.lastCpuMs = this.cpuHistory.reduce((a, b) => a + b, 0) / this.cpuHistory.length;
    traffic.cpuMs = Math.round(cpuMs * 10) / 10;
    traffic.intervalMs = this.intervalMs();
    if (firewallAsked) this.refreshFirewall(at);
    if (traffic.basis !== 'none' && traffic.intervalMs > this.askedMs()) {
      const why = `reading the running containers' sockets takes ${Math.round(this.lastCpuMs)} ms of CPU a time, so to stay within ${Math.round((this.opts.cpuShare ?? 0.05) * 1000) / 10} % of one core they are read every ${traffic.intervalMs / 1000} s instead of ${this.askedMs() / 1000} s (the kernel walks its whole TCP table for each namespace that shares the host's; containers started after \`sysctl -w net.ipv4.tcp_child_ehash_entries=1024\`, Linux 6.1+, have tables of their own and cost almost nothing)`;
      traffic.reason = traffic.reason ? `${traffic.reason}; ${why}` : why;
    }
    this.publish(traffic);
    this.last = traffic;
    this.lastAt = at;
    return traffic;
  }

  private async unavailable(): Promise<string | null> {
    if (!this.opts.hostFacts) return 'host facts are turned off (SWITCHYARD_HOST_LINKS=off): Switchyard reads no sockets';
    const engine = await this.store.conn.get();
    if (!isLocalEndpoint(engine.endpoint) && !this.store.agent()) return `the engine is reached over ${engine.endpoint.kind}, so its containers' sockets are on another machine (start Switchyard's agent on it, from its page, to read them there)`;
    return null;
  }

  /** The agent container that reads this engine's host (a remote engine's), or null. */
  private async agent(): Promise<string | null> {
    const engine = await this.store.conn.get();
    return isLocalEndpoint(engine.endpoint) ? null : this.store.agent();
  }

  /** The namespaces, connection tracking and host addresses, asked of the agent in one question (lib/agent). */
  private async askAgent(agent: string, t: Topology): Promise<{ namespaces: NamespaceRead[]; unread: Traffic['unread']; conntrack: ConntrackResult; hostAddresses: string[] }> {
    const { groups, unread } = namespaceGroups(t);
    const ask = { groups: [...groups.values()].map((g) => ({ ids: g.map((c) => c.id), pids: g.map((c) => c.pid) })) };
    try {
      const a = await askAgent(this.store.conn, agent, 'traffic', ask);
      for (const n of a.namespaces) if ('error' in n.read) for (const id of n.containerIds) unread.push({ containerId: id, name: t.containers.find((c) => c.id === id)?.name ?? id, reason: n.read.error });
      unread.sort(byUnreadName);
      return {
        namespaces: a.namespaces.map((n) => ({ containerIds: n.containerIds, read: 'error' in n.read ? n.read : fromWire(n.read), ...(n.owners ? { owners: new Map(n.owners) } : {}) })),
        unread, conntrack: a.conntrack, hostAddresses: a.hostAddresses,
      };
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      for (const g of groups.values()) for (const c of g) unread.push({ containerId: c.id, name: c.name, reason });
      return { namespaces: [...groups.values()].map((g) => ({ containerIds: g.map((c) => c.id), read: { error: reason } })), unread, conntrack: { ok: false, reason }, hostAddresses: this.addresses };
    }
  }

  /** Each running container's namespace once: owners (not `container:X`) read, sharers joined to them. */
  private async readNamespaces(t: Topology): Promise<{ namespaces: NamespaceRead[]; unread: Traffic['unread'] }> {
    const { groups, unread } = namespaceGroups(t);
    // Read synchronously (a pread per table), yielding to the event loop every SLICE_MS.
    const namespaces: NamespaceRead[] = [];
    const kept = new Set<string>();
    let since = performance.now();
    for (const members of groups.values()) {
      if (performance.now() - since > SLICE_MS) {
        await new Promise((r) => setImmediate(r));
        since = performance.now();
      }
      const main = members[0]!;
      kept.add(`${main.id}:${main.pid}`);
      // Every FULL_EVERY-th read is of every table, moved counters or not (TIME_WAIT sockets expire unannounced).
      const r = this.tables.read(main.id, main.pid, this.passes % FULL_EVERY === 0);
      if (!r.ok) {
        for (const m of members) unread.push({ containerId: m.id, name: m.name, reason: r.reason });
        namespaces.push({ containerIds: members.map((m) => m.id), read: { error: r.reason } });
        continue;
      }
      let owners: Map<number, string> | undefined;
      if (members.length > 1) {
        // Sharers joined while the owner was read are in the same namespace only if its identity says so.
        const own = await namespaceOf(main.pid, this.paths);
        const same = await Promise.all(members.map(async (m) => (await namespaceOf(m.pid, this.paths)) === own));
        owners = await socketOwners(members.filter((_, i) => same[i]), this.paths);
      }
      namespaces.push({ containerIds: members.map((m) => m.id), read: r.sockets, owners });
    }
    this.tables.retain(kept);
    this.passes++;
    unread.sort(byUnreadName);
    return { namespaces, unread };
  }

  /** Observations -> flows with `since` and rate; the history written. */
  private merge(observed: FlowObservation[], at: number): Flow[] {
    const dt = this.lastAt ? (at - this.lastAt) / 1000 : 0;
    const bytesNow = new Map<string, number>();
    const out: Flow[] = [];
    for (const o of observed) {
      const { bytes, firewallAsked: _asked, ...rest } = o;
      let rate: number | null = null;
      for (const [k, b] of bytes) {
        if (b === null) continue;
        bytesNow.set(k, b);
        const prev = this.prevBytes.get(k);
        if (dt > 0) rate = (rate ?? 0) + Math.max(0, b - (prev ?? 0)) / dt;
      }
      const was = this.flows.get(o.id);
      const flow: Flow = { ...rest, bytesPerSecond: rate === null ? null : Math.round(rate), since: was?.since ?? new Date(at).toISOString() };
      out.push(flow);
      this.history.record(o.id, at, flow.connections, flow.attempts, flow.bytesPerSecond);
    }
    this.prevBytes = bytesNow;
    this.history.prune(at);
    return out;
  }

  private publish(next: Traffic): void {
    const before = this.flows;
    const after = new Map(next.flows.map((f) => [f.id, f]));
    this.flows = after;
    if (!this.subscribers.size) return;
    const upsert = next.flows.filter((f) => { const b = before.get(f.id); return !b || JSON.stringify(b) !== JSON.stringify(f); });
    const remove = [...before.keys()].filter((id) => !after.has(id));
    const basisChanged = this.last?.basis !== next.basis || this.last?.reason !== next.reason || this.last?.intervalMs !== next.intervalMs;
    if (!upsert.length && !remove.length && !basisChanged) return;
    const patch: TrafficPatch = { at: next.at, intervalMs: next.intervalMs, basis: next.basis, ...(next.reason ? { reason: next.reason } : {}), upsert, remove };
    for (const fn of this.subscribers) fn(patch);
  }
}

const KEY = Symbol.for('switchyard.traffic-samplers');

/** The sampler of a store (one per engine store, for the server process). */
export function samplerOf(store: TopologyStore, opts: SamplerOptions): TrafficSampler {
  const g = globalThis as unknown as Record<symbol, WeakMap<TopologyStore, TrafficSampler> | undefined>;
  const m = (g[KEY] ??= new WeakMap());
  let s = m.get(store);
  if (!s) {
    s = new TrafficSampler(store, opts);
    m.set(store, s);
  }
  return s;
}

const byUnreadName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * The running containers by network namespace, each group's owner first (its pid is read; those
 * sharing it by `container:X` after it), and those not read with why (on the host's network).
 */
function namespaceGroups(t: Topology): { groups: Map<string, TopoContainer[]>; unread: Traffic['unread'] } {
  const running = t.containers.filter((c) => RUNNING.has(c.state) && c.pid > 0);
  const unread: Traffic['unread'] = [];
  const groups = new Map<string, TopoContainer[]>();
  for (const c of running) {
    if (c.networkMode === 'host') {
      unread.push({ containerId: c.id, name: c.name, reason: "on the host's network: shown as the host" });
      continue;
    }
    if (c.networkMode === 'none') continue; // loopback only: nothing to draw
    const owner = c.sharesNetworkWith && running.some((x) => x.id === c.sharesNetworkWith) ? c.sharesNetworkWith : c.id;
    const g = groups.get(owner);
    if (g) g.push(c);
    else groups.set(owner, [c]);
  }
  for (const [owner, g] of groups) g.sort((a, b) => (a.id === owner ? -1 : b.id === owner ? 1 : 0));
  return { groups, unread };
}
