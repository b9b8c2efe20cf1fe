import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EngineSnapshot } from '@/lib/docker/engine-types';
import { buildTopology } from './build';
import { buildSwarm } from './swarm';

// Recorded from Engine 20.10.24 / API 1.41 on a one-node swarm (see the fixture's _comment).
const { snapshot } = JSON.parse(readFileSync(new URL('./fixtures/swarm-engine-20.10.json', import.meta.url), 'utf8')) as { snapshot: EngineSnapshot };
const t = buildTopology(snapshot, { links: null });
const swarm = t.swarm!;
const svc = (name: string) => swarm.services.find((s) => s.name === name)!;
const netId = (name: string) => t.networks.find((n) => n.name === name)!.id;

describe('the swarm, from a manager', () => {
  it('has the node this engine is', () => {
    expect(swarm.nodeId).toBe(snapshot.info.Swarm!.NodeID);
    expect(swarm.nodes).toEqual([expect.objectContaining({ id: swarm.nodeId, role: 'manager', availability: 'active', state: 'ready', leader: true, self: true, address: '127.0.0.1' })]);
  });

  it('has each service with its mode, replicas, VIPs per network and published ports', () => {
    expect(swarm.services.map((s) => s.name)).toEqual(['sy-agent', 'sy-svc']);
    expect(svc('sy-svc')).toMatchObject({ mode: 'replicated', replicas: 2, running: 2, image: 'switchyard-lab/busybox:1', endpointMode: 'vip' });
    expect(svc('sy-agent')).toMatchObject({ mode: 'global', replicas: null, running: 1, vips: [], ports: [] });
    // Published through the routing mesh: a VIP on ingress as well as on its own overlay.
    expect(svc('sy-svc').vips.map((v) => v.networkId).sort()).toEqual([netId('ingress'), netId('sy-svc-overlay')].sort());
    expect(svc('sy-svc').vips.find((v) => v.networkId === netId('sy-svc-overlay'))!.address).toMatch(/^10\.234\.0\.\d+\/24$/);
    expect(svc('sy-svc').networks).toEqual([{ networkId: netId('sy-svc-overlay'), aliases: [] }]);
    expect(svc('sy-svc').ports).toEqual([{ protocol: 'tcp', targetPort: 80, publishedPort: 18095, publishMode: 'ingress' }]);
  });

  it('keeps the tasks meant to run (not the history an update leaves), by service and slot, with their containers and addresses', () => {
    expect(snapshot.swarm!.tasks.filter((k) => k.DesiredState === 'shutdown')).toHaveLength(2);
    expect(swarm.tasks.map((k) => [k.serviceName, k.slot, k.state])).toEqual([['sy-agent', null, 'running'], ['sy-svc', 1, 'running'], ['sy-svc', 2, 'running']]);
    for (const k of swarm.tasks) {
      const c = t.containers.find((x) => x.id === k.containerId)!;
      expect(c.labels['com.docker.swarm.task.id']).toBe(k.id);
      expect(k.nodeId).toBe(swarm.nodeId);
    }
    const one = swarm.tasks.find((k) => k.serviceName === 'sy-svc' && k.slot === 1)!;
    const ep = t.endpoints.find((e) => e.containerId === one.containerId && e.networkId === netId('sy-svc-overlay'))!;
    expect(one.addresses).toContainEqual({ networkId: netId('sy-svc-overlay'), address: `${ep.ipv4}/24` });
  });

  it('is null where the engine is not a manager', () => {
    expect(buildSwarm(null, {})).toBeNull();
    expect(buildTopology({ ...snapshot, swarm: null }, { links: null }).swarm).toBeNull();
  });
});
