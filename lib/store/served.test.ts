import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EngineSnapshot } from '@/lib/docker/engine-types';
import type { HostLinks } from '@/lib/host/links';
import { TopologyBuilder } from '@/lib/topology/incremental';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { ServedTopology, topologyChunks, topologyJson } from './served';

/** Recorded from Debian's docker.io (Engine 20.10.24, API 1.41) running scripts/lab.sh. */
const fixture = JSON.parse(readFileSync(new URL('../topology/fixtures/engine-20.10.24-api-1.41.json', import.meta.url), 'utf8')) as { snapshot: EngineSnapshot; hostLinks: HostLinks };

describe('topologyJson', () => {
  it('is JSON.stringify of the topology, before and after a change, with and without meta', () => {
    const builder = new TopologyBuilder();
    const s = fixture.snapshot;
    const a = builder.build(s, { links: fixture.hostLinks }).topology;
    expect(topologyJson(a)).toBe(JSON.stringify(a));
    const withMeta = { ...a, meta: { readAt: 'x', engineRequests: 1, readMs: 2, hostLinks: 'read' as const, version: 3, epoch: 'e', updatedAt: 'y', fullReads: 1, eventsApplied: 0 } };
    expect(topologyJson(withMeta)).toBe(JSON.stringify(withMeta));
    // One container renamed: its entry and its list are made again, the rest are reused.
    const c = structuredClone(s.containers[3]!);
    c.Name = '/renamed';
    const b = builder.build({ ...s, containers: s.containers.map((x, i) => (i === 3 ? c : x)) }, { links: fixture.hostLinks }).topology;
    expect(b.networks).toBe(a.networks);
    expect(topologyJson(b)).toBe(JSON.stringify(b));
    expect(topologyJson(b)).not.toBe(topologyJson(a));
  });
});

describe('ServedTopology', () => {
  const builder = new TopologyBuilder();
  const t = { ...builder.build(fixture.snapshot, { links: fixture.hostLinks }).topology, meta: { readAt: 'x', engineRequests: 1, readMs: 2, hostLinks: 'read' as const, version: 3, epoch: 'e', updatedAt: 'y', fullReads: 1, eventsApplied: 0 } };
  const plain = JSON.stringify(t);

  const text = (body: readonly Buffer[]) => Buffer.concat(body).toString();

  it('serves JSON.stringify of the topology, plain and compressed, whichever is asked first', async () => {
    const first = new ServedTopology(t);
    expect(gunzipSync(Buffer.concat(await first.body('gzip'))).toString()).toBe(plain); // from the parts: no plain body made
    expect(brotliDecompressSync(Buffer.concat(await first.body('br'))).toString()).toBe(plain);
    expect(text(await first.body(null))).toBe(plain);
    const second = new ServedTopology(t);
    expect(text(await second.body(null))).toBe(plain);
    expect(gunzipSync(Buffer.concat(await second.body('gzip'))).toString()).toBe(plain); // from the plain body
    expect(await second.body('gzip')).toBe(await second.body('gzip')); // made once
    expect(await second.body(null)).toBe(await second.body(null));
  });

  it('compresses parts larger than its scratch buffer and characters of several bytes whole', async () => {
    const big = { ...t, containers: t.containers.map((c, i) => ({ ...c, id: `c${i}`, name: i === 1 ? `å${'λ'.repeat(300_000)}🙂` : `名前-${i}` })) };
    const json = JSON.stringify(big);
    expect(json.length).toBeGreaterThan(300_000);
    for (const enc of ['gzip', 'br'] as const) {
      const body = await new ServedTopology(big).body(enc);
      const decoded = (enc === 'gzip' ? gunzipSync : brotliDecompressSync)(Buffer.concat(body)).toString();
      expect(decoded).toBe(json);
    }
    // Many parts, each filling the scratch buffer to its edge with 3-byte characters.
    const many = { ...t, containers: Array.from({ length: 3000 }, (_, i) => ({ ...t.containers[0]!, id: `c${i}`, name: '€'.repeat(97 + (i % 13)) })) };
    expect(gunzipSync(Buffer.concat(await new ServedTopology(many).body('gzip'))).toString()).toBe(JSON.stringify(many));
  });

  it('is made in chunks of about 64 kB, never as one string', () => {
    const many = { ...t, containers: Array.from({ length: 400 }, (_, i) => ({ ...t.containers[i % t.containers.length]!, id: `c${i}` })) };
    const chunks = [...topologyChunks(many)];
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks.slice(0, -1)) expect(c.length).toBeLessThan(80 * 1024);
    expect(Buffer.concat(chunks).toString()).toBe(JSON.stringify(many));
    expect(topologyJson({} as never)).toBe('{}');
  });
});
