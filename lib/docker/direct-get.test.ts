/**
 * The store's direct GETs against a real HTTP server on a unix socket, next to the same GETs
 * through dockerode's modem: the same answers, and failures that lib/docker/errors sorts alike.
 * (That they read a real engine is every integration test's business: the store reads through them.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directGet, modemGet, type JsonGet } from './direct-get';
import { classifyEngineError } from './errors';

// Made before the clients below are (describe.each runs before beforeAll).
const dir = mkdtempSync(join(tmpdir(), 'sy-direct-get-'));
const socketPath = join(dir, 'engine.sock');
let server: http.Server;
let connections = 0;
const sockets = new Set<Socket>();
const seen: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(req.url ?? '');
    const send = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body);
    };
    if (req.url === '/v1.41/containers/abc/json') return send(200, JSON.stringify({ Id: 'abc', Name: '/web' }));
    if (req.url === '/v1.41/containers/json?all=1') return send(200, '[]');
    if (req.url === '/v1.41/containers/gone/json') return send(404, JSON.stringify({ message: 'No such container: gone' }));
    if (req.url === '/v1.41/broken') return send(200, 'not json');
    if (req.url === '/v1.41/rows' || req.url === '/v1.41/half-rows') {
      // An array written in pieces that cut strings, names and a 3-byte character in two.
      res.writeHead(200, { 'content-type': 'application/json' });
      const pieces = req.url === '/v1.41/rows'
        ? ['[{"Id":"a","Na', 'mes":["/x,]\\\\\\"', '}"]},', '{"Id":"b","Label":"\u20ac', '\u20ac"},{"Id":"c","L":"', Buffer.from('€').subarray(0, 1), Buffer.from('€').subarray(1), '"}', ']']
        : ['[{"Id":"a"},'];
      let i = 0;
      const next = () => {
        if (i < pieces.length) res.write(pieces[i++], next);
        else if (req.url === '/v1.41/rows') res.end();
      };
      return next();
    }
    if (req.url === '/v1.41/hang') return; // never answers
    if (req.url === '/v1.41/half') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"Id":'); // and nothing more
      return;
    }
    send(500, JSON.stringify({ message: 'boom' }));
  });
  server.on('connection', (s) => {
    connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(socketPath, r));
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

const clients = (): [string, JsonGet][] => [
  ['direct', directGet({ kind: 'unix', socketPath }, 'v1.41')],
  ['modem', modemGet(new Docker({ socketPath, version: 'v1.41' }).modem as never)],
];
const signal = () => AbortSignal.timeout(2_000);
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    return classifyEngineError(err, `unix://${socketPath}`, 'GET x');
  }
  throw new Error('expected a failure');
};

describe.each(clients())('%s GET', (_name, get) => {
  it('answers the parsed JSON, under the version prefix', async () => {
    expect(await get('/containers/abc/json', signal())).toEqual({ Id: 'abc', Name: '/web' });
    expect(await get('/containers/json?all=1', signal())).toEqual([]);
    expect(seen).toContain('/v1.41/containers/abc/json');
  });

  it('a 404 is not-found with the engine\'s words; a 500 is the engine\'s failure', async () => {
    const e = await failure(get('/containers/gone/json', signal()));
    expect(e.kind).toBe('not-found');
    expect(e.engineMessage).toBe('No such container: gone');
    const f = await failure(get('/other', signal()));
    expect(f.kind).toBe('engine');
    expect(f.message).toContain('boom');
  });

  it('an engine that does not answer in time is a timeout, also half-way through an answer', async () => {
    const abort = new AbortController();
    setTimeout(() => abort.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), 150);
    expect((await failure(get('/hang', abort.signal))).kind).toBe('timeout');
    const half = new AbortController();
    setTimeout(() => half.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), 150);
    expect((await failure(get('/half', half.signal))).kind).toBe('timeout');
  });

  it('no engine at the socket is unreachable', async () => {
    const none = directGet({ kind: 'unix', socketPath: join(dir, 'none.sock') }, 'v1.41');
    expect((await failure(none('/info', signal()))).kind).toBe('unreachable');
  });
});

describe('direct GET', () => {
  it('an answer that is not JSON is a failure that says so', async () => {
    const get = directGet({ kind: 'unix', socketPath }, 'v1.41');
    const e = await failure(get('/broken', signal()));
    expect(e.kind).toBe('engine');
    expect(e.message).toMatch(/other than JSON/);
  });

  it('each: hands over the elements of an array that arrives in pieces, one at a time', async () => {
    const get = directGet({ kind: 'unix', socketPath }, 'v1.41');
    const rows: unknown[] = [];
    await get.each!('/rows', signal(), (x) => rows.push(x));
    expect(rows).toEqual([{ Id: 'a', Names: ['/x,]\\"}'] }, { Id: 'b', Label: '€€' }, { Id: 'c', L: '€' }]);
    await get.each!('/containers/json?all=1', signal(), (x) => rows.push(x));
    expect(rows).toHaveLength(3);
  });

  it('each: a refusal, an answer that is not an array and one cut off are failures as a GET\'s are', async () => {
    const get = directGet({ kind: 'unix', socketPath }, 'v1.41');
    const gone = await failure(get.each!('/containers/gone/json', signal(), () => {}));
    expect(gone.kind).toBe('not-found');
    expect(gone.engineMessage).toBe('No such container: gone');
    const notArray = await failure(get.each!('/containers/abc/json', signal(), () => {}));
    expect(notArray.kind).toBe('engine');
    expect(notArray.message).toMatch(/other than a JSON array/);
    const half = new AbortController();
    setTimeout(() => half.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), 150);
    const rows: unknown[] = [];
    expect((await failure(get.each!('/half-rows', half.signal, (x) => rows.push(x)))).kind).toBe('timeout');
    expect(rows).toEqual([{ Id: 'a' }]);
  });

  it('keeps its connections: 40 GETs, 4 at a time, over at most 4 connections', async () => {
    const get = directGet({ kind: 'unix', socketPath }, 'v1.41');
    const before = connections;
    for (let i = 0; i < 10; i++) await Promise.all(Array.from({ length: 4 }, () => get('/containers/abc/json', signal())));
    expect(connections - before).toBeGreaterThan(0);
    expect(connections - before).toBeLessThanOrEqual(4);
  });
});
