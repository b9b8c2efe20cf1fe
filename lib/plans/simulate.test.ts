import { describe, expect, it } from 'vitest';
import { planBody, type PlanStep } from '@/lib/schemas/plans';
import type { Topology, TopoContainer, TopoNetwork } from '@/lib/topology/types';
import { commandOf, plannedId, simulate } from './simulate';

const net = (name: string, o: Partial<TopoNetwork> = {}): TopoNetwork => ({ id: `n-${name}`, name, driver: 'bridge', builtin: false, scope: 'local', subnets: [{ subnet: '10.9.0.0/24', gateway: '10.9.0.1', ipRange: null }], ipv6: false, ...o } as TopoNetwork);
const ctr = (name: string, o: Partial<TopoContainer> = {}): TopoContainer => ({ id: `c-${name}`, name, networkMode: 'bridge', sharesNetworkWith: null, ...o } as TopoContainer);
const steps = (raw: unknown[]): PlanStep[] => planBody.parse({ steps: raw }).steps;

const T: Pick<Topology, 'networks' | 'containers' | 'endpoints' | 'engine'> = {
  engine: { swarm: null } as Topology['engine'],
  networks: [net('front'), net('bridge', { builtin: true })],
  containers: [ctr('web'), ctr('db'), ctr('side', { sharesNetworkWith: 'c-web' })],
  endpoints: [{ networkId: 'n-front', containerId: 'c-web' } as Topology['endpoints'][number]],
};

describe('simulate', () => {
  it('lets later steps see what earlier ones make, and says each step\'s verdict', () => {
    const plan = steps([
      { kind: 'network-create', name: 'back', subnet: '10.8.0.0/24' },
      { kind: 'connect', network: 'back', container: 'web', aliases: ['api'], ipv4: '10.8.0.5' },
      { kind: 'connect', network: 'back', container: 'db', ipv4: '10.8.0.5' },
      { kind: 'disconnect', network: 'front', container: 'web' },
      { kind: 'network-remove', network: 'front' },
    ]);
    const { verdicts, after } = simulate(T, plan);
    expect(verdicts.map((v) => v?.message ?? null)).toEqual([null, null, '10.8.0.5 is in use on back by web', null, null]);
    expect(after.networks.map((n) => n.id)).toEqual(['n-bridge', plannedId('back')]);
    expect(after.endpoints).toMatchObject([{ networkId: plannedId('back'), containerId: 'c-web', staticIpv4: '10.8.0.5', aliases: ['api'] }]);
  });

  it('refuses what the change alone would be refused, without changing the topology for the steps after', () => {
    const { verdicts } = simulate(T, steps([
      { kind: 'network-remove', network: 'front' }, // web is still on it
      { kind: 'connect', network: 'front', container: 'web' }, // already on it
      { kind: 'connect', network: 'front', container: 'side' }, // shares web's namespace
      { kind: 'network-create', name: 'front' },
      { kind: 'disconnect', network: 'nowhere', container: 'web' },
      { kind: 'network-create', name: 'ov', driver: 'overlay' },
    ]));
    expect(verdicts.map((v) => v?.kind ?? null)).toEqual(['conflict', 'conflict', 'conflict', 'conflict', 'not-found', 'conflict']);
    expect(verdicts[0]!.message).toMatch(/still has 1 member/);
  });

  it('gives each step its CLI command', () => {
    expect(steps([
      { kind: 'network-create', name: 'back', subnet: '10.8.0.0/24' },
      { kind: 'connect', network: 'back', container: 'web', aliases: ['api'] },
      { kind: 'disconnect', network: 'front', container: 'web', force: true },
      { kind: 'network-remove', network: 'front' },
    ]).map(commandOf)).toEqual([
      'docker network create --driver bridge --subnet 10.8.0.0/24 back',
      'docker network connect --alias api back web',
      'docker network disconnect --force front web',
      'docker network rm front',
    ]);
  });
});

describe('the plan body', () => {
  const message = (body: unknown) => {
    const r = planBody.safeParse(body);
    if (r.success) throw new Error('accepted, but should not have been');
    return r.error.issues[0]!.message;
  };
  it('names the step and the field of what it refuses', () => {
    expect(message({ steps: [] })).toMatch(/at least one step/);
    expect(message({ steps: [{ kind: 'reboot' }] })).toMatch(/^steps\.0: "kind" "reboot" is not a step/);
    expect(message({ steps: [{ kind: 'connect', network: 'a', container: 'b' }, { kind: 'connect', network: 'a' }] })).toMatch(/^steps\.1\.container: /);
    expect(message({ steps: [{ kind: 'disconnect', network: 'a', container: 'b', colour: 'red' }] })).toBe('steps.0: unknown field "colour" in a disconnect step');
    expect(message({ steps: [{ kind: 'network-create', name: 'x', gateway: '10.0.0.1' }] })).toMatch(/^steps\.0: a gateway needs a subnet/);
    expect(message({ steps: [{ kind: 'network-remove', network: 'x' }], dryRun: 'yes' })).toMatch(/dryRun/);
  });
});
