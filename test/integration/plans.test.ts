// Plans against the real engine: a dry run changes nothing and says each step's command and
// verdict; a plan of five steps whose fourth the engine refuses leaves the engine as it was
// before the plan (compared with a full read) and is one activity entry that says so; a plan
// with a step Switchyard can already tell would be refused runs nothing; bad bodies get a 400
// that names the step and the field.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as activityRoute } from '@/app/api/activity/route';
import { POST as postPlan } from '@/app/api/plans/route';
import { engineConnection } from '@/lib/docker/client';
import type { ActivityAnswer } from '@/lib/schemas/activity';
import type { PlanAnswer } from '@/lib/schemas/plans';
import { readTopologyNow } from '@/lib/store/full-read';
import type { Topology } from '@/lib/topology/types';
import { DOCKER, TEST_LABEL, docker, removeTestObjects } from './docker-cli';

const IMAGE = process.env.SWITCHYARD_LAB_IMAGE ?? 'switchyard-lab/busybox:1';
const [A, B, C] = ['sy-plan-a', 'sy-plan-b', 'sy-plan-c'];
const N1 = 'sy-plan-n1';
const N2 = 'sy-plan-n2';

const post = (body: unknown) => postPlan(new Request('http://127.0.0.1/api/plans', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));

/** What a plan may change, from a full read: each network (name, driver, subnets) and each membership (aliases, static addresses). */
async function shape(): Promise<string[]> {
  const t: Topology = await readTopologyNow(engineConnection());
  const name = (id: string) => t.networks.find((n) => n.id === id)?.name ?? id;
  const ctr = (id: string) => t.containers.find((c) => c.id === id)?.name ?? id;
  return [
    ...t.networks.map((n) => `network ${n.name} ${n.driver} ${n.subnets.map((s) => s.subnet).join(',')}`),
    ...t.endpoints.map((e) => `member ${name(e.networkId)} ${ctr(e.containerId)} aliases=${e.aliases.join(',')} ip=${e.staticIpv4 ?? ''}`),
  ].sort();
}

beforeAll(() => {
  removeTestObjects();
  for (const c of [A, B, C]) docker('run', '-d', '--name', c, '--label', TEST_LABEL, IMAGE, 'sleep', '86400');
  // No --subnet: the engine refuses a static address on it (Switchyard's preflight cannot tell).
  docker('network', 'create', '--label', TEST_LABEL, N1);
});
afterAll(() => {
  spawnSync(DOCKER, ['rm', '-f', A, B, C]);
  removeTestObjects();
});

describe('POST /api/plans', () => {
  const five = () => {
    const n1 = JSON.parse(docker('network', 'inspect', N1, '--format', '{{json .IPAM.Config}}')) as { Subnet: string }[];
    const inside = n1[0]!.Subnet.replace(/\.0\/\d+$/, '.77');
    return [
      { kind: 'network-create', name: N2, labels: { 'switchyard.test': '1' } },
      { kind: 'connect', network: N2, container: A, aliases: ['api'] },
      { kind: 'disconnect', network: 'bridge', container: B },
      { kind: 'connect', network: N1, container: C, ipv4: inside },
      { kind: 'connect', network: N1, container: A },
    ];
  };

  it('a dry run says each step\'s command and verdict, and changes nothing', async () => {
    const before = await shape();
    const res = await post({ steps: five(), dryRun: true });
    expect(res.status).toBe(200);
    const a = (await res.json()) as PlanAnswer;
    expect(a.applied).toBe(false);
    expect(a.entry).toBeNull();
    expect(a.steps.map((s) => [s.result, s.preflight.ok])).toEqual(Array(5).fill(['planned', true]));
    expect(a.steps[1]!.command).toBe(`docker network connect --alias api ${N2} ${A}`);
    expect(a.steps[2]!.cuts === null || typeof a.steps[2]!.cuts.connections === 'number').toBe(true);
    expect(await shape()).toEqual(before);
  });

  it('five steps whose fourth the engine refuses: the three done are taken back, the engine is as before, and the log says so', async () => {
    const before = await shape();
    const res = await post({ steps: five() });
    expect(res.status).toBe(200);
    const a = (await res.json()) as PlanAnswer;
    expect(a.applied).toBe(false);
    expect(a.steps.map((s) => s.result)).toEqual(['undone', 'undone', 'undone', 'refused', 'not-run']);
    expect(a.steps[3]!.reason).toMatch(/configured subnets|user specified IP/i);
    expect(await shape()).toEqual(before);
    expect(a.entry).toMatchObject({ kind: 'plan', result: 'refused', source: 'switchyard' });
    expect(a.entry!.reason).toMatch(/^step 4 was refused: .*; the 3 steps done before it were taken back$/);
    const log = (await (await activityRoute(new Request('http://127.0.0.1/api/activity?kind=plan&limit=1'))).json()) as ActivityAnswer;
    expect(log.entries[0]).toMatchObject({ id: a.entry!.id, kind: 'plan', result: 'refused' });
    expect((log.entries[0]!.detail.steps as { result: string }[]).map((s) => s.result)).toEqual(['undone', 'undone', 'undone', 'refused', 'not-run']);
  });

  it('a plan that runs through is done step by step', async () => {
    const steps = five().filter((_, i) => i !== 3);
    const res = await post({ steps });
    const a = (await res.json()) as PlanAnswer;
    expect(a.steps.map((s) => s.result)).toEqual(['done', 'done', 'done', 'done']);
    expect(a.applied).toBe(true);
    expect(a.entry).toMatchObject({ kind: 'plan', result: 'done' });
    const nets = (c: string) => Object.keys(JSON.parse(docker('inspect', c, '--format', '{{json .NetworkSettings.Networks}}')) as object).sort();
    expect(nets(A)).toEqual(['bridge', N1, N2].sort());
    expect(nets(B)).toEqual([]);
    // and back again, as a plan too
    const back = await post({ steps: [
      { kind: 'disconnect', network: N1, container: A }, { kind: 'disconnect', network: N2, container: A },
      { kind: 'connect', network: 'bridge', container: B }, { kind: 'network-remove', network: N2 },
    ] });
    expect(((await back.json()) as PlanAnswer).applied).toBe(true);
  });

  it('a step Switchyard can tell would be refused stops the plan before anything runs', async () => {
    const before = await shape();
    const res = await post({ steps: [{ kind: 'network-create', name: N2 }, { kind: 'connect', network: N1, container: A }, { kind: 'connect', network: N1, container: A }] });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/^step 3 \(docker network connect sy-plan-n1 sy-plan-a\) would be refused: sy-plan-a is already on sy-plan-n1; nothing was changed$/);
    expect(await shape()).toEqual(before);
  });

  it.each([
    [{ steps: [{ kind: 'reboot', network: N1 }] }, /^steps\.0: "kind" "reboot" is not a step/],
    [{ steps: [{ kind: 'connect', network: N1 }] }, /^steps\.0\.container: /],
    [{ steps: [{ kind: 'disconnect', network: N1, container: A, colour: 'red' }] }, /^steps\.0: unknown field "colour" in a disconnect step$/],
    [{ steps: [] }, /at least one step/],
    [{ steps: [{ kind: 'network-remove', network: N1 }], extra: true }, /extra/],
  ])('bad input %j is a 400 naming the step and field, and changes nothing', async (body, message) => {
    const before = await shape();
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message);
    expect(await shape()).toEqual(before);
  });
});
