import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EngineSnapshot } from '@/lib/docker/engine-types';
import type { HostLinks } from '@/lib/host/links';
import { buildTopology } from '@/lib/topology/build';
import { toElements } from '@/lib/graph/elements';
import type { Topology } from '@/lib/topology/types';
import { ENGINE_GROUP, fleetId, fleetRoute, mergeFleet, parseFleetId, sameEngine, UNREACHABLE } from './merge';

const load = (name: string) => JSON.parse(readFileSync(new URL(`../topology/fixtures/${name}`, import.meta.url), 'utf8')) as { snapshot: EngineSnapshot; hostLinks?: HostLinks };
/** Recorded from Debian's docker.io (Engine 20.10.24, API 1.41) running scripts/lab.sh. */
const lab = load('engine-20.10.24-api-1.41.json');
/** Recorded from a disposable Engine 20.10 that was a swarm manager with one service. */
const swarm = load('swarm-engine-20.10.json');
const topo = (f: { snapshot: EngineSnapshot; hostLinks?: HostLinks }): Topology => buildTopology(f.snapshot, { links: f.hostLinks ?? null });

describe('mergeFleet', () => {
  it('keeps two engines with the same ids apart, each in a group of its own', () => {
    const a = topo(lab);
    const { topology: t, engines } = mergeFleet([{ name: 'east', topology: a }, { name: 'west', topology: a }, { name: 'gone', topology: null, error: 'connection refused' }]);
    expect(t.containers).toHaveLength(2 * a.containers.length);
    expect(t.endpoints).toHaveLength(2 * a.endpoints.length);
    expect(new Set(t.containers.map((c) => c.id)).size).toBe(t.containers.length);
    expect(t.containers.every((c) => c.composeProject === `${ENGINE_GROUP}${parseFleetId(c.id)!.engine}`)).toBe(true);
    // Every endpoint joins a network and a container of the fleet.
    const nets = new Set(t.networks.map((n) => n.id));
    const ctrs = new Set(t.containers.map((c) => c.id));
    expect(t.endpoints.every((e) => nets.has(e.networkId) && ctrs.has(e.containerId))).toBe(true);
    // A shared namespace and a link point at the same engine's container.
    const sidecar = t.containers.find((c) => c.id.startsWith('west/') && c.name === 'tomcat-net-01-sidecar')!;
    expect(parseFleetId(sidecar.sharesNetworkWith!)!.engine).toBe('west');
    expect(t.warnings.some((w) => w.message === 'gone: connection refused')).toBe(true);
    expect(engines.map((e) => [e.name, e.ok])).toEqual([['east', true], ['west', true], ['gone', false]]);
  });

  it('draws a swarm network once, and a task on a node no engine is as unreachable', () => {
    const s = topo(swarm);
    const overlay = s.networks.find((n) => n.name === 'sy-svc-overlay')!;
    // The manager lists one more task, on a node the fleet does not reach.
    const task = s.swarm!.tasks.find((x) => x.addresses.some((a) => a.networkId === overlay.id))!;
    const far = { ...task, id: 'farTaskId0000000000000001', nodeId: 'farnode0000000000000000001', slot: 9 };
    const manager: Topology = { ...s, swarm: { ...s.swarm!, nodes: [...s.swarm!.nodes, { ...s.swarm!.nodes[0]!, id: far.nodeId, hostname: 'far-away', self: false }], tasks: [...s.swarm!.tasks, far] } };
    const { topology: t } = mergeFleet([{ name: 'mgr', topology: manager }, { name: 'lab', topology: topo(lab) }]);
    expect(t.networks.filter((n) => n.name === 'sy-svc-overlay')).toHaveLength(1);
    expect(t.networks.find((n) => n.name === 'sy-svc-overlay')!.id).toBe(overlay.id);
    const lost = t.containers.find((c) => c.id === `task.${far.id}`)!;
    expect(lost.state).toBe(UNREACHABLE);
    expect(lost.composeProject).toBe('node: far-away (not reachable)');
    expect(t.endpoints.some((e) => e.containerId === lost.id && e.networkId === overlay.id)).toBe(true);
    // The tasks of the node the manager is are its own containers, not placeholders.
    expect(t.containers.filter((c) => c.state === UNREACHABLE)).toHaveLength(1);
    expect(t.containers.some((c) => c.id === fleetId('mgr', task.containerId!))).toBe(true);
  });
});

describe('fleetRoute', () => {
  it('sends a change to the engine of the container and the network, with their own ids', () => {
    expect(fleetRoute('east/net1', 'east/ctr1')).toEqual({ engine: 'east', network: 'net1', container: 'ctr1' });
    expect(fleetRoute('east/net1', null)).toEqual({ engine: 'east', network: 'net1', container: null });
    // A swarm network keeps its id on every engine: the container's engine takes the change.
    expect(fleetRoute('ov3rl4y', 'west/ctr2')).toEqual({ engine: 'west', network: 'ov3rl4y', container: 'ctr2' });
    expect(sameEngine('ov3rl4y', 'west/ctr2')).toBe(true);
  });
  it('refuses, saying why, a change across engines or to a task no engine runs', () => {
    expect(() => fleetRoute('east/net1', 'west/ctr2')).toThrow(/on west and the network on east/);
    expect(sameEngine('east/net1', 'west/ctr2')).toBe(false);
    expect(() => fleetRoute('ov3rl4y', 'task.abc')).toThrow(/does not reach/);
    expect(sameEngine('ov3rl4y', 'task.abc')).toBe(false);
    expect(() => fleetRoute('ov3rl4y', null)).toThrow(/one engine/);
  });
});

describe('the fleet drawn', () => {
  it('names the engine of each engine\'s own network (names repeat across engines), and groups by engine', () => {
    const a = topo(lab);
    const { topology } = mergeFleet([{ name: 'east', topology: a }, { name: 'west', topology: a }]);
    const els = toElements(topology, { q: '', network: null, project: null, hideStopped: false, hideBuiltin: false, hostIfaces: false, layout: 'clusters', sel: null });
    const redis = a.networks.find((n) => n.name === 'redis')!;
    for (const engine of ['east', 'west']) {
      const label = els.find((e) => e.data.id === `net:${engine}/${redis.id}`)?.data.label as string;
      expect(label.split('\n')[0]).toBe(`redis · ${engine}`);
      expect(els.find((e) => e.data.id === `project:engine: ${engine}`)?.data.label).toBe(`engine: ${engine}`);
    }
    // The host network of each engine is a network of its own (the host node holds only published ports).
    expect(els.filter((e) => e.data.kind === 'network' && e.data.name === 'host')).toHaveLength(2);
  });
});
