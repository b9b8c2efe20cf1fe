import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TopologyStore } from '@/lib/store/topology-store';
import type { TrafficPatch } from '@/lib/schemas/traffic';
import type { Topology } from '@/lib/topology/types';
import { TrafficSampler } from './sampler';

// The sampler over a /proc of its own: the recorded tables of the traffic scenario
// (./fixtures, Engine 20.10.24) under made-up pids, and a store that answers the recorded topology.
const fixtures = join(__dirname, 'fixtures');
const topo = JSON.parse(readFileSync(join(fixtures, 'topology.json'), 'utf8')) as Topology;
const NAMES = ['traffic-server', 'traffic-holder', 'traffic-lost'];
let dir = '';

function setup() {
  dir = mkdtempSync(join(tmpdir(), 'sy-sampler-'));
  const containers = topo.containers.map((c, i) => ({ ...c, pid: NAMES.includes(c.name) ? 1000 + i : 0, state: NAMES.includes(c.name) ? 'running' : 'exited' }));
  containers.forEach((c) => {
    if (!c.pid) return;
    mkdirSync(join(dir, String(c.pid), 'net'), { recursive: true });
    for (const f of ['tcp', 'tcp6', 'udp', 'udp6']) cpSync(join(fixtures, `${c.name}.${f}.txt`), join(dir, String(c.pid), 'net', f));
  });
  const t = { ...topo, containers, warnings: [] } as Topology;
  const store = { current: async () => t, agent: () => null, conn: { get: async () => ({ endpoint: { kind: 'unix', socketPath: '/x' } }) } } as unknown as TopologyStore;
  return { t, store };
}

afterEach(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

describe('TrafficSampler', () => {
  it('reads every namespace, keeps `since`, and publishes what changed as a patch', async () => {
    const { t, store } = setup();
    let now = 1_800_000_000_000;
    const s = new TrafficSampler(store, { hostFacts: true, refusals: false, paths: { sys: dir, proc: dir }, now: () => now });
    const patches: TrafficPatch[] = [];
    s.subscribe((p) => patches.push(p));
    const first = await s.read();
    expect(first.basis).not.toBe('none');
    const holder = first.flows.find((f) => f.client.name === 'traffic-holder' && f.server.port === 7000)!;
    expect(holder.state).toBe('open');
    expect(patches).toHaveLength(1);
    expect(patches[0]!.upsert.length).toBe(first.flows.length);
    // traffic-holder's connection closes: its sockets go from both ends.
    const h = t.containers.find((c) => c.name === 'traffic-holder')!;
    writeFileSync(join(dir, String(h.pid), 'net/tcp'), readFileSync(join(fixtures, 'traffic-holder.tcp.txt'), 'latin1').split('\n').slice(0, 2).join('\n'));
    const srv = t.containers.find((c) => c.name === 'traffic-server')!;
    writeFileSync(join(dir, String(srv.pid), 'net/tcp6'), readFileSync(join(fixtures, 'traffic-server.tcp6.txt'), 'latin1').split('\n').filter((l) => !/ 01 /.test(l) || !l.includes(':1B58 ')).join('\n'));
    now += 2000;
    const second = await s.read();
    expect(second.flows.find((f) => f.id === holder.id)).toBeUndefined();
    expect(patches.at(-1)!.remove).toContain(holder.id);
    const lost = second.flows.find((f) => f.client.name === 'traffic-lost')!;
    expect(lost.since).toBe(first.flows.find((f) => f.id === lost.id)!.since);
    expect(s.flowHistory(lost.id)!.points.at(-1)!.attempts).toBe(1);
    s.stop();
  });

  it('reads only while watched, and stretches its interval past its CPU share, saying why', async () => {
    const { store } = setup();
    const s = new TrafficSampler(store, { hostFacts: true, refusals: false, paths: { sys: dir, proc: dir }, cpuShare: 0.00001 });
    expect(s.active()).toBe(false);
    const release = s.watch(1000);
    expect(s.active()).toBe(true);
    const t = await s.read();
    expect(t.cpuMs).toBeGreaterThan(0);
    expect(t.intervalMs).toBeGreaterThan(1000);
    expect(t.reason).toMatch(/to stay within 0 % of one core they are read every \d+ s instead of 1 s/);
    release();
    expect(s.active()).toBe(false);
  });

  it('says why where the facts cannot be read, and lists nothing', async () => {
    const { store } = setup();
    const off = await new TrafficSampler(store, { hostFacts: false, refusals: false }).read();
    expect(off).toMatchObject({ basis: 'none', flows: [] });
    expect(off.reason).toMatch(/SWITCHYARD_HOST_LINKS=off/);
    const remote = { ...store, conn: { get: async () => ({ endpoint: { kind: 'tcp' } }) } } as unknown as TopologyStore;
    expect((await new TrafficSampler(remote, { hostFacts: true, refusals: false }).read()).reason).toMatch(/reached over tcp, so its containers' sockets are on another machine/);
    // A namespace that vanished: its container is listed as unread, the answer still comes.
    const gone = await new TrafficSampler(store, { hostFacts: true, refusals: false, paths: { sys: dir, proc: join(dir, 'nothing') } }).read();
    expect(gone.unread.map((u) => u.name).sort()).toEqual([...NAMES].sort());
    expect(gone.unread[0]!.reason).toMatch(/^no process \d+ on this machine/);
  });
});
