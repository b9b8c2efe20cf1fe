// Faults: an engine that hangs, and one that stops and comes back, under the built app.
import { createServer, type Server, type Socket } from 'node:net';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { raw, startServer, type AppServer } from '../helpers/app-server';
import { ENGINE2_SOCKET, SecondEngine } from '../helpers/second-engine';

describe('an engine that accepts connections but never answers', () => {
  const sock = '/tmp/switchyard-hung-engine.sock';
  let hung: Server;
  let app: AppServer;
  const held: Socket[] = [];
  afterAll(async () => {
    await app?.stop();
    for (const s of held) s.destroy();
    await new Promise((r) => hung?.close(r));
  });

  it('gives a timeout error within the configured bound, and the server keeps running', async () => {
    rmSync(sock, { force: true });
    hung = createServer((s) => { held.push(s); }); // reads nothing, answers nothing
    await new Promise<void>((r) => hung.listen(sock, r));
    const bound = 1500;
    app = await startServer(3311, { DOCKER_HOST: `unix://${sock}`, SWITCHYARD_ENGINE_TIMEOUT_MS: String(bound) });
    for (const path of ['/api/health', '/api/topology', '/api/networks/mynet']) {
      const t0 = Date.now();
      const r = await raw(app.port, 'GET', path);
      const took = Date.now() - t0;
      expect(r.status, path).toBe(503);
      expect(r.json().error?.code ?? (r.json() as { error?: { code?: string } }).error?.code, path).toBe('engine_timeout');
      expect(took, `${path} took ${took} ms`).toBeLessThan(bound + 1500);
    }
    expect(app.child.exitCode).toBeNull();
  });
});

describe('an engine that stops and comes back', () => {
  const engine = new SecondEngine();
  let app: AppServer;
  afterAll(async () => {
    await app?.stop();
    await engine.stop();
  });

  it('answers 503 with the reason while it is down and recovers by itself, without a crash', async () => {
    await engine.start();
    try { engine.docker('network', 'rm', 'sy-fault-net'); } catch { /* left by no earlier run */ }
    engine.docker('network', 'create', 'sy-fault-net');
    app = await startServer(3312, { DOCKER_HOST: `unix://${ENGINE2_SOCKET}` });
    expect((await raw(app.port, 'GET', '/api/health')).status).toBe(200);
    const before = (await raw(app.port, 'GET', '/api/topology')).json() as { networks: { name: string }[] };
    expect(before.networks.map((n) => n.name)).toContain('sy-fault-net');

    await engine.stop();
    for (const path of ['/api/health', '/api/topology']) {
      const r = await raw(app.port, 'GET', path);
      expect(r.status, path).toBe(503);
      expect(JSON.stringify(r.json()), path).toContain(`no Docker engine at ${ENGINE2_SOCKET}`);
    }
    const refused = await raw(app.port, 'POST', '/api/networks', { 'content-type': 'application/json' }, JSON.stringify({ name: 'sy-x' }));
    expect(refused.status).toBe(503);

    await engine.start();
    const r = await raw(app.port, 'GET', '/api/topology');
    expect(r.status).toBe(200);
    expect((r.json() as unknown as { networks: { name: string }[] }).networks.map((n) => n.name)).toContain('sy-fault-net');
    expect(app.child.exitCode).toBeNull();
    expect(app.stderr()).not.toMatch(/unhandled|uncaught/i);
    engine.docker('network', 'rm', 'sy-fault-net');
  });
});
