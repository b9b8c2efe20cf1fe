// A client of GET /api/events that does not read is dropped once its unread events pass the
// bound (SWITCHYARD_SSE_BACKLOG), and told why when it connects again; a client that reads is
// not. Against the real engine: the events are those of real connects and disconnects. The route
// is called in-process so that "does not read" is exact (nothing between the stream and the test
// takes its bytes: over TCP the kernel's buffers would hold the first few MB).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getEvents } from '@/app/api/events/route';
import { resetSettings } from '@/lib/config/env';
import { topologyStore } from '@/lib/engines/registry';
import { promisify } from 'node:util';
import { execFile } from 'node:child_process';
import { docker, DOCKER, removeTestObjects, TEST_LABEL } from './docker-cli';
import { until } from '../helpers/until';

const dockerAsync = (...args: string[]) => promisify(execFile)(DOCKER, args);

const IMAGE = 'switchyard-lab/busybox:1';
const BOUND = 4096;

/** Reads a stream's events as they come, until `stop` says so or it ends; answers them. */
async function readUntil(body: ReadableStream<Uint8Array>, stop: (events: string[]) => boolean, ms = 20_000): Promise<{ events: string[]; error: unknown }> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const events: string[] = [];
  let buf = '';
  const deadline = Date.now() + ms;
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;
  try {
    while (Date.now() < deadline && !stop(events)) {
      pending ??= reader.read();
      const r = await Promise.race([pending, new Promise<null>((res) => setTimeout(() => res(null), 500))]);
      if (r === null) continue; // still waiting: the same read goes on
      pending = null;
      if (r.done) break;
      buf += decoder.decode(r.value, { stream: true });
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        events.push(buf.slice(0, i));
        buf = buf.slice(i + 2);
      }
    }
    return { events, error: null };
  } catch (err) {
    return { events, error: err };
  } finally {
    void reader.cancel().catch(() => {});
  }
}

beforeAll(() => {
  removeTestObjects();
  process.env.SWITCHYARD_SSE_BACKLOG = String(BOUND);
  resetSettings();
  docker('network', 'create', '--label', TEST_LABEL, 'sy-slow-net');
  docker('run', '-d', '--label', TEST_LABEL, '--name', 'sy-slow', IMAGE, 'sleep', '600');
});

afterAll(() => {
  delete process.env.SWITCHYARD_SSE_BACKLOG;
  resetSettings();
  removeTestObjects();
});

describe('an event-stream client that does not read', () => {
  it('is dropped past the bound, told why when it is back, while one that reads stays', async () => {
    const store = topologyStore();
    await store.current();
    const slowId = docker('inspect', '-f', '{{.Id}}', 'sy-slow');
    const netId = docker('network', 'inspect', '-f', '{{.Id}}', 'sy-slow-net');
    const slow = await getEvents(new Request('http://127.0.0.1/api/events?client=slow-client-01'));
    expect(slow.status).toBe(200);
    const reading = await getEvents(new Request('http://127.0.0.1/api/events?client=reading-client-01'));
    let patches = 0;
    const reader = readUntil(reading.body!, (es) => (patches = es.filter((e) => e.startsWith('event: patch')).length) >= 8, 60_000);
    // One at a time, each applied before the next (a connect and a disconnect applied together are no change).
    for (let i = 0; i < 4; i++) {
      for (const verb of ['connect', 'disconnect']) {
        await dockerAsync('network', verb, 'sy-slow-net', 'sy-slow');
        await until(`the ${verb} applied`, async () => (await store.current()).endpoints.some((e) => e.containerId === slowId && e.networkId === netId) === (verb === 'connect') || null, 10_000, 20);
      }
    }
    const r = await reader;
    expect(r.error).toBeNull();
    expect(patches, r.events.map((e) => e.slice(0, 60)).join("\n")).toBeGreaterThanOrEqual(8);

    // The slow one's stream failed: its unread events went with it.
    const gone = await readUntil(slow.body!, () => false, 3_000);
    expect(String(gone.error)).toMatch(/did not read its events/);

    const back = await getEvents(new Request('http://127.0.0.1/api/events?client=slow-client-01'));
    const b = await readUntil(back.body!, (es) => es.some((e) => e.startsWith('event: ready')));
    const dropped = b.events.find((e) => e.startsWith('event: dropped'));
    expect(dropped, b.events.join('\n---\n')).toBeDefined();
    const data = JSON.parse(/^data: (.*)$/m.exec(dropped!)![1]!) as { queuedBytes: number; message: string };
    expect(data.queuedBytes).toBeGreaterThan(BOUND);
    expect(data.message).toMatch(/stopped reading its live updates: \d+ KiB were waiting for it \(the bound is 4 KiB\)/);
    // Told once: connecting again says nothing of it.
    const again = await getEvents(new Request('http://127.0.0.1/api/events?client=slow-client-01'));
    const a = await readUntil(again.body!, (es) => es.some((e) => e.startsWith('event: ready')));
    expect(a.events.some((e) => e.startsWith('event: dropped'))).toBe(false);
  }, 120_000);

  it('refuses a client id that is not one', async () => {
    const res = await getEvents(new Request('http://127.0.0.1/api/events?client=no'));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/client must be/);
  });
});
