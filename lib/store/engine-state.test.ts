import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EngineSnapshot } from '@/lib/docker/engine-types';
import type { HostLinks } from '@/lib/host/links';
import { buildTopology } from '@/lib/topology/build';
import { heldContainer } from './engine-state';
import { inspectFingerprint } from './list-check';

const load = (name: string) => JSON.parse(readFileSync(new URL(`../topology/fixtures/${name}`, import.meta.url), 'utf8')) as { snapshot: EngineSnapshot; hostLinks: HostLinks };

describe('heldContainer', () => {
  it.each([
    ['Engine 20.10.24 (API 1.41), recorded', 'engine-20.10.24-api-1.41.json'],
    ['Engine 27.5.1 (API 1.47), handmade', 'engine-27.5.1-api-1.47-handmade.json'],
    ['a swarm manager on Engine 20.10, recorded', 'swarm-engine-20.10.json'],
  ])('keeps everything the topology and the list check read: %s', (_label, file) => {
    const f = load(file);
    const held = { ...f.snapshot, containers: f.snapshot.containers.map(heldContainer) };
    expect(buildTopology(held, { links: f.hostLinks })).toEqual(buildTopology(f.snapshot, { links: f.hostLinks }));
    for (const [i, c] of f.snapshot.containers.entries()) expect(inspectFingerprint(held.containers[i]!)).toBe(inspectFingerprint(c));
    // And is much smaller than what the engine sent.
    const size = (x: unknown) => JSON.stringify(x).length;
    expect(size(held.containers)).toBeLessThan(size(f.snapshot.containers) * 0.6);
  });

  it('keeps a health check\'s status, not its log', () => {
    const f = load('engine-20.10.24-api-1.41.json');
    const log = Array.from({ length: 5 }, (_, i) => ({ Start: `2026-12-05T10:0${i}:00Z`, End: `2026-12-05T10:0${i}:01Z`, ExitCode: 0, Output: 'x'.repeat(4096) }));
    const withHealth = f.snapshot.containers.map((c, i) => (i % 2 ? c : { ...c, State: { ...c.State, Health: { Status: i % 4 ? 'healthy' : 'unhealthy', FailingStreak: i % 4 ? 0 : 3, Log: log } } }));
    const snapshot = { ...f.snapshot, containers: withHealth };
    const held = { ...snapshot, containers: withHealth.map(heldContainer) };
    const built = buildTopology(held, { links: f.hostLinks });
    expect(built).toEqual(buildTopology(snapshot, { links: f.hostLinks }));
    expect(built.containers.filter((c) => c.health === 'unhealthy').length).toBeGreaterThan(0);
    for (const c of held.containers) expect(JSON.stringify(c).length).toBeLessThan(4096);
  });
});
