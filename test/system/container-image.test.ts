// Switchyard as a container: the Dockerfile built on the lab engine without a registry (its
// BASE made from this machine's own Node: scripts/lab.sh node-base), started through
// compose.yaml (docker-compose) and by hand, serving the lab's topology.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw, startServer, type AppServer } from '../helpers/app-server';
import { docker } from '../integration/docker-cli';
import { LAB_IMAGE, SecondEngine } from '../helpers/second-engine';
import { until } from '../helpers/until';
import { buildSwitchyardImage, SWITCHYARD_IMAGE } from '../helpers/switchyard-image';
import { AGENT_NAME } from '@/lib/agent/spec';

const IMAGE = SWITCHYARD_IMAGE;
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
  const { base, seconds } = buildSwitchyardImage();
  const size = Number(docker('image', 'inspect', '-f', '{{.Size}}', IMAGE));
  const baseSize = Number(docker('image', 'inspect', '-f', '{{.Size}}', base));
  console.log(`built ${IMAGE} in ${seconds} s: ${(size / 1e6).toFixed(0)} MB, of which the base ${(baseSize / 1e6).toFixed(0)} MB (Switchyard itself ${((size - baseSize) / 1e6).toFixed(0)} MB)`);
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

// Switchyard's agent on a remote engine: the tests' second engine reached over TCP with TLS,
// whose host Switchyard cannot read by itself (here it is the same machine, which is what lets
// the test compare the agent's answers with sysfs and ss). The agent is started from this image,
// copied there from the lab engine (the second engine does not have it), only when asked.
describe('Switchyard\'s agent on a remote engine', () => {
  const e2 = new SecondEngine();
  const NET = 'sy-agent-net';
  let app: AppServer;
  const json = async <T,>(method: string, path: string) => {
    const r = await raw(3327, method, path, method === 'GET' ? {} : { 'content-type': 'application/json' }, method === 'GET' ? undefined : '{}');
    return { status: r.status, body: r.json() as T };
  };
  const cleanup = () => {
    for (const c of ['sy-agent-srv', 'sy-agent-cli', AGENT_NAME]) try { e2.docker('rm', '-f', c); } catch { /* none */ }
    try { e2.docker('network', 'rm', NET); } catch { /* none */ }
  };

  beforeAll(async () => {
    await e2.start();
    cleanup();
    try { e2.docker('rmi', '-f', IMAGE); } catch { /* not there: it is copied */ }
    e2.loadImage(LAB_IMAGE);
    e2.docker('network', 'create', NET);
    e2.docker('run', '-d', '--name', 'sy-agent-srv', '--network', NET, LAB_IMAGE, 'sh', '-c', "trap 'exit 0' TERM; nc -ll -p 7777 -e cat & while :; do sleep 3600 & wait $!; done");
    // In the server's namespace (container:): the second engine runs with --iptables=false, and
    // the lab engine's FORWARD policy drops what crosses its bridges. Which of the two holds each
    // end is told by their processes' sockets, which the agent reads too.
    e2.docker('run', '-d', '--name', 'sy-agent-cli', '--network', 'container:sy-agent-srv', LAB_IMAGE, 'sh', '-c', "trap 'exit 0' TERM; while :; do (while :; do echo ping; sleep 1; done) | nc 127.0.0.1 7777; sleep 1; done");
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-agent-'));
    const file = join(dir, 'engines.json');
    writeFileSync(file, JSON.stringify({ engines: [{ name: 'remote', host: 'tcp://127.0.0.1:23760', tlsVerify: true, certPath: '/run/switchyard-fault/tls' }] }));
    app = await startServer(3327, { SWITCHYARD_ENGINES: file, SWITCHYARD_AGENT_IMAGE: IMAGE });
  }, 300_000);

  afterAll(async () => {
    await app?.stop();
    cleanup();
    await e2.stop();
  }, 120_000);

  it('starts only when asked, reads the veth pairs, sockets and traffic sysfs and ss show, stops with one call, and is in the activity log', async () => {
    type Status = { state: string; local: boolean; reading: boolean; asks: number; container: { id: string } | null };
    type Topo = { containers: { id: string; name: string; labels: Record<string, string> }[]; endpoints: { containerId: string; veth: { hostInterface: string } | null }[]; warnings: { code: string }[] };
    const topo = async () => (await json<Topo>('GET', '/api/topology?engine=remote')).body;
    // Nothing runs on its own: the engine's host is not read, and says why.
    expect((await json<Status>('GET', '/api/engines/remote/agent')).body).toMatchObject({ state: 'none', local: false, reading: false });
    expect((await topo()).warnings.map((w) => w.code)).toContain('remote_engine');
    expect((await json<{ error: { code: string } }>('POST', '/api/engines/default/agent')).body.error.code).toBe('conflict'); // a local engine needs none

    const t0 = Math.floor(Date.now() / 1000);
    const started = await json<{ status: Status; entry: { kind: string; result: string; detail: Record<string, unknown> } }>('POST', '/api/engines/remote/agent');
    expect(started.status).toBe(201);
    expect(started.body.entry).toMatchObject({ kind: 'agent-start', result: 'done', detail: { image: IMAGE, imageCopiedFrom: 'default' } });
    const agentId = started.body.status.container!.id;
    // The least it needs: the host's pid and network namespaces, no capability but two, a read-only root, no port.
    const hc = JSON.parse(e2.docker('inspect', '-f', '{{json .HostConfig}}', agentId)) as Record<string, unknown>;
    expect(hc).toMatchObject({ PidMode: 'host', NetworkMode: 'host', ReadonlyRootfs: true, CapDrop: ['ALL'], CapAdd: ['SYS_PTRACE', 'DAC_READ_SEARCH'] });
    expect(hc.SecurityOpt).toContain('no-new-privileges'); // (the engine adds label=disable for --pid host)
    expect(e2.docker('port', agentId)).toBe('');

    // Veth pairs: each container's eth0 peer is the host interface whose ifindex its iflink names.
    const t = await until('the host read by the agent', async () => {
      const x = await topo();
      return x.warnings.some((w) => w.code === 'host_by_agent') && x.endpoints.some((e) => e.veth) ? x : null;
    }, 30_000, 500);
    expect(t.warnings.map((w) => w.code)).not.toContain('remote_engine');
    expect(t.containers.find((c) => c.id === agentId)?.labels['io.switchyard.agent']).toBe('remote');
    const links = execFileSync('ip', ['-o', 'link'], { encoding: 'utf8' });
    for (const name of ['sy-agent-srv']) {
      const id = e2.docker('inspect', '-f', '{{.Id}}', name);
      const iflink = e2.docker('exec', name, 'cat', '/sys/class/net/eth0/iflink');
      const real = new RegExp(`^${iflink}: ([^:@]+)[@:]`, 'm').exec(links)?.[1];
      expect(real, `host interface ${iflink}`).toBeTruthy();
      expect(t.endpoints.find((e) => e.containerId === id)?.veth?.hostInterface).toBe(real);
    }

    // Listening sockets: 7777 listens in sy-agent-srv (as ss in its namespace says), 7778 does not.
    const srvPid = e2.docker('inspect', '-f', '{{.State.Pid}}', 'sy-agent-srv');
    expect(execFileSync('nsenter', ['-t', srvPid, '-n', 'ss', '-Hltn', 'sport = :7777'], { encoding: 'utf8' })).toMatch(/:7777/);
    type Reach = { ports: { port: number; open: boolean; basis: string }[] };
    const open = (await json<Reach>('GET', '/api/reachability?engine=remote&from=sy-agent-cli&to=sy-agent-srv&port=7777')).body.ports[0]!;
    expect(open).toMatchObject({ port: 7777, open: true, basis: 'listening' });
    const closed = (await json<Reach>('GET', '/api/reachability?engine=remote&from=sy-agent-cli&to=sy-agent-srv&port=7778')).body.ports[0]!;
    expect(execFileSync('nsenter', ['-t', srvPid, '-n', 'ss', '-Hltn', 'sport = :7778'], { encoding: 'utf8' }).trim()).toBe('');
    expect(closed).toMatchObject({ port: 7778, open: false, basis: 'listening' });

    // Traffic: the client's connection to 7777, as ss in the server's namespace shows it established.
    await until('the connection', async () => execFileSync('nsenter', ['-t', srvPid, '-n', 'ss', '-Htn', 'state', 'established', '( sport = :7777 )'], { encoding: 'utf8' }).trim() || null, 20_000, 500);
    type Traffic = { basis: string; flows: { client: { name: string }; server: { name: string; port: number }; state: string }[] };
    const flow = await until('the flow', async () => {
      const x = (await json<Traffic>('GET', '/api/traffic?engine=remote')).body;
      return x.flows.find((f) => f.client.name === 'sy-agent-cli' && f.server.name === 'sy-agent-srv' && f.server.port === 7777 && f.state === 'open') ?? null;
    }, 20_000, 1000);
    expect(flow).toBeTruthy();

    // Every read was a question to the agent through the engine's API: exec, nothing else.
    const status = (await json<Status>('GET', '/api/engines/remote/agent')).body;
    expect(status).toMatchObject({ state: 'running', reading: true });
    expect(status.asks).toBeGreaterThanOrEqual(3);
    const execs = e2.docker('events', '--since', String(t0), '--until', String(Math.floor(Date.now() / 1000) + 1), '--filter', `container=${agentId}`, '--filter', 'event=exec_start', '--format', '{{.Action}}');
    expect(execs.split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(status.asks);

    // One call stops and removes it; the host is not read any more, and says so again.
    const stopped = await json<{ status: Status; entry: { kind: string; result: string } }>('DELETE', '/api/engines/remote/agent');
    expect(stopped.status).toBe(200);
    expect(stopped.body).toMatchObject({ status: { state: 'none', reading: false }, entry: { kind: 'agent-stop', result: 'done' } });
    expect(e2.docker('ps', '-aq', '--filter', 'label=io.switchyard.agent')).toBe('');
    await until('the remote warning back', async () => ((await topo()).warnings.some((w) => w.code === 'remote_engine') ? true : null), 15_000, 500);
    expect((await json<{ error: { code: string } }>('DELETE', '/api/engines/remote/agent')).status).toBe(404);

    const log = (await json<{ entries: { kind: string; result: string }[] }>('GET', '/api/activity?engine=remote&kind=agent-start,agent-stop')).body.entries;
    expect(log.map((e) => `${e.kind} ${e.result}`)).toEqual(['agent-stop refused', 'agent-stop done', 'agent-start done']);
    // The engine events of its start and removal are those entries' own, not entries of their own.
    const about = (await json<{ entries: { kind: string }[] }>('GET', `/api/activity?engine=remote&container=${agentId}`)).body.entries;
    expect(about.map((e) => e.kind)).toEqual(['agent-stop', 'agent-start']);
  });
});
