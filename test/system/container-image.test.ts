// Switchyard as a container: the Dockerfile built on the lab engine without a registry (its
// BASE made from this machine's own Node: scripts/lab.sh node-base), started through
// compose.yaml (docker-compose) and by hand, serving the lab's topology.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw, startServer, type AppServer } from '../helpers/app-server';
import { docker } from '../integration/docker-cli';

const IMAGE = 'switchyard-lab/switchyard:test';
const PROJECT = 'sy-compose-test';
const HAND = 'sy-image-root';
const socketGid = String(statSync('/var/run/docker.sock').gid);
const composeEnv = { ...process.env, DOCKER_GID: socketGid, SWITCHYARD_IMAGE: IMAGE, SWITCHYARD_PORT: '3324' };
const compose = (...args: string[]) => execFileSync('docker-compose', ['-f', 'compose.yaml', '-p', PROJECT, ...args], { env: composeEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
type Topo = { containers: { id: string; name: string }[]; endpoints: { containerId: string; networkId: string; veth: { hostInterface: string } | null }[] };

async function answering(port: number): Promise<void> {
  const end = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await raw(port, 'GET', '/api/health')).status === 200) return;
    } catch { /* not yet */ }
    if (Date.now() > end) throw new Error(`nothing answers on 127.0.0.1:${port}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
const topology = async (port: number) => (await raw(port, 'GET', '/api/topology')).json() as unknown as Topo;
let native: AppServer;

beforeAll(() => {
  const lab = (what: string) => execFileSync('bash', ['scripts/lab.sh', what], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 300_000 }).trim().split('\n').pop()!;
  const base = lab('node-base');
  const buildBase = lab('node-build');
  const t0 = Date.now();
  execFileSync('docker', ['build', '-q', '--force-rm', '--build-arg', `BASE=${base}`, '--build-arg', `BUILD_BASE=${buildBase}`, '-t', IMAGE, '.'], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 1_200_000 });
  const size = Number(docker('image', 'inspect', '-f', '{{.Size}}', IMAGE));
  const baseSize = Number(docker('image', 'inspect', '-f', '{{.Size}}', base));
  console.log(`built ${IMAGE} in ${Math.round((Date.now() - t0) / 1000)} s: ${(size / 1e6).toFixed(0)} MB, of which the base ${(baseSize / 1e6).toFixed(0)} MB (Switchyard itself ${((size - baseSize) / 1e6).toFixed(0)} MB)`);
}, 1_260_000);

afterAll(async () => {
  await native?.stop();
  try { compose('down', '-v'); } catch { /* not up */ }
  try { docker('rm', '-f', HAND); } catch { /* none */ }
}, 120_000);

describe('the container image', () => {
  it('started by compose.yaml: serves the lab on loopback, as uid 1000 in the socket\'s group, with the Host check on', async () => {
    compose('up', '-d', '--no-build', 'switchyard');
    await answering(3324);
    const t = await topology(3324);
    expect(t.containers.map((c) => c.name).sort()).toEqual(docker('ps', '-a', '--format', '{{.Names}}').split('\n').filter(Boolean).sort());
    const id = compose('ps', '-q', 'switchyard').trim();
    expect(docker('exec', id, 'id', '-u')).toBe('1000');
    expect(docker('exec', id, 'id', '-G').split(' ')).toContain(socketGid);
    expect(docker('inspect', '-f', '{{.HostConfig.NetworkMode}} {{.HostConfig.PidMode}}', id)).toBe('host host');
    // The activity log is kept in SQLite on the compose volume, written by uid 1000 (better-sqlite3 built in the image).
    const activity = (await raw(3324, 'GET', '/api/activity')).json() as unknown as { store: { kind: string; path: string; notice: string | null } };
    expect(activity.store).toMatchObject({ kind: 'sqlite', path: '/data/activity-default.db', notice: null });
    expect((await raw(3324, 'GET', '/api/topology', { host: 'attacker.example' })).status).toBe(421);
    // Listening on loopback only (network_mode host: the host's own 127.0.0.1).
    expect(execFileSync('ss', ['-Hltn', 'sport = :3324'], { encoding: 'utf8' })).toMatch(/127\.0\.0\.1:3324/);
  });

  it('run as root with pid: host, it reads the same veth pairs as Switchyard run on the host', async () => {
    docker('run', '-d', '--name', HAND, '--network', 'host', '--pid', 'host', '--user', '0', '-e', 'PORT=3325',
      '-v', '/var/run/docker.sock:/var/run/docker.sock', IMAGE);
    native = await startServer(3326, {});
    await answering(3325);
    const veths = (t: Topo) => t.endpoints.filter((e) => e.veth).map((e) => `${e.containerId}:${e.networkId}:${e.veth!.hostInterface}`).sort();
    // The two read the engine at slightly different moments: compare once both have settled.
    let inside: string[] = [], outside: string[] = [];
    for (let i = 0; i < 20; i++) {
      [inside, outside] = [veths(await topology(3325)), veths(await topology(3326))];
      if (inside.length > 0 && inside.join() === outside.join()) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(inside.length).toBeGreaterThan(10);
    expect(inside).toEqual(outside);
  });

  it('refuses every change with SWITCHYARD_READ_ONLY=1 (the read-only profile)', async () => {
    docker('rm', '-f', HAND);
    docker('run', '-d', '--name', HAND, '--network', 'host', '--group-add', socketGid, '-e', 'PORT=3325', '-e', 'SWITCHYARD_READ_ONLY=1',
      '-v', '/var/run/docker.sock:/var/run/docker.sock', IMAGE);
    await answering(3325);
    const r = await raw(3325, 'POST', '/api/networks', { 'content-type': 'application/json' }, JSON.stringify({ name: 'sy-never-made' }));
    expect(r.status).toBe(403);
    expect(r.json().error?.code).toBe('read_only');
    expect(() => docker('network', 'inspect', 'sy-never-made')).toThrow();
  });
});
