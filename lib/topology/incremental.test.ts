import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EngineSnapshot, RawContainer, RawEndpointSettings, RawInfo, RawNetwork } from '@/lib/docker/engine-types';
import type { HostLinks } from '@/lib/host/links';
import { buildTopology, sortWarnings, type HostLinksInput } from './build';
import { TopologyBuilder } from './incremental';
import { endpointKey } from './order';
import { diffTopology, type TopologyChanges } from './patch';
import type { Topology, TopoWarning } from './types';

/** Recorded from Debian's docker.io (Engine 20.10.24, API 1.41) running scripts/lab.sh. */
const fixture = JSON.parse(readFileSync(new URL('./fixtures/engine-20.10.24-api-1.41.json', import.meta.url), 'utf8')) as { snapshot: EngineSnapshot; hostLinks: HostLinks };
const T = Date.parse('2026-11-25T10:00:00Z');

/**
 * The engine as the store holds it: objects by id, each replaced (never changed in place) when
 * it is read again, in the order first seen.
 */
class Held {
  info: RawInfo = fixture.snapshot.info;
  networks = new Map<string, RawNetwork>(fixture.snapshot.networks.map((n) => [n.Id, n]));
  containers = new Map<string, RawContainer>(fixture.snapshot.containers.map((c) => [c.Id, c]));
  inspectedAt: Record<string, number> = Object.fromEntries(fixture.snapshot.containers.map((c) => [c.Id, T]));
  partial: { id: string; reason: string }[] = [];
  links: HostLinks | null = fixture.hostLinks;
  extra: TopoWarning[] = [];
  serial = 0;

  snapshot(): EngineSnapshot {
    return { apiVersion: '1.41', info: this.info, swarm: null, networks: [...this.networks.values()], containers: [...this.containers.values()], inspectedAt: { ...this.inspectedAt }, partial: [...this.partial] };
  }

  host(): HostLinksInput {
    return { links: this.links, unavailableReason: 'not read here' };
  }
}

type Op = { kind: string; a: number; b: number };
const KINDS = ['connect', 'disconnect', 'stop', 'start', 'create', 'create-linked', 'create-shared', 'create-on-net-id', 'remove', 'rename', 'reinspect', 'readdress',
  'net-create', 'net-create-nogw', 'net-remove', 'net-rename', 'links-master', 'links-drop', 'links-problem', 'links-toggle', 'info', 'inspected-at', 'partial', 'extra'] as const;

const pick = <T,>(xs: readonly T[], i: number): T | undefined => (xs.length ? xs[i % xs.length] : undefined);

/** Applies one engine change the way the store sees it: new objects for what was read again. */
function apply(h: Held, op: Op): void {
  const ctrs = [...h.containers.values()];
  const nets = [...h.networks.values()];
  const c = pick(ctrs, op.a);
  const n = pick(nets, op.b);
  const replace = (x: RawContainer, f: (y: RawContainer) => void) => {
    const y = structuredClone(x);
    f(y);
    h.containers.set(y.Id, y);
    h.inspectedAt[y.Id] = T + ++h.serial;
  };
  const id = () => (++h.serial).toString(16).padStart(8, '0').repeat(8);
  switch (op.kind) {
    case 'connect':
      // The engine refuses a second endpoint on a network the container is on.
      if (c && n && !Object.values(c.NetworkSettings?.Networks ?? {}).some((s) => s.NetworkID === n.Id)) replace(c, (y) => {
        const s: RawEndpointSettings = { NetworkID: n.Id, EndpointID: id(), Gateway: '10.77.0.1', IPAddress: `10.77.${op.a % 250}.${op.b % 250}`, IPPrefixLen: 16, MacAddress: `02:42:0a:4d:${(op.a % 250).toString(16).padStart(2, '0')}:${(op.b % 250).toString(16).padStart(2, '0')}`, Aliases: op.a % 3 ? ['alias-' + op.a] : null };
        y.NetworkSettings = { ...y.NetworkSettings, Networks: { ...(y.NetworkSettings?.Networks ?? {}), [n.Name]: s } };
      });
      break;
    case 'disconnect':
      if (c) replace(c, (y) => {
        const keys = Object.keys(y.NetworkSettings?.Networks ?? {});
        const k = pick(keys, op.b);
        if (k) delete y.NetworkSettings!.Networks![k];
      });
      break;
    case 'stop':
      if (c) replace(c, (y) => { y.State = { ...y.State, Status: 'exited', Running: false, Pid: 0, FinishedAt: '2026-11-25T09:00:00Z', ExitCode: 137 }; });
      break;
    case 'start':
      if (c) replace(c, (y) => { y.State = { ...y.State, Status: 'running', Running: true, Pid: 40_000 + op.b, StartedAt: '2026-11-25T09:30:00Z' }; });
      break;
    case 'create': case 'create-linked': case 'create-shared': case 'create-on-net-id':
      if (c) {
        const y = structuredClone(c);
        y.Id = id();
        y.Name = `/made-${h.serial}`;
        const other = pick(ctrs, op.b);
        if (op.kind === 'create-linked' && other) y.HostConfig = { ...y.HostConfig, Links: [`${other.Name}:${y.Name}/peer`] };
        if (op.kind === 'create-shared' && other) {
          y.HostConfig = { ...y.HostConfig, NetworkMode: `container:${op.b % 2 ? other.Name.slice(1) : other.Id.slice(0, 12)}` };
          y.NetworkSettings = { ...y.NetworkSettings, Networks: {} };
        }
        // `docker run --network <id>`: the mode names the network by id.
        if (op.kind === 'create-on-net-id' && n) y.HostConfig = { ...y.HostConfig, NetworkMode: n.Id };
        h.containers.set(y.Id, y);
        h.inspectedAt[y.Id] = T;
      }
      break;
    case 'remove':
      if (c) {
        h.containers.delete(c.Id);
        delete h.inspectedAt[c.Id];
      }
      break;
    case 'rename':
      if (c) replace(c, (y) => { y.Name = `/renamed-${h.serial}`; });
      break;
    case 'reinspect':
      if (c) {
        h.containers.set(c.Id, structuredClone(c)); // read again, nothing changed
      }
      break;
    case 'readdress':
      if (c) replace(c, (y) => { for (const s of Object.values(y.NetworkSettings?.Networks ?? {})) s.IPAddress = `10.9.${op.b % 250}.${op.a % 250}`; });
      break;
    case 'net-create': case 'net-create-nogw':
      if (n) {
        const m: RawNetwork = { ...structuredClone(n), Id: id(), Name: `net-${h.serial}`, Driver: 'bridge', Options: {} };
        if (op.kind === 'net-create-nogw') m.IPAM = { Driver: 'default', Config: [{ Subnet: '10.77.0.0/16' }] };
        h.networks.set(m.Id, m);
      }
      break;
    case 'net-remove':
      if (n) h.networks.delete(n.Id);
      break;
    case 'net-rename':
      if (n) h.networks.set(n.Id, { ...n, Name: `renamed-net-${++h.serial}` });
      break;
    case 'links-master':
      if (h.links?.hostInterfaces?.length) {
        const ifs = h.links.hostInterfaces.map((i, k) => (k === op.a % h.links!.hostInterfaces!.length ? { ...i, master: op.b % 2 ? null : 'docker0' } : i));
        h.links = { ...h.links, hostInterfaces: ifs };
      }
      break;
    case 'links-drop':
      if (h.links && c) {
        const containers = { ...h.links.containers };
        delete containers[c.Id];
        h.links = { ...h.links, containers };
      }
      break;
    case 'links-problem':
      if (h.links && c) h.links = { ...h.links, problems: [...h.links.problems, { containerId: c.Id, code: 'container_netns_unreadable', message: `cannot read ${c.Id.slice(0, 12)}` }] };
      break;
    case 'links-toggle':
      h.links = h.links ? null : fixture.hostLinks;
      break;
    case 'info':
      h.info = { ...h.info, Name: `host-${op.a % 3}` };
      break;
    case 'inspected-at':
      if (c) h.inspectedAt[c.Id] = T + 3_600_000 * (op.b % 5);
      break;
    case 'partial':
      if (c) h.partial = h.partial.some((p) => p.id === c.Id) ? h.partial.filter((p) => p.id !== c.Id) : [...h.partial, { id: c.Id, reason: 'timeout' }];
      break;
    case 'extra':
      h.extra = h.extra.length ? [] : [{ code: 'remote_engine', message: 'the engine is reached over tcp' }];
      break;
  }
}

/** buildTopology with the caller's warnings sorted in: what the store served before the builder. */
function reference(h: Held): Topology {
  const t = buildTopology(h.snapshot(), h.host());
  t.warnings = sortWarnings([...t.warnings, ...h.extra]);
  return t;
}

/** A change set in a form that compares regardless of the order of its upserts. */
function normal(c: TopologyChanges) {
  const list = <T,>(x: { upsert: T[]; remove: string[] } | undefined, key: (v: T) => string) =>
    x && (x.upsert.length || x.remove.length) ? { upsert: Object.fromEntries(x.upsert.map((v) => [key(v), JSON.stringify(v)])), remove: [...x.remove].sort() } : undefined;
  return {
    engine: c.engine, swarm: c.swarm, warnings: c.warnings,
    networks: list(c.networks, (n) => n.id), containers: list(c.containers, (x) => x.id), endpoints: list(c.endpoints, endpointKey),
  };
}

const ops = fc.array(fc.record({ kind: fc.constantFrom(...KINDS), a: fc.nat(1000), b: fc.nat(1000) }), { minLength: 1, maxLength: 25 });

/**
 * The containers one change read again, added or removed (new object or inspect time): what the
 * store's EngineState hands the builder as its hint.
 */
function changedBy(h: Held, op: Op): Set<string> {
  const before = new Map([...h.containers].map(([id, c]) => [id, [c, h.inspectedAt[id]] as const]));
  apply(h, op);
  const changed = new Set<string>();
  for (const [id, [c, at]] of before) if (h.containers.get(id) !== c || h.inspectedAt[id] !== at) changed.add(id);
  for (const id of h.containers.keys()) if (!before.has(id)) changed.add(id);
  return changed;
}

describe.each([['every container', false], ['the containers read again (the store\'s hint)', true]])('TopologyBuilder, looking at %s', (_what, withHint) => {
  it('builds what buildTopology builds, after every change of a random sequence, and says exactly what changed', () => {
    fc.assert(fc.property(ops, (seq) => {
      const h = new Held();
      const builder = new TopologyBuilder();
      let prev = builder.build(h.snapshot(), h.host(), h.extra).topology;
      expect(JSON.stringify(prev)).toBe(JSON.stringify(reference(h)));
      // Several changes between two builds, as a burst of events makes them.
      for (let i = 0; i < seq.length; i++) {
        const changed = changedBy(h, seq[i]!);
        while (i + 1 < seq.length && seq[i + 1]!.a % 4 === 0) for (const id of changedBy(h, seq[++i]!)) changed.add(id);
        const { topology, changes } = builder.build(h.snapshot(), h.host(), h.extra, withHint ? { containers: changed, byId: h.containers } : null);
        expect(JSON.stringify(topology)).toBe(JSON.stringify(reference(h)));
        expect(normal(changes!)).toEqual(normal(diffTopology(prev, topology)));
        // What did not change keeps its object (the page skips it).
        const before = new Map(prev.containers.map((x) => [x.id, x]));
        const upserted = new Set(changes!.containers?.upsert.map((x) => x.id) ?? []);
        for (const x of topology.containers) if (!upserted.has(x.id) && before.has(x.id)) expect(x).toBe(before.get(x.id));
        prev = topology;
      }
    }), { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) });
  }, 120_000);
});

describe('TopologyBuilder', () => {
  it('reuses everything when nothing was read again', () => {
    const h = new Held();
    const builder = new TopologyBuilder();
    const a = builder.build(h.snapshot(), h.host()).topology;
    const again = builder.build(h.snapshot(), h.host());
    expect(again.topology.containers).toBe(a.containers);
    expect(again.topology.endpoints).toBe(a.endpoints);
    expect(again.topology.networks).toBe(a.networks);
    expect(again.topology.warnings).toBe(a.warnings);
    expect(again.changes).toEqual({});
  });

  it('makes again only the container read again, and its endpoints', () => {
    const h = new Held();
    const builder = new TopologyBuilder();
    const a = builder.build(h.snapshot(), h.host()).topology;
    apply(h, { kind: 'readdress', a: 12, b: 3 });
    const { topology, changes } = builder.build(h.snapshot(), h.host());
    const id = [...h.containers.keys()][12]!;
    expect(changes!.endpoints!.upsert.map((e) => e.containerId)).toEqual([id]);
    expect(changes!.containers).toBeUndefined();
    expect(topology.containers).toBe(a.containers);
    expect(topology.endpoints.filter((e) => e.containerId !== id).every((e) => a.endpoints.includes(e))).toBe(true);
  });
});
