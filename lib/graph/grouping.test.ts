import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EngineSnapshot } from '@/lib/docker/engine-types';
import { buildTopology } from '@/lib/topology/build';
import { toElements } from './elements';
import { regroup } from './grouping';
import { ids } from './ids';
import { DEFAULT_VIEW } from './view-state';

// Recorded from Engine 20.10.24 / API 1.41 on a one-node swarm (lib/topology/fixtures).
const { snapshot } = JSON.parse(readFileSync(new URL('../topology/fixtures/swarm-engine-20.10.json', import.meta.url), 'utf8')) as { snapshot: EngineSnapshot };
const t = buildTopology(snapshot, { links: null });
const node = t.swarm!.nodes[0]!.hostname;
const els = (g: 'service' | 'node') => new Map(toElements(regroup(t, g, null), DEFAULT_VIEW).map((e) => [e.data.id, e]));

describe('grouping by swarm service or node', () => {
  it('leaves the topology as it is when grouping by compose project', () => {
    expect(regroup(t, 'project', null)).toBe(t);
  });

  it('puts each task in its service\'s group, says the mode and tasks running, and draws its VIPs', () => {
    const m = els('service');
    const group = m.get(ids.project('service: sy-svc'))!;
    expect(group.data.label).toBe('service: sy-svc\nreplicated · 2/2 running');
    expect(group.classes).toContain('group-service');
    expect(m.get(ids.project('service: sy-agent'))!.data.label).toBe('service: sy-agent\nglobal · 1 running');
    const running = t.containers.filter((c) => c.labels['com.docker.swarm.service.name'] === 'sy-svc');
    for (const c of running) expect(m.get(ids.container(c.id))!.data.parent).toBe(ids.project('service: sy-svc'));
    const svc = t.swarm!.services.find((s) => s.name === 'sy-svc')!;
    const overlay = t.networks.find((n) => n.name === 'sy-svc-overlay')!;
    const vip = m.get(ids.vip(svc.id, overlay.id))!;
    expect(vip.data).toMatchObject({ kind: 'vip', source: ids.project('service: sy-svc'), target: ids.network(overlay.id) });
    expect(vip.data.label).toBe(`VIP ${svc.vips.find((v) => v.networkId === overlay.id)!.address}`);
  });

  it('puts every container of this engine in its node\'s group, with the node\'s role', () => {
    const m = els('node');
    expect(m.get(ids.project(`node: ${node}`))!.data.label).toBe(`node: ${node}\nmanager (leader) · active · ready`);
    for (const c of t.containers) expect(m.get(ids.container(c.id))!.data.parent).toBe(ids.project(`node: ${node}`));
  });

  it('applies the compose project filter to the real projects first', () => {
    expect(regroup(t, 'service', 'no-such-project').containers).toEqual([]);
  });
});
