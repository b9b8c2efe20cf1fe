import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EngineSnapshot } from '@/lib/docker/engine-types';
import type { HostLinks } from '@/lib/host/links';
import { buildTopology } from '@/lib/topology/build';
import { diffTopology } from '@/lib/topology/patch';
import type { Topology, TopologyPatch, TopoContainer, TopoEndpoint } from '@/lib/topology/types';
import { FleetIndex } from './follow';
import { mergeFleet } from './merge';

const load = (name: string) => JSON.parse(readFileSync(new URL(`../topology/fixtures/${name}`, import.meta.url), 'utf8')) as { snapshot: EngineSnapshot; hostLinks?: HostLinks };
/** Recorded from Debian's docker.io (Engine 20.10.24, API 1.41) running scripts/lab.sh. */
const lab = load('engine-20.10.24-api-1.41.json');
/** Recorded from a disposable Engine 20.10 that was a swarm manager with one service. */
const swarm = load('swarm-engine-20.10.json');
const topo = (f: { snapshot: EngineSnapshot; hostLinks?: HostLinks }): Topology => buildTopology(f.snapshot, { links: f.hostLinks ?? null });
const strip = (t: Topology) => ({ ...t, meta: undefined });

/** A small random generator with a seed, so a failure can be run again. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** The changes an engine's store publishes: one random change to a topology of the lab's. */
function change(t: Topology, r: () => number, n: number): Topology {
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const k = Math.floor(r() * 7);
  const local = t.networks.filter((x) => x.scope !== 'swarm' && !x.builtin);
  if (k === 0 && t.containers.length > 3) { // a container removed, with its endpoints
    const c = pick(t.containers);
    return { ...t, containers: t.containers.filter((x) => x !== c), endpoints: t.endpoints.filter((e) => e.containerId !== c.id), warnings: t.warnings.filter((w) => w.subject !== c.id) };
  }
  if (k === 1 && local.length) { // a container created on a network
    const like = pick(t.containers);
    const net = pick(local);
    const c: TopoContainer = { ...like, id: `new${n}`.padEnd(64, '0'), name: `made-${n}`, networkMode: 'default', sharesNetworkWith: null, links: [] };
    const e: TopoEndpoint = { networkId: net.id, containerId: c.id, ipv4: `10.9.${n % 250}.2`, ipv4PrefixLength: 24, ipv6: null, mac: null, gateway: null, ipv6Gateway: null, staticIpv4: null, staticIpv6: null, aliases: [], dnsNames: [c.name], veth: null };
    return { ...t, containers: [...t.containers, c], endpoints: [...t.endpoints, e] };
  }
  if (k === 2) { // stopped or started
    const c = pick(t.containers);
    return { ...t, containers: t.containers.map((x) => (x === c ? { ...x, state: x.state === 'running' ? 'exited' : 'running' } : x)) };
  }
  if (k === 3 && t.endpoints.length) { // disconnected
    const e = pick(t.endpoints);
    return { ...t, endpoints: t.endpoints.filter((x) => x !== e) };
  }
  if (k === 4) { // a network created
    const like = pick(t.networks);
    return { ...t, networks: [...t.networks, { ...like, id: `net${n}`.padEnd(64, '0'), name: `made-net-${n}`, scope: 'local', builtin: false, driver: 'bridge' }] };
  }
  if (k === 5 && local.length) { // a network removed, with its endpoints
    const net = pick(local);
    return { ...t, networks: t.networks.filter((x) => x !== net), endpoints: t.endpoints.filter((e) => e.networkId !== net.id) };
  }
  // its warnings changed
  return { ...t, warnings: t.warnings.length > 1 ? t.warnings.slice(1) : [...t.warnings, { code: 'note', message: `note ${n}` }] };
}

const patchOf = (prev: Topology, next: Topology, v: number): TopologyPatch => ({ epoch: 'e', from: v, to: v + 1, ...diffTopology(prev, next), meta: { readAt: '', engineRequests: 0, readMs: 0, hostLinks: 'read', version: v + 1, epoch: 'e', updatedAt: '', fullReads: 1, eventsApplied: v } });

describe('FleetIndex', () => {
  it('keeps the fleet equal to a whole merge through random changes of its engines (one change at a time, in proportion to it)', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const r = rng(seed);
      const members = { east: topo(lab), west: topo(lab), hub: topo(swarm) };
      const merge = () => mergeFleet(Object.entries(members).map(([name, topology]) => ({ name, topology }))).topology;
      const index = new FleetIndex(merge());
      let whole = 0;
      for (let n = 0; n < 120; n++) {
        const engine = (['east', 'west', 'hub'] as const)[Math.floor(r() * 3)]!;
        const next = change(members[engine], r, n);
        const p = patchOf(members[engine], next, n);
        members[engine] = next;
        const c = index.translate(engine, p);
        if (!c) {
          whole++;
          index.topology = merge(); // what the caller does: a whole merge
          Object.assign(index, new FleetIndex(index.topology));
          continue;
        }
        const untouched = index.topology.containers.filter((x) => !x.id.startsWith(`${engine}/`));
        const t = index.apply(c);
        expect(strip(t), `seed ${seed}, change ${n} on ${engine}`).toEqual(strip(merge()));
        // The other engines' objects are the same objects: nothing was made again for them.
        for (const x of untouched) expect(t.containers.includes(x)).toBe(true);
      }
      expect(whole, `seed ${seed}: whole merges`).toBeLessThan(40);
    }
  });

  it('asks for a whole merge where only one can say: the swarm, the engine, a swarm network, a rename', () => {
    const t = topo(swarm);
    const index = new FleetIndex(mergeFleet([{ name: 'hub', topology: t }]).topology);
    const p = (next: Topology) => patchOf(t, next, 1);
    expect(index.translate('hub', { ...p(t), swarm: t.swarm })).toBeNull();
    expect(index.translate('hub', { ...p(t), engine: t.engine })).toBeNull();
    const overlay = t.networks.find((n) => n.scope === 'swarm')!;
    expect(index.translate('hub', p({ ...t, networks: t.networks.map((n) => (n === overlay ? { ...n, labels: { x: '1' } } : n)) }))).toBeNull();
    const c = t.containers[0]!;
    expect(index.translate('hub', p({ ...t, containers: t.containers.map((x) => (x === c ? { ...x, name: 'renamed' } : x)) }))).toBeNull();
    // An ordinary change is not.
    expect(index.translate('hub', p({ ...t, containers: t.containers.map((x) => (x === c ? { ...x, state: 'exited' } : x)) }))).not.toBeNull();
  });
});
