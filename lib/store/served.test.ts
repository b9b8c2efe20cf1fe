import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EngineSnapshot } from '@/lib/docker/engine-types';
import type { HostLinks } from '@/lib/host/links';
import { TopologyBuilder } from '@/lib/topology/incremental';
import { topologyJson } from './served';

/** Recorded from Debian's docker.io (Engine 20.10.24, API 1.41) running scripts/lab.sh. */
const fixture = JSON.parse(readFileSync(new URL('../topology/fixtures/engine-20.10.24-api-1.41.json', import.meta.url), 'utf8')) as { snapshot: EngineSnapshot; hostLinks: HostLinks };

describe('topologyJson', () => {
  it('is JSON.stringify of the topology, before and after a change, with and without meta', () => {
    const builder = new TopologyBuilder();
    const s = fixture.snapshot;
    const a = builder.build(s, { links: fixture.hostLinks }).topology;
    expect(topologyJson(a)).toBe(JSON.stringify(a));
    const withMeta = { ...a, meta: { readAt: 'x', engineRequests: 1, readMs: 2, hostLinks: 'read' as const, version: 3, epoch: 'e', updatedAt: 'y', fullReads: 1, eventsApplied: 0 } };
    expect(topologyJson(withMeta)).toBe(JSON.stringify(withMeta));
    // One container renamed: its entry and its list are made again, the rest are reused.
    const c = structuredClone(s.containers[3]!);
    c.Name = '/renamed';
    const b = builder.build({ ...s, containers: s.containers.map((x, i) => (i === 3 ? c : x)) }, { links: fixture.hostLinks }).topology;
    expect(b.networks).toBe(a.networks);
    expect(topologyJson(b)).toBe(JSON.stringify(b));
    expect(topologyJson(b)).not.toBe(topologyJson(a));
  });
});
