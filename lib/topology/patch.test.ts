import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EngineSnapshot, RawContainer } from '@/lib/docker/engine-types';
import type { HostLinks } from '@/lib/host/links';
import { buildTopology } from './build';
import { applyPatch, diffTopology, isEmptyChange, patchGap } from './patch';
import type { Topology, TopologyMeta, TopologyPatch } from './types';

/** Recorded from Debian's docker.io (Engine 20.10.24, API 1.41) running scripts/lab.sh. */
const fixture = JSON.parse(readFileSync(new URL('./fixtures/engine-20.10.24-api-1.41.json', import.meta.url), 'utf8')) as { snapshot: EngineSnapshot; hostLinks: HostLinks };
const T = Date.parse('2026-11-25T10:00:00Z');

function meta(version: number): TopologyMeta {
  return { readAt: new Date(T).toISOString(), engineRequests: 23, readMs: 10, hostLinks: 'read', version, epoch: 'e1', updatedAt: new Date(T).toISOString(), fullReads: 1, eventsApplied: version };
}

function build(s: EngineSnapshot, version: number): Topology {
  const inspectedAt = Object.fromEntries(s.containers.map((c) => [c.Id, T]));
  return { ...buildTopology({ ...s, inspectedAt }, { links: fixture.hostLinks }), meta: meta(version) };
}

/** One edit of the kind the engine's events bring: gone, renamed, stopped, moved, new. */
type Edit = { kind: 'remove' | 'rename' | 'stop' | 'readdress' | 'disconnect' | 'clone' | 'drop-network'; at: number };

function edit(s: EngineSnapshot, e: Edit): EngineSnapshot {
  const out = structuredClone(s);
  const c = out.containers[e.at % out.containers.length]!;
  switch (e.kind) {
    case 'remove': out.containers = out.containers.filter((x) => x !== c); break;
    case 'rename': c.Name = `/zz-renamed-${e.at}-${c.Name.slice(1)}`; break;
    case 'stop': c.State = { ...c.State, Status: 'exited', Running: false, Pid: 0, FinishedAt: '2026-11-25T09:00:00Z', ExitCode: 137 }; break;
    case 'readdress': for (const n of Object.values(c.NetworkSettings?.Networks ?? {})) n.IPAddress = `10.9.${e.at % 250}.${(e.at * 7) % 250}`; break;
    case 'disconnect': {
      const nets = c.NetworkSettings?.Networks ?? {};
      const first = Object.keys(nets)[0];
      if (first) delete nets[first];
      break;
    }
    case 'clone': {
      const copy: RawContainer = structuredClone(c);
      copy.Id = `${e.at.toString(16).padStart(4, '0')}${c.Id.slice(4)}`;
      copy.Name = `/clone-${e.at}`;
      // The engine never has two containers with one id or one name.
      if (!out.containers.some((x) => x.Id === copy.Id || x.Name === copy.Name)) out.containers.push(copy);
      break;
    }
    case 'drop-network': {
      const n = out.networks[e.at % out.networks.length]!;
      out.networks = out.networks.filter((x) => x !== n);
      break;
    }
  }
  return out;
}

const edits = fc.array(fc.record({
  kind: fc.constantFrom<Edit['kind']>('remove', 'rename', 'stop', 'readdress', 'disconnect', 'clone', 'drop-network'),
  at: fc.nat(1000),
}), { minLength: 0, maxLength: 8 });

describe('diffTopology and applyPatch', () => {
  it('patching a topology gives exactly the other one, in both directions', () => {
    fc.assert(fc.property(edits, (es) => {
      const s1 = fixture.snapshot;
      const s2 = es.reduce(edit, s1);
      const a = build(s1, 1);
      const b = build(s2, 2);
      const ab: TopologyPatch = { epoch: 'e1', from: 1, to: 2, ...diffTopology(a, b), meta: b.meta! };
      expect(applyPatch(a, ab)).toEqual(b);
      const ba: TopologyPatch = { epoch: 'e1', from: 2, to: 3, ...diffTopology(b, a), meta: meta(3) };
      expect(applyPatch(b, ba)).toEqual({ ...a, meta: meta(3) });
    }), { numRuns: 100 });
  }, 60_000);

  it('finds nothing between a topology and its rebuild, and keeps untouched lists', () => {
    const a = build(fixture.snapshot, 1);
    const again = build(structuredClone(fixture.snapshot), 2);
    expect(isEmptyChange(diffTopology(a, again))).toBe(true);

    const s2 = edit(fixture.snapshot, { kind: 'readdress', at: 3 });
    const changes = diffTopology(a, build(s2, 2));
    expect(changes.networks).toBeUndefined();
    expect(changes.endpoints!.remove).toEqual([]);
    expect(changes.endpoints!.upsert.length).toBeGreaterThan(0);
    const patched = applyPatch(a, { epoch: 'e1', from: 1, to: 2, ...changes, meta: meta(2) });
    expect(patched.networks).toBe(a.networks);
    expect(patched.containers).toBe(a.containers);
  });

  it('says why a patch does not apply: another epoch, or a gap in versions', () => {
    const a = build(fixture.snapshot, 4);
    expect(patchGap(a, { epoch: 'e1', from: 4 })).toBeNull();
    expect(patchGap(a, { epoch: 'e1', from: 5 })).toMatch(/version 5/);
    expect(patchGap(a, { epoch: 'e2', from: 4 })).toMatch(/restarted/);
  });
});
