// Several engines at once, under the built app: the lab engine (the default context) and the
// tests' own second engine (its own socket, data root and bridge, no iptables), reached through
// docker contexts made by the real docker CLI in a temporary DOCKER_CONFIG, plus an engine from
// SWITCHYARD_ENGINES, one whose socket is gone and one that accepts but never answers.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw, startServer, type AppServer } from '../helpers/app-server';
import { until } from '../helpers/until';
import { engineState, engineStateOf } from '../helpers/engine-state';
import { ENGINE2_SOCKET, LAB_IMAGE, SecondEngine, SERVE } from '../helpers/second-engine';
import { docker } from '../integration/docker-cli';

const IMAGE = LAB_IMAGE;
const engine = new SecondEngine();
const TLS_PORT = 23760;
const TLS_DIR = '/run/switchyard-fault/tls';
const config = mkdtempSync(join(tmpdir(), 'switchyard-contexts-'));
const cli = (...args: string[]) => execFileSync('docker', args, { env: { ...process.env, DOCKER_CONFIG: config, DOCKER_HOST: '', DOCKER_CONTEXT: '' }, encoding: 'utf8' }).trim();
let app: AppServer;
let hung: Server;
const held: Socket[] = [];

interface Summary { name: string; source: string; current: boolean; ok: boolean; state: string; endpoint: string; counts: { containers: number; networks: number } | null; swarm: { role: string } | null; error: { code: string; message: string } | null }
const engines = async () => (await raw(app.port, 'GET', '/api/engines')).json() as unknown as { current: string; engines: Summary[]; problems: string[] };
const byName = (list: Summary[], name: string) => list.find((e) => e.name === name)!;
type Topo = { engine: { id: string }; networks: { id: string; name: string }[]; containers: { id: string; name: string }[]; endpoints: { networkId: string; containerId: string }[] };
const topology = async (engineName?: string) => {
  const r = await raw(app.port, 'GET', `/api/topology${engineName ? `?engine=${engineName}` : ''}`);
  expect(r.status, r.body.slice(0, 300)).toBe(200);
  return r.json() as unknown as Topo;
};

beforeAll(async () => {
  await engine.start();
  engine.loadImage(IMAGE);
  for (const c of ['sy-e2-web', 'sy-e2-lone']) try { engine.docker('rm', '-f', c); } catch { /* none */ }
  try { engine.docker('network', 'rm', 'sy-e2-net'); } catch { /* none */ }
  engine.docker('network', 'create', '--subnet', '10.232.7.0/24', 'sy-e2-net');
  engine.docker('run', '-d', '--name', 'sy-e2-web', '--network', 'sy-e2-net', '--dns', '127.0.0.1', IMAGE, 'sh', '-c', SERVE);
  engine.docker('run', '-d', '--name', 'sy-e2-lone', '--dns', '127.0.0.1', IMAGE, 'sh', '-c', SERVE);

  hung = createServer((s) => { held.push(s); }); // accepts, reads nothing, answers nothing
  await new Promise<void>((r) => hung.listen(0, '127.0.0.1', r));
  const hungPort = (hung.address() as { port: number }).port;
  // Contexts as a person makes them, with the docker CLI itself.
  cli('context', 'create', 'lab2', '--description', 'the second lab engine', '--docker', `host=unix://${ENGINE2_SOCKET}`);
  cli('context', 'create', 'gone', '--docker', 'host=unix:///run/switchyard-no-such-engine/docker.sock');
  cli('context', 'create', 'hung', '--docker', `host=tcp://127.0.0.1:${hungPort}`);
  // The second engine over loopback TCP with mutual TLS (scripts/lab.sh engine2): the CLI copies
  // the certificates into the context's TLS directory, where Switchyard reads them.
  cli('context', 'create', 'lab2-tls', '--docker', `host=tcp://127.0.0.1:${TLS_PORT},ca=${TLS_DIR}/ca.pem,cert=${TLS_DIR}/cert.pem,key=${TLS_DIR}/key.pem`);
  cli('context', 'create', 'lab2-no-cert', '--docker', `host=tcp://127.0.0.1:${TLS_PORT},ca=${TLS_DIR}/ca.pem`);
  const file = join(config, 'engines.json');
  writeFileSync(file, JSON.stringify({ engines: [{ name: 'lab-by-file', host: 'unix:///var/run/docker.sock', description: 'the lab engine again' }, { name: 'lab2', host: 'unix:///x' }] }));
  app = await startServer(3321, { DOCKER_CONFIG: config, DOCKER_HOST: '', DOCKER_CONTEXT: '', SWITCHYARD_ENGINES: file, SWITCHYARD_ENGINE_TIMEOUT_MS: '3000' });
});

afterAll(async () => {
  await app?.stop();
  for (const s of held) s.destroy();
  await new Promise((r) => hung?.close(r));
  for (const c of ['sy-e2-web', 'sy-e2-lone']) try { engine.docker('rm', '-f', c); } catch { /* gone */ }
  try { engine.docker('network', 'rm', 'sy-e2-net'); } catch { /* gone */ }
  await engine.stop();
  rmSync(config, { recursive: true, force: true });
});

describe('several engines', () => {
  it('lists every context and file entry, each with its health, version and counts, and one that hangs does not hold up the list', async () => {
    // Every answer comes within a second, whatever each engine does: the first starts every
    // store (each engine comes as it is read), later ones answer from what each store holds.
    const timed = async () => {
      const t0 = Date.now();
      const l = await engines();
      const took = Date.now() - t0;
      expect(took, `GET /api/engines took ${took} ms`).toBeLessThan(1_000);
      return l;
    };
    const first = await timed();
    expect(first.engines.map((e) => e.name)).toEqual(['default', 'gone', 'hung', 'lab2', 'lab2-no-cert', 'lab2-tls', 'lab-by-file']);
    const list = await until('the engines that answer to be read', async () => {
      const l = await timed();
      return ['default', 'lab2', 'lab2-tls', 'lab-by-file'].every((n) => byName(l.engines, n).ok) ? l : null;
    }, 30_000, 200);
    expect(list.engines.map((e) => [e.name, e.source])).toEqual([['default', 'default'], ['gone', 'context'], ['hung', 'context'], ['lab2', 'context'], ['lab2-no-cert', 'context'], ['lab2-tls', 'context'], ['lab-by-file', 'file']]);
    expect(list.current).toBe('default');
    expect(list.problems.join('\n')).toMatch(/names lab2, which is a docker context already: the context is used/);
    const lab = byName(list.engines, 'default');
    const lab2 = byName(list.engines, 'lab2');
    expect(lab.ok && lab2.ok).toBe(true);
    expect(lab2.endpoint).toBe(`unix://${ENGINE2_SOCKET}`);
    expect(lab.counts!.containers).toBe(docker('ps', '-aq').split('\n').filter(Boolean).length);
    expect(lab2.counts!.containers).toBe(engine.docker('ps', '-aq').split('\n').filter(Boolean).length);
    expect(lab2.counts!.networks).toBe(engine.docker('network', 'ls', '-q').split('\n').filter(Boolean).length);
    expect(lab2.swarm!.role).toBe(engine.docker('info', '--format', '{{.Swarm.LocalNodeState}}') === 'active' ? 'manager' : 'none');
    const gone = byName(list.engines, 'gone');
    expect(gone.ok).toBe(false);
    expect(gone.error!.message).toContain('/run/switchyard-no-such-engine/docker.sock');
    const hungOne = byName(list.engines, 'hung');
    expect(hungOne.ok).toBe(false);
    expect(hungOne.error!.code).toBe('engine_timeout');
    expect(hungOne.error!.message).toMatch(/^hung did not answer/);
    expect(byName(list.engines, 'lab-by-file').ok).toBe(true);
    // TLS from the context's own directory: the same engine as lab2, verified both ways.
    const tls = byName(list.engines, 'lab2-tls');
    expect(tls.endpoint).toBe(`tcp://127.0.0.1:${TLS_PORT} (TLS)`);
    expect(tls.ok, JSON.stringify(tls.error)).toBe(true);
    expect(tls.counts).toEqual(lab2.counts);
    // Without a client certificate the engine refuses the handshake: down, with the reason.
    const noCert = byName(list.engines, 'lab2-no-cert');
    expect(noCert.ok).toBe(false);
    expect(noCert.error!.message.length).toBeGreaterThan(10);
  });

  it('serves each engine its own topology, the same as docker inspect on that engine', async () => {
    const [lab, lab2, tls] = await Promise.all([topology('default'), topology('lab2'), topology('lab2-tls')]);
    expect(tls.containers.map((c) => c.id).sort()).toEqual(lab2.containers.map((c) => c.id).sort());
    const net = engine.docker('network', 'inspect', '-f', '{{.Id}}', 'sy-e2-net');
    const web = engine.docker('inspect', '-f', '{{.Id}}', 'sy-e2-web');
    expect(lab2.networks.find((n) => n.name === 'sy-e2-net')?.id).toBe(net);
    expect(lab2.containers.map((c) => c.name).sort()).toEqual(engine.docker('ps', '-a', '--format', '{{.Names}}').split('\n').filter(Boolean).sort());
    expect(lab2.endpoints.some((e) => e.networkId === net && e.containerId === web)).toBe(true);
    expect(lab.containers.map((c) => c.name).sort()).toEqual(docker('ps', '-a', '--format', '{{.Names}}').split('\n').filter(Boolean).sort());
    expect(lab.containers.some((c) => c.name === 'sy-e2-web')).toBe(false);
    // (Both engines share /etc/docker/key.json, so Engine 20.10 gives them the same ID: the names tell them apart.)
    // Without ?engine=, the current context (default): the lab.
    expect((await topology()).containers.map((c) => c.id).sort()).toEqual(lab.containers.map((c) => c.id).sort());
    // A container of one engine is not found on the other.
    expect((await raw(app.port, 'GET', '/api/containers/sy-e2-web?engine=lab2')).status).toBe(200);
    expect((await raw(app.port, 'GET', '/api/containers/sy-e2-web')).status).toBe(404);
  });

  it('refuses an unknown engine by name on every route, and changes nothing', async () => {
    const before = engineState();
    for (const [method, path] of [['GET', '/api/topology?engine=nope'], ['GET', '/api/health?engine=nope'], ['GET', '/api/events?engine=nope'], ['POST', '/api/networks?engine=nope'], ['GET', '/api/reachability?engine=nope&from=a&to=b']] as const) {
      const r = await raw(app.port, method, path, method === 'POST' ? { 'content-type': 'application/json' } : {}, method === 'POST' ? JSON.stringify({ name: 'sy-never' }) : undefined);
      expect(r.status, path).toBe(404);
      expect(r.json().error?.code, path).toBe('unknown_engine');
      expect(r.json().error?.message, path).toBe('there is no engine named nope');
    }
    expect(engineState()).toBe(before);
  });

  it('changes only the engine a request names', async () => {
    const labBefore = engineState();
    const r = await raw(app.port, 'POST', '/api/networks/sy-e2-net/connect?engine=lab2', { 'content-type': 'application/json' }, JSON.stringify({ container: 'sy-e2-lone' }));
    expect(r.status, r.body).toBe(200);
    expect(engine.docker('inspect', '-f', '{{json .NetworkSettings.Networks}}', 'sy-e2-lone')).toContain('"sy-e2-net"');
    expect(engineState()).toBe(labBefore);
    const lab2 = engineStateOf(engine.docker.bind(engine));
    const d = await raw(app.port, 'POST', '/api/networks/sy-e2-net/disconnect?engine=lab2', { 'content-type': 'application/json' }, JSON.stringify({ container: 'sy-e2-lone' }));
    expect(d.status, d.body).toBe(200);
    expect(engineStateOf(engine.docker.bind(engine))).not.toBe(lab2);
    expect(engine.docker('inspect', '-f', '{{json .NetworkSettings.Networks}}', 'sy-e2-lone')).not.toContain('"sy-e2-net"');
  });

  it('follows `docker context use` without a restart', async () => {
    expect((await topology()).networks.some((n) => n.name === 'sy-e2-net')).toBe(false);
    cli('context', 'use', 'lab2');
    try {
      await until('the current context to be lab2', async () => (await engines()).current === 'lab2');
      const now = await topology();
      expect(now.networks.some((n) => n.name === 'sy-e2-net')).toBe(true);
    } finally {
      cli('context', 'use', 'default');
    }
    await until('the current context to be default again', async () => (await engines()).current === 'default');
  });

  it('reports a stopped engine by name while the other keeps answering, and recovers when it is back', async () => {
    await engine.stop();
    try {
      const down = await until('lab2 to be down', async () => {
        const list = await engines();
        return !byName(list.engines, 'lab2').ok && list;
      });
      expect(byName(down.engines, 'lab2').error!.message).toContain(`no Docker engine at ${ENGINE2_SOCKET}`);
      expect(byName(down.engines, 'default').ok).toBe(true);
      const t0 = Date.now();
      const lab = await topology('default');
      expect(Date.now() - t0).toBeLessThan(1_000);
      expect(lab.containers.length).toBeGreaterThan(0);
      const h = await raw(app.port, 'GET', '/api/health?engine=lab2');
      expect(h.status).toBe(503);
      expect(h.json()).toMatchObject({ ok: false, name: 'lab2' });
      expect((await raw(app.port, 'GET', '/api/topology?engine=lab2')).status).toBe(503);
    } finally {
      await engine.start();
    }
    const back = await until('lab2 to answer again', async () => {
      const r = await raw(app.port, 'GET', '/api/topology?engine=lab2');
      return r.status === 200 && (r.json() as unknown as Topo);
    }, 30_000);
    expect(back.networks.some((n) => n.name === 'sy-e2-net')).toBe(true);
    expect(byName((await engines()).engines, 'lab2').ok).toBe(true);
    expect(app.child.exitCode).toBeNull();
    expect(app.stderr()).not.toMatch(/unhandled|uncaught/i);
  });
});
