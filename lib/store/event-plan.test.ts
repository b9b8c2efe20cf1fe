import { describe, expect, it } from 'vitest';
import { planEvents, SUBSCRIBED_ACTIONS, SUBSCRIBED_TYPES } from './event-plan';

const ctr = (action: string, id = 'c1') => ({ type: 'container', action, id, container: null });
const net = (action: string, id = 'n1', container: string | null = null) => ({ type: 'network', action, id, container });

describe('planEvents', () => {
  it('inspects a container once for a whole docker run burst, and reads its interfaces', () => {
    const p = planEvents([ctr('create'), net('connect', 'n1', 'c1'), ctr('start')]);
    expect([...p.inspectContainers]).toEqual(['c1']);
    expect([...p.rereadInterfaces]).toEqual(['c1']);
    expect(p.readNetworks.size + p.dropNetworks.size + p.dropContainers.size).toBe(0);
  });

  it('drops a removed container without asking the engine, even after earlier events', () => {
    const p = planEvents([ctr('die'), net('disconnect', 'n1', 'c1'), ctr('destroy')]);
    expect([...p.dropContainers]).toEqual(['c1']);
    expect(p.inspectContainers.size).toBe(0);
    expect(p.rereadInterfaces.size).toBe(0);
  });

  it('inspects again a container whose id came back after a destroy (never, but order wins)', () => {
    expect([...planEvents([ctr('destroy'), ctr('create')]).inspectContainers]).toEqual(['c1']);
  });

  it('reads a created network, drops a destroyed one, and connect/disconnect touch only the container', () => {
    const p = planEvents([net('create', 'n2'), net('destroy', 'n3'), net('connect', 'n4', 'c9')]);
    expect([...p.readNetworks]).toEqual(['n2']);
    expect([...p.dropNetworks]).toEqual(['n3']);
    expect([...p.inspectContainers]).toEqual(['c9']);
    expect(planEvents([net('create', 'n2'), net('destroy', 'n2')]).readNetworks.size).toBe(0);
  });

  it('ignores actions that do not change the topology', () => {
    const p = planEvents([ctr('exec_start'), ctr('attach'), ctr('kill'), ctr('top')]);
    expect(p.inspectContainers.size).toBe(0);
  });

  it('subscribes to every action it plans for, once', () => {
    expect(new Set(SUBSCRIBED_ACTIONS).size).toBe(SUBSCRIBED_ACTIONS.length);
    for (const a of ['create', 'start', 'die', 'destroy', 'connect', 'disconnect', 'rename', 'health_status']) expect(SUBSCRIBED_ACTIONS).toContain(a);
  });

  it('reads the swarm again for a service or node event, and only then', () => {
    expect(planEvents([{ type: 'service', action: 'update', id: 'svc1', container: null }]).readSwarm).toBe(true);
    expect(planEvents([{ type: 'node', action: 'update', id: 'node1', container: null }]).readSwarm).toBe(true);
    expect(planEvents([ctr('start'), { type: 'network', action: 'create', id: 'n1', container: null }]).readSwarm).toBe(false);
    expect(SUBSCRIBED_ACTIONS).toContain('update');
    expect(SUBSCRIBED_TYPES).toEqual(['network', 'container', 'service', 'node']);
  });
});
