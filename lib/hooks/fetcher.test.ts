import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError, requestJson } from './fetcher';

// A server on loopback that answers /ok, /bad (an API error body), /hang (never) and
// /slow-body (headers, then a body that never ends).
let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/ok') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"a":1}');
    if (req.url === '/bad') return void res.writeHead(409, { 'content-type': 'application/json' }).end('{"error":{"code":"conflict","message":"in use","hint":"stop it"}}');
    if (req.url === '/slow-body') return void res.writeHead(200, { 'content-type': 'application/json' }).write('{"a":');
    /* /hang: no answer */
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('it answered'); }, (e: unknown) => e as FetchError);

describe('requestJson', () => {
  it('answers the body, and an API error as a FetchError with its code and hint', async () => {
    expect(await requestJson(`${base}/ok`)).toEqual({ a: 1 });
    const e = await failure(requestJson(`${base}/bad`));
    expect(e).toBeInstanceOf(FetchError);
    expect([e.status, e.code, e.message, e.hint]).toEqual([409, 'conflict', 'in use', 'stop it']);
  });

  it('gives up on a server that never answers, in plain words', async () => {
    const t0 = Date.now();
    const e = await failure(requestJson(`${base}/hang`, {}, { timeoutMs: 300 }));
    expect(Date.now() - t0).toBeLessThan(3_000);
    expect([e.status, e.code]).toEqual([0, 'server_timeout']);
    expect(e.message).toBe("Switchyard's server did not answer in 300 ms");
    expect(e.hint).toMatch(/asked again/);
  });

  it('gives up on a body that never ends, and says a change may still be made', async () => {
    const e = await failure(requestJson(`${base}/slow-body`, { method: 'POST', body: '{}' }, { timeoutMs: 300 }));
    expect(e.code).toBe('server_timeout');
    expect(e.hint).toMatch(/change may still be made/);
  });

  it('tells a server that is not there from one that is slow', async () => {
    const gone = createServer();
    await new Promise<void>((done) => gone.listen(0, '127.0.0.1', done));
    const port = (gone.address() as AddressInfo).port;
    await new Promise((done) => gone.close(done));
    const e = await failure(requestJson(`http://127.0.0.1:${port}/ok`, {}, { timeoutMs: 5_000 }));
    expect(e.code).toBe('server_unreachable');
  });
});
