// The built app answers from its store: with every engine request counted by a proxy in front
// of the engine socket, a GET of the topology costs the engine nothing, five open pages cost
// no more than one when something changes (each receives the patch), an unchanged version is
// a 304, and the bodies compressed once per version decode to the same topology.
import { request } from 'node:http';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Topology, TopologyPatch } from '@/lib/topology/types';
import { startCountingProxy } from '../../scripts/lib/counting-proxy.mjs';
import { followEvents } from '../../scripts/lib/sse-client.mjs';
import { raw, startServer, type AppServer } from '../helpers/app-server';
import { docker, removeTestObjects, TEST_LABEL } from '../integration/docker-cli';

const IMAGE = 'switchyard-lab/busybox:1';
const SERVE = "trap 'exit 0' TERM; while :; do sleep 3600 & wait $!; done";
const PROXY = '/tmp/switchyard-test-counting.sock';
let proxy: Awaited<ReturnType<typeof startCountingProxy>>;
let app: AppServer;

async function until<T>(f: () => T | undefined | false, what: string, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  removeTestObjects();
  proxy = await startCountingProxy(PROXY, '/var/run/docker.sock');
  // No list check during the test: every request counted is one a page or a change caused.
  app = await startServer(3321, { DOCKER_HOST: `unix://${PROXY}`, SWITCHYARD_CHECK_MS: '0' });
});
afterAll(async () => {
  await app?.stop();
  await proxy?.close();
  removeTestObjects();
});

describe('served from memory', () => {
  it('answers GET /api/topology without asking the engine, and 304 while the version is the same', async () => {
    const first = await raw(app.port, 'GET', '/api/topology');
    expect(first.status).toBe(200);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[0-9a-f]+-\d+"$/);
    const t = first.json() as unknown as Topology;
    expect(t.meta).toMatchObject({ hostLinks: 'read', fullReads: 1 });
    expect(t.meta!.version).toBeGreaterThan(0);
    const before = proxy.counts.requests;
    // The version's kept body is sent as a stream of itself, not copied: each GET is the same bytes.
    let same = 0;
    for (let i = 0; i < 20; i++) {
      const again = await raw(app.port, 'GET', '/api/topology', { 'accept-encoding': 'identity' });
      expect(again.status).toBe(200);
      if (again.headers.etag !== etag) continue; // a new version (nothing should change here)
      expect(again.body).toBe(first.body);
      same++;
    }
    expect(same, 'GETs of the same version').toBeGreaterThanOrEqual(15);
    expect((await raw(app.port, 'GET', '/api/topology', { 'if-none-match': etag })).status).toBe(304);
    expect(proxy.counts.requests - before).toBe(0);
  });

  it('sends gzip and br bodies made once per version that decode to the same topology, and refuses other encodings', async () => {
    const plain = (await raw(app.port, 'GET', '/api/topology')).json() as unknown as Topology;
    for (const [enc, decode] of [['gzip', gunzipSync], ['br', brotliDecompressSync], ['gzip', gunzipSync], ['br', brotliDecompressSync]] as const) {
      const r = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        request({ host: '127.0.0.1', port: app.port, path: `/api/topology?encoding=${enc}`, headers: { host: `127.0.0.1:${app.port}` } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        }).on('error', reject).end();
      });
      expect(r.headers['content-encoding'], enc).toBe(enc);
      expect(r.headers.etag).toBe(`"${plain.meta!.epoch}-${plain.meta!.version}-${enc}"`);
      expect(JSON.parse(decode(r.body).toString())).toEqual(plain);
    }
    const bad = await raw(app.port, 'GET', '/api/topology?encoding=zip');
    expect(bad.status).toBe(400);
    expect(bad.json().error?.message).toContain('encoding=zip');
  });

  it('answers a plain URL in the coding Accept-Encoding offers, from the same bodies (not compressed again per GET)', async () => {
    const plain = (await raw(app.port, 'GET', '/api/topology')).json() as unknown as Topology;
    const tag = `${plain.meta!.epoch}-${plain.meta!.version}`;
    const cases: [string, string | undefined, number, string | undefined][] = [
      // [path, Accept-Encoding, status, coding]
      ['/api/topology', 'gzip', 200, 'gzip'],
      ['/api/topology', 'gzip, deflate, br, zstd', 200, 'br'],
      ['/api/topology', 'br;q=0, gzip', 200, 'gzip'],
      ['/api/topology', 'gzip;q=0', 200, undefined],
      ['/api/topology', 'identity', 200, undefined],
      ['/api/topology?encoding=gzip', 'br', 200, 'gzip'],
      ['/api/fleet/topology', 'gzip', 200, 'gzip'],
      ['/api/topology?encoding=zip', 'gzip', 400, 'gzip'], // the 400, compressed by Next itself
      ['/api/topology?encoding=', 'gzip', 400, 'gzip'],
    ];
    for (const [path, ae, status, coding] of cases) {
      for (let i = 0; i < 2; i++) {
        const r = await new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
          request({ host: '127.0.0.1', port: app.port, path, headers: { host: `127.0.0.1:${app.port}`, ...(ae ? { 'accept-encoding': ae } : {}) } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
          }).on('error', reject).end();
        });
        const what = `${path} with Accept-Encoding: ${ae}`;
        expect(r.status, what).toBe(status);
        expect(r.headers['content-encoding'], what).toBe(coding);
        const text = (coding === 'gzip' ? gunzipSync(r.body) : coding === 'br' ? brotliDecompressSync(r.body) : r.body).toString();
        if (status !== 200) {
          expect(JSON.parse(text).error?.message, what).toMatch(/encoding=/);
          continue;
        }
        if (path.startsWith('/api/fleet')) continue; // the fleet's own versions
        // The version's own representation: its ETag names the coding (Next compressing the
        // plain answer would have kept the plain one), and one URL varies by Accept-Encoding.
        expect(r.headers.etag, what).toBe(`"${tag}${coding ? `-${coding}` : ''}"`);
        expect(String(r.headers.vary), what).toMatch(/accept-encoding/i);
        expect(JSON.parse(text), what).toEqual(plain);
      }
    }
    const etag = `"${tag}-gzip"`;
    expect((await raw(app.port, 'GET', '/api/topology', { 'accept-encoding': 'gzip', 'if-none-match': etag })).status).toBe(304);
    expect((await raw(app.port, 'GET', '/api/topology', { 'accept-encoding': 'br', 'if-none-match': etag })).status).toBe(200);
  });
});

describe('open pages cost the engine nothing', () => {
  it('five event streams each get the patch of a CLI change, for the requests one change costs', async () => {
    const id = docker('run', '-d', '--name', 'sy-store-app', '--label', TEST_LABEL, IMAGE, 'sh', '-c', SERVE);
    const redis = docker('network', 'inspect', '-f', '{{.Id}}', 'redis');
    const pages = Array.from({ length: 5 }, () => followEvents(app.port));
    try {
      await until(() => pages.every((p) => p.seen.some((e) => e.event === 'ready')), 'every page ready');
      await new Promise((r) => setTimeout(r, 500)); // the run's own events have settled
      const before = proxy.counts.requests;
      docker('network', 'connect', '--alias', 'cache', 'redis', 'sy-store-app');
      const patches = await until(() => {
        const found = pages.map((p) => p.seen.find((e) => e.event === 'patch'
          && ((e.data as TopologyPatch).endpoints?.upsert ?? []).some((x) => x.containerId === id && x.networkId === redis)));
        return found.every(Boolean) ? found : undefined;
      }, 'the patch on every page');
      const ep = (patches[0]!.data as TopologyPatch).endpoints!.upsert.find((x) => x.containerId === id)!;
      expect(ep.aliases).toEqual(['cache']);
      expect(ep.ipv4).toBe(docker('inspect', '-f', '{{(index .NetworkSettings.Networks "redis").IPAddress}}', 'sy-store-app'));
      await new Promise((r) => setTimeout(r, 500));
      // One inspect of the container (two when its events arrive in two bursts), however many pages.
      const cost = proxy.counts.requests - before;
      expect(cost).toBeGreaterThanOrEqual(1);
      expect(cost).toBeLessThanOrEqual(2);
      // The patch applies to the version each page had: a GET now shows the same.
      const now = (await raw(app.port, 'GET', '/api/topology')).json() as unknown as Topology;
      expect(now.meta!.version).toBe((patches.at(-1)!.data as TopologyPatch).to);
      expect(now.endpoints.find((x) => x.containerId === id && x.networkId === redis)).toEqual(ep);
    } finally {
      for (const p of pages) p.close();
    }
  });
});
