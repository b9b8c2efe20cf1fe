// The topology store against the real engine: after hundreds of random docker CLI actions,
// after its event stream is cut and restored, and after the engine restarts, what it serves
// is exactly what a fresh full read says. The store answers from events alone in between
// (no full read during the actions), so this checks the incremental path itself.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineConnection } from '@/lib/docker/client';
import { endpointFromEnv } from '@/lib/docker/endpoint';
import { readTopologyNow } from '@/lib/store/full-read';
import { TopologyStore } from '@/lib/store/topology-store';
import type { Topology } from '@/lib/topology/types';
import { ENGINE2_SOCKET, SecondEngine } from '../helpers/second-engine';
import { randomActions, type Docker } from '../helpers/random-actions';
import { docker, removeTestObjects, TEST_LABEL } from './docker-cli';
import { startTcpToUnixProxy, type TcpProxy } from './tcp-proxy';

const IMAGE = 'switchyard-lab/busybox:1';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Everything but how it was made; `status` is a function of compared fields and the clock. */
function comparable(t: Topology) {
  const { meta, ...rest } = t;
  return { ...rest, containers: rest.containers.map((c) => ({ ...c, status: undefined })) };
}

function storeFor(dockerHost: string, checkMs = 1_000): TopologyStore {
  return new TopologyStore(new EngineConnection(() => endpointFromEnv({ DOCKER_HOST: dockerHost })), { hostLinks: true, checkMs, resyncMs: 0 });
}

/**
 * Waits until the store has seen the engine settle: events in flight received and applied,
 * and one list check made after the last action (for connects of stopped containers, which
 * emit no event), then answers its topology.
 */
async function settled(store: TopologyStore): Promise<Topology> {
  const after = Date.now();
  await sleep(300);
  for (let i = 0; i < 100 && Date.parse(store.status().lastCheckAt ?? '0') <= after; i++) await sleep(100);
  expect(Date.parse(store.status().lastCheckAt ?? '0'), 'a list check ran after the actions').toBeGreaterThan(after);
  return store.refresh({}); // queued behind the check's own reads
}

async function expectSameAsFreshRead(store: TopologyStore, dockerHost: string) {
  const held = await settled(store);
  const fresh = await readTopologyNow(new EngineConnection(() => endpointFromEnv({ DOCKER_HOST: dockerHost })));
  expect(comparable(held)).toEqual(comparable(fresh));
}

const LAB = 'unix:///var/run/docker.sock';

describe('the store on the lab engine', () => {
  let store: TopologyStore;
  beforeAll(() => removeTestObjects());
  afterAll(() => {
    store?.stop();
    removeTestObjects();
  });

  it('agrees with a fresh full read after 200 random CLI actions, without reading in full again', async () => {
    store = storeFor(LAB).start();
    const first = await store.current();
    expect(first.meta!.fullReads).toBe(1);
    const log = await randomActions(docker, { seed: 9, count: 200, prefix: 'sy-st-', label: TEST_LABEL, subnetBase: '10.232' });
    expect(log.done.length + log.refused.length).toBe(200);
    expect(log.done.length, `refused: ${log.refused.slice(0, 5).join('; ')}`).toBeGreaterThanOrEqual(150);
    expect(log.done.some((a) => a.startsWith('network connect') && a.includes('--ip'))).toBe(true);
    expect(log.done.some((a) => a.startsWith('network connect') && a.includes('--alias'))).toBe(true);
    await expectSameAsFreshRead(store, LAB);
    const s = store.status();
    expect(s.fullReads, 'no full read during the actions').toBe(1);
    expect(s.streamDrops).toBe(0);
    expect(s.eventsApplied).toBe(s.eventsReceived);
    expect(s.eventsApplied).toBeGreaterThan(200);
    // The last batch's time from its first event to its patch covers at least the batch itself.
    expect(s.lastBatch).not.toBeNull();
    expect(s.lastBatch!.fromEventMs).toBeGreaterThanOrEqual(s.lastBatch!.totalMs);
    expect(s.lastBatch!.totalMs).toBeGreaterThanOrEqual(s.lastBatch!.readMs);
    // Served from memory: reading it again costs the engine nothing.
    const before = store.status().engineRequests;
    for (let i = 0; i < 20; i++) await store.current();
    expect(store.status().engineRequests).toEqual(before);
  }, 600_000);
});

describe('the store behind a connection that is cut', () => {
  let store: TopologyStore;
  let proxy: TcpProxy;
  afterAll(async () => {
    store?.stop();
    await proxy?.close();
    removeTestObjects();
  });

  it('says its stream dropped, reads in full again, and agrees with a fresh read', async () => {
    proxy = await startTcpToUnixProxy();
    const host = `tcp://127.0.0.1:${proxy.port}`;
    store = storeFor(host).start();
    await store.current();
    await randomActions(docker, { seed: 21, count: 30, prefix: 'sy-sc-', label: TEST_LABEL, subnetBase: '10.233' });
    await expectSameAsFreshRead(store, host);

    const states: string[] = [];
    const off = store.subscribe((m) => { if (m.kind === 'state') states.push(m.status.state); });
    proxy.refuse(true);
    proxy.cut();
    // Changes while nobody listens: only a full read can know them.
    await randomActions(docker, { seed: 22, count: 30, prefix: 'sy-sc-', label: TEST_LABEL, subnetBase: '10.233' });
    await sleep(200);
    expect(store.status().state).not.toBe('live');
    proxy.refuse(false);
    await store.current();
    off();
    expect(states[0]).toMatch(/resyncing|down/);
    expect(states.at(-1)).toBe('live');
    expect(store.status().streamDrops).toBeGreaterThanOrEqual(1);
    expect(store.status().fullReads).toBeGreaterThanOrEqual(2);
    await expectSameAsFreshRead(store, host);
  }, 600_000);
});

describe('the store across an engine restart (the tests\' own second engine)', () => {
  const engine = new SecondEngine();
  let store: TopologyStore;
  const host = `unix://${ENGINE2_SOCKET}`;
  const e2: Docker = (...args) => engine.docker(...args);
  afterAll(async () => {
    store?.stop();
    try {
      removeTestObjects(e2);
    } catch { /* the engine is gone */ }
    await engine.stop();
  });

  it('reads in full when the engine is back, and agrees with a fresh read', async () => {
    await engine.start();
    try { e2('image', 'inspect', IMAGE); } catch {
      execFileSync('sh', ['-c', `docker save ${IMAGE} | docker -H ${host} load`], { stdio: 'ignore' });
    }
    store = storeFor(host).start();
    await store.current();
    await randomActions(e2, { seed: 31, count: 40, prefix: 'sy-sr-', label: TEST_LABEL, subnetBase: '10.234' });
    await expectSameAsFreshRead(store, host);

    await engine.stop(); // synchronous inside: let the store see its stream end
    await sleep(200);
    await expect(store.current()).rejects.toThrow(/no Docker engine/);
    expect(store.status().state).toBe('down');
    await engine.start();
    await store.current();
    expect(store.status().state).toBe('live');
    await randomActions(e2, { seed: 32, count: 30, prefix: 'sy-sr-', label: TEST_LABEL, subnetBase: '10.234' });
    await expectSameAsFreshRead(store, host);
    expect(store.status().fullReads).toBeGreaterThanOrEqual(2);
  }, 600_000);
});
