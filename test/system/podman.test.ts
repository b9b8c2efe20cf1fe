// Podman's Docker-compatible API (Debian's podman, rootful, on a socket of the tests' own:
// scripts/lab.sh podman start), under the built app: the same topology as `podman inspect`
// says, with the differences lib/docker/podman handles (bridge names from the libpod API,
// NetworkMode), veth pairs on Podman's bridges, and a connect and disconnect through the API.
import { execFileSync } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw, startServer, type AppServer } from '../helpers/app-server';

const SOCK = '/run/switchyard-podman/podman.sock';
const IMAGE = 'switchyard-lab/busybox:1';
const env = { ...process.env, CONTAINERS_CONF: '/run/switchyard-podman/containers.conf' };
const podman = (...args: string[]) => execFileSync('podman', args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 }).trim();
let app: AppServer;

type Topo = {
  engine: { serverVersion: string };
  networks: { id: string; name: string; bridge: string | null; subnets: { subnet: string }[] }[];
  containers: { id: string; name: string; networkMode: string; state: string }[];
  endpoints: { networkId: string; containerId: string; ipv4: string | null; mac: string | null; veth: { hostInterface: string; bridge: string | null } | null }[];
};
const topology = async () => (await raw(app.port, 'GET', '/api/topology')).json() as unknown as Topo;

beforeAll(async () => {
  execFileSync('bash', ['scripts/lab.sh', 'podman', 'start'], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 300_000 });
  try { podman('image', 'exists', IMAGE); } catch {
    execFileSync('bash', ['-c', `docker save ${IMAGE} | podman load`], { env, stdio: 'ignore', timeout: 120_000 });
  }
  for (const c of ['sy-pod-a', 'sy-pod-b']) try { podman('rm', '-f', c); } catch { /* none */ }
  for (const n of ['sy-pod-net', 'sy-pod-net2']) try { podman('network', 'rm', '-f', n); } catch { /* none */ }
  podman('network', 'create', '--subnet', '10.236.0.0/24', 'sy-pod-net');
  podman('network', 'create', '--subnet', '10.236.1.0/24', 'sy-pod-net2');
  for (const c of ['sy-pod-a', 'sy-pod-b']) podman('run', '-d', '--name', c, '--network', 'sy-pod-net', '--dns', '127.0.0.1', IMAGE, 'sleep', '3600');
  app = await startServer(3327, { DOCKER_HOST: `unix://${SOCK}` });
}, 360_000);

afterAll(async () => {
  await app?.stop();
  for (const c of ['sy-pod-a', 'sy-pod-b']) try { podman('rm', '-f', '-t', '0', c); } catch { /* gone */ }
  for (const n of ['sy-pod-net', 'sy-pod-net2']) try { podman('network', 'rm', '-f', n); } catch { /* gone */ }
  execFileSync('bash', ['scripts/lab.sh', 'podman', 'stop'], { stdio: 'ignore' });
}, 120_000);

describe('Podman', () => {
  it('serves its networks, containers and endpoints as podman inspect has them', async () => {
    const t = await topology();
    expect(t.engine.serverVersion).toBe(podman('version', '--format', '{{.Server.Version}}'));
    // The compat API calls Podman's default network "bridge".
    const names = podman('network', 'ls', '--format', '{{.Name}}').split('\n').map((n) => (n === 'podman' ? 'bridge' : n)).sort();
    expect(t.networks.map((n) => n.name).sort()).toEqual(names);
    const net = t.networks.find((n) => n.name === 'sy-pod-net')!;
    expect(net.subnets.map((s) => s.subnet)).toEqual(['10.236.0.0/24']);
    // Not in the compat answer: read from the libpod API.
    expect(net.bridge).toBe(podman('network', 'inspect', '-f', '{{.NetworkInterface}}', 'sy-pod-net'));
    for (const name of ['sy-pod-a', 'sy-pod-b']) {
      const c = t.containers.find((x) => x.name === name)!;
      expect(c.id).toBe(podman('inspect', '-f', '{{.Id}}', name));
      expect(c.networkMode).toBe('sy-pod-net');
      const e = t.endpoints.find((x) => x.containerId === c.id && x.networkId === net.id)!;
      expect(e.ipv4).toBe(podman('inspect', '-f', '{{(index .NetworkSettings.Networks "sy-pod-net").IPAddress}}', name));
      expect(e.mac).toBe(podman('inspect', '-f', '{{(index .NetworkSettings.Networks "sy-pod-net").MacAddress}}', name));
      // The veth's host side is on Podman's bridge, as the kernel says.
      expect(e.veth?.bridge).toBe(net.bridge);
      expect(readlinkSync(`/sys/class/net/${e.veth!.hostInterface}/master`).split('/').pop()).toBe(net.bridge);
    }
  });

  it('connects and disconnects through the API, as docker network connect does', async () => {
    const r = await raw(app.port, 'POST', '/api/networks/sy-pod-net2/connect', { 'content-type': 'application/json' }, JSON.stringify({ container: 'sy-pod-b', aliases: ['b2'] }));
    expect(r.status, r.body).toBe(200);
    const ip = podman('inspect', '-f', '{{(index .NetworkSettings.Networks "sy-pod-net2").IPAddress}}', 'sy-pod-b');
    expect(ip).toMatch(/^10\.236\.1\./);
    expect((r.json() as unknown as { endpoint: { ipv4: string } }).endpoint.ipv4).toBe(ip);
    const d = await raw(app.port, 'POST', '/api/networks/sy-pod-net2/disconnect', { 'content-type': 'application/json' }, JSON.stringify({ container: 'sy-pod-b' }));
    expect(d.status, d.body).toBe(200);
    expect(podman('inspect', '-f', '{{json .NetworkSettings.Networks}}', 'sy-pod-b')).not.toContain('sy-pod-net2');
    const t = await topology();
    const net2 = t.networks.find((n) => n.name === 'sy-pod-net2')!;
    expect(t.endpoints.some((e) => e.networkId === net2.id)).toBe(false);
  });

  it('follows a change made on the podman CLI', async () => {
    podman('stop', '-t', '0', 'sy-pod-a');
    const end = Date.now() + 30_000;
    let state = '';
    while (Date.now() < end) {
      state = (await topology()).containers.find((c) => c.name === 'sy-pod-a')!.state;
      if (state === 'exited') break;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(state).toBe('exited');
  });
});
