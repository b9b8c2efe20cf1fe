#!/usr/bin/env node
// A large-host simulator for benchmarks only (in the spirit of kwok for Kubernetes): a small
// HTTP server on a unix socket that speaks the Engine API routes Switchyard reads, from a
// generated topology of N containers on M networks, with a per-request delay, and that emits
// engine events when told to change something. Point Switchyard at it like at any engine:
//   node scripts/sim/sim-engine.mjs --socket /tmp/sim.sock --containers 10000 --networks 300
//   DOCKER_HOST=unix:///tmp/sim.sock npm start
// It is never a stand-in for the real engine in a test: correctness is tested on a real one.
//
// Engine routes (with or without a /v1.xx prefix): GET /_ping, /version, /info, /networks,
// /networks/{id}, /containers/json, /containers/{id}/json, /events (streamed).
// Control routes (not counted as engine requests):
//   POST /_sim/change?kind=connect|disconnect|stop|start|create|remove[&container=ID][&network=ID]
//        makes the change and emits the events a real engine emits; answers {container, network, at}
//   POST /_sim/change?kind=mix|churn|connect|...&count=N
//        N such changes to random containers at once; answers {changes, at}
//   POST /_sim/cut      closes every open event stream (as a lost connection would)
//   GET  /_sim/stats    {requests, byRoute} since start (or the last POST /_sim/reset)
//   POST /_sim/reset    zeroes the counters
//   --pid-base B  running containers get pids B + index instead of 0
//   --name NAME   the engine's name and ID in /info (several simulators in one fleet; default switchyard-sim)
// Delays (defaults measured on a real Engine 20.10 on a 2-core machine: an inspect took
// about 3 ms, a list of 420 containers about 70 ms): --delay-ms 2 per request, plus
// --list-ms-per-item 0.15 per listed container.
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    socket: { type: 'string' },
    containers: { type: 'string' },
    networks: { type: 'string' },
    'delay-ms': { type: 'string' },
    'list-ms-per-item': { type: 'string' },
    seed: { type: 'string' },
    'pid-base': { type: 'string' },
    name: { type: 'string' },
  },
});
const SOCKET = args.socket ?? '/tmp/switchyard-sim.sock';
const ENGINE_NAME = args.name ?? 'switchyard-sim';
const N = Number(args.containers ?? 2000);
const M = Number(args.networks ?? Math.max(1, Math.round(N / 33)));
const DELAY = Number(args['delay-ms'] ?? 2);
// --pid-base B: running containers get pids B + index (else 0), so a benchmark can give them a
// generated /proc of their own (scripts/bench-traffic.mjs, SWITCHYARD_PROC).
const PID_BASE = Number(args['pid-base'] ?? 0);
const pidOf = new Map();
const PER_ITEM = Number(args['list-ms-per-item'] ?? 0.15);
let seed = Number(args.seed ?? 1) >>> 0;
const rnd = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const hexId = () => [...Array(64)].map(() => Math.floor(rnd() * 16).toString(16)).join('');
const template = JSON.parse(readFileSync(new URL('./container-template.json', import.meta.url), 'utf8')).inspect;
const now = () => new Date().toISOString();
const started = '2026-11-25T06:00:00.000000000Z';

// ---- the generated topology -------------------------------------------------------------
const networks = new Map();
function addNetwork(name, driver, subnet, extra = {}) {
  const id = hexId();
  networks.set(id, {
    Name: name, Id: id, Created: started, Scope: 'local', Driver: driver, EnableIPv6: false,
    IPAM: { Driver: 'default', Options: null, Config: subnet ? [{ Subnet: subnet, Gateway: subnet.replace(/0\/\d+$/, '1') }] : [] },
    Internal: false, Attachable: false, Ingress: false, ConfigFrom: { Network: '' }, ConfigOnly: false, Containers: {},
    Options: driver === 'bridge' && name === 'bridge' ? { 'com.docker.network.bridge.name': 'docker0', 'com.docker.network.bridge.default_bridge': 'true' } : {},
    Labels: {}, ...extra,
  });
  return id;
}
addNetwork('bridge', 'bridge', '172.17.0.0/16');
addNetwork('host', 'host', null);
addNetwork('none', 'null', null);
const userNets = [];
for (let i = 0; i < M; i++) userNets.push(addNetwork(`sim-net-${String(i).padStart(4, '0')}`, 'bridge', `10.${100 + Math.floor(i / 256)}.${i % 256}.0/24`, { Labels: { 'switchyard.sim': '1' } }));
const nextHost = new Map(); // network id -> next host number
const ipOn = (netId) => {
  const n = networks.get(netId);
  const subnet = n.IPAM.Config[0].Subnet;
  const k = (nextHost.get(netId) ?? 2);
  nextHost.set(netId, k + 1);
  const base = subnet.split('.').slice(0, 2).join('.');
  return subnet.endsWith('/16') ? `${base}.${Math.floor(k / 250)}.${(k % 250) + 2}` : `${subnet.split('.').slice(0, 3).join('.')}.${(k % 250) + 2}`;
};
const mac = () => `02:42:${[...Array(4)].map(() => Math.floor(rnd() * 256).toString(16).padStart(2, '0')).join(':')}`;

function endpoint(netId, name, id) {
  const n = networks.get(netId);
  const ip = ipOn(netId);
  return [n.Name, {
    IPAMConfig: null, Links: null, Aliases: n.Name === 'bridge' ? null : [id.slice(0, 12), name], NetworkID: netId, EndpointID: hexId(),
    Gateway: n.IPAM.Config[0].Gateway, IPAddress: ip, IPPrefixLen: n.Name === 'bridge' ? 16 : 24, IPv6Gateway: '', GlobalIPv6Address: '',
    GlobalIPv6PrefixLen: 0, MacAddress: mac(), DriverOpts: null,
  }];
}

const containers = new Map();
let made = 0;
function makeContainer() {
  const i = made++;
  const id = hexId();
  const name = `sim-c${String(i).padStart(5, '0')}`;
  const c = structuredClone(template);
  c.Id = id;
  c.Name = `/${name}`;
  for (const k of ['ResolvConfPath', 'HostnamePath', 'HostsPath', 'LogPath']) c[k] = c[k].replaceAll('__ID__', id);
  c.Config.Hostname = id.slice(0, 12);
  const project = i % 7 === 0 ? `proj${i % 50}` : null;
  c.Config.Labels = { 'switchyard.sim': '1', ...(project ? { 'com.docker.compose.project': project, 'com.docker.compose.service': `svc${i % 5}` } : {}) };
  if (PID_BASE) pidOf.set(id, PID_BASE + i);
  c.State = { ...c.State, Status: 'running', Running: true, Pid: pidOf.get(id) ?? 0, ExitCode: 0, StartedAt: started, FinishedAt: '0001-01-01T00:00:00Z' };
  const first = userNets[i % userNets.length];
  c.HostConfig.NetworkMode = networks.get(first).Name;
  const nets = [endpoint(first, name, id)];
  if (i % 5 === 0 && userNets.length > 1) nets.push(endpoint(userNets[(i * 7 + 1) % userNets.length], name, id));
  c.NetworkSettings.Networks = Object.fromEntries(nets);
  containers.set(id, c);
  return c;
}
for (let i = 0; i < N; i++) makeContainer();

// ---- requests -----------------------------------------------------------------------------
const stats = { requests: 0, byRoute: {} };
const count = (route) => {
  stats.requests++;
  stats.byRoute[route] = (stats.byRoute[route] ?? 0) + 1;
};
const wait = (ms) => new Promise((r) => setTimeout(r, ms));
const send = (res, status, body) => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'api-version': '1.41', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};
const notFound = (res, what) => send(res, 404, { message: `No such ${what}` });

function summary(c) {
  return {
    Id: c.Id, Names: [c.Name], Image: c.Config.Image, ImageID: c.Image, Command: 'sleep 2000000', Created: 1795588729, Ports: [],
    Labels: c.Config.Labels, State: c.State.Status, Status: c.State.Running ? 'Up 2 hours' : `Exited (${c.State.ExitCode}) 1 minute ago`,
    HostConfig: { NetworkMode: c.HostConfig.NetworkMode },
    NetworkSettings: { Networks: Object.fromEntries(Object.entries(c.NetworkSettings.Networks).map(([k, v]) => [k, { ...v, Aliases: null }])) },
    Mounts: [],
  };
}

const streams = new Set();
function emit(type, action, id, attributes) {
  const t = Date.now();
  const line = `${JSON.stringify({ status: action, id, from: attributes.image, Type: type, Action: action, Actor: { ID: id, Attributes: attributes }, scope: 'local', time: Math.floor(t / 1000), timeNano: t * 1e6 })}\n`;
  for (const s of streams) s.write(line);
}

function change(kind, ctrId, netId) {
  if (kind === 'create') {
    // docker run: create, a connect per network, start.
    const c = makeContainer();
    const attrs = { name: c.Name.slice(1), image: c.Config.Image, 'switchyard.sim': '1' };
    emit('container', 'create', c.Id, attrs);
    for (const e of Object.values(c.NetworkSettings.Networks)) emit('network', 'connect', e.NetworkID, { container: c.Id, name: networks.get(e.NetworkID)?.Name ?? '', type: 'bridge' });
    emit('container', 'start', c.Id, attrs);
    return { container: c.Id, network: null };
  }
  const ids = [...containers.keys()];
  const c = containers.get(ctrId ?? ids[Math.floor(rnd() * ids.length)]);
  if (!c) return null;
  const name = c.Name.slice(1);
  const attrs = { name, image: c.Config.Image, 'switchyard.sim': '1' };
  if (kind === 'connect' || kind === 'disconnect') {
    const onIt = new Set(Object.values(c.NetworkSettings.Networks).map((e) => e.NetworkID));
    const candidates = userNets.filter((n) => (kind === 'connect' ? !onIt.has(n) : onIt.has(n)));
    const n = netId ?? candidates[Math.floor(rnd() * candidates.length)];
    if (!n || !networks.has(n)) return null;
    const net = networks.get(n);
    if (kind === 'connect') {
      const [k, v] = endpoint(n, name, c.Id);
      c.NetworkSettings.Networks[k] = v;
    } else {
      delete c.NetworkSettings.Networks[net.Name];
    }
    emit('network', kind, n, { container: c.Id, name: net.Name, type: 'bridge' });
    return { container: c.Id, network: n };
  }
  if (kind === 'stop' && c.State.Running) {
    c.State = { ...c.State, Status: 'exited', Running: false, Pid: 0, ExitCode: 0, FinishedAt: now() };
    emit('container', 'kill', c.Id, { ...attrs, signal: '15' });
    emit('container', 'die', c.Id, { ...attrs, exitCode: '0' });
    for (const e of Object.values(c.NetworkSettings.Networks)) emit('network', 'disconnect', e.NetworkID, { container: c.Id, name: networks.get(e.NetworkID)?.Name ?? '', type: 'bridge' });
    emit('container', 'stop', c.Id, attrs);
    return { container: c.Id, network: null };
  }
  if (kind === 'remove') {
    // docker rm -f: a running one is killed and leaves its networks first.
    if (c.State.Running) {
      emit('container', 'kill', c.Id, { ...attrs, signal: '9' });
      emit('container', 'die', c.Id, { ...attrs, exitCode: '137' });
      for (const e of Object.values(c.NetworkSettings.Networks)) emit('network', 'disconnect', e.NetworkID, { container: c.Id, name: networks.get(e.NetworkID)?.Name ?? '', type: 'bridge' });
    }
    containers.delete(c.Id);
    emit('container', 'destroy', c.Id, attrs);
    return { container: c.Id, network: null };
  }
  if (kind === 'start' && !c.State.Running) {
    c.State = { ...c.State, Status: 'running', Running: true, Pid: pidOf.get(c.Id) ?? 0, StartedAt: now() };
    for (const e of Object.values(c.NetworkSettings.Networks)) emit('network', 'connect', e.NetworkID, { container: c.Id, name: networks.get(e.NetworkID)?.Name ?? '', type: 'bridge' });
    emit('container', 'start', c.Id, attrs);
    return { container: c.Id, network: null };
  }
  return null;
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://sim');
  const path = url.pathname.replace(/^\/v\d+\.\d+/, '');
  try {
    if (path.startsWith('/_sim/')) {
      if (path === '/_sim/stats') return send(res, 200, stats);
      if (path === '/_sim/reset') { stats.requests = 0; stats.byRoute = {}; return send(res, 200, stats); }
      if (path === '/_sim/cut') { for (const s of streams) s.destroy(); streams.clear(); return send(res, 200, { cut: true }); }
      if (path === '/_sim/change') {
        const n = Math.min(100_000, Math.max(1, Number(url.searchParams.get('count') ?? 1) || 1));
        if (n > 1 || ['mix', 'churn'].includes(url.searchParams.get('kind'))) {
          // A burst: n changes to random containers; kind=mix draws connect, disconnect, stop or
          // start; kind=churn also create and remove (as many of each, so the size stays about the same).
          const churn = url.searchParams.get('kind') === 'churn';
          const kinds = churn ? ['connect', 'disconnect', 'stop', 'start', 'create', 'remove'] : ['connect', 'disconnect', 'stop', 'start'];
          const ids = [...containers.keys()];
          let made = 0;
          for (let i = 0; i < n * 4 && made < n; i++) {
            const kind = url.searchParams.get('kind') === 'mix' || churn ? kinds[Math.floor(rnd() * kinds.length)] : url.searchParams.get('kind');
            if (change(kind, ids[Math.floor(rnd() * ids.length)], null)) made++;
          }
          return send(res, 200, { changes: made, at: Date.now() });
        }
        const done = change(url.searchParams.get('kind'), url.searchParams.get('container'), url.searchParams.get('network'));
        return done ? send(res, 200, { ...done, at: Date.now() }) : send(res, 409, { message: 'nothing to change' });
      }
      return notFound(res, 'control route');
    }
    if (req.method === 'GET' && path === '/events') {
      count('GET /events');
      res.writeHead(200, { 'content-type': 'application/json', 'api-version': '1.41' });
      res.flushHeaders();
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (path === '/_ping') {
      count('GET /_ping');
      res.writeHead(200, { 'content-type': 'text/plain', 'api-version': '1.41' });
      return res.end(req.method === 'HEAD' ? undefined : 'OK');
    }
    await wait(DELAY);
    if (req.method === 'GET' && path === '/version') {
      count('GET /version');
      return send(res, 200, { Version: '20.10.24-sim', ApiVersion: '1.41', MinAPIVersion: '1.12', Os: 'linux', Arch: 'amd64', KernelVersion: 'sim' });
    }
    if (req.method === 'GET' && path === '/info') {
      count('GET /info');
      return send(res, 200, { ID: `SIM0:${ENGINE_NAME}`, Name: ENGINE_NAME, ServerVersion: '20.10.24-sim', OperatingSystem: 'Switchyard large-host simulator', OSType: 'linux', Containers: containers.size, Swarm: { NodeID: '', LocalNodeState: 'inactive', ControlAvailable: false } });
    }
    if (req.method === 'GET' && path === '/networks') {
      count('GET /networks');
      return send(res, 200, [...networks.values()].map((n) => ({ ...n, Containers: {} })));
    }
    let m = /^\/networks\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && m) {
      count('GET /networks/{id}');
      const n = networks.get(m[1]) ?? [...networks.values()].find((x) => x.Name === m[1]);
      return n ? send(res, 200, n) : notFound(res, 'network');
    }
    if (req.method === 'GET' && path === '/containers/json') {
      count('GET /containers/json');
      await wait(PER_ITEM * containers.size);
      return send(res, 200, [...containers.values()].map(summary));
    }
    m = /^\/containers\/([^/]+)\/json$/.exec(path);
    if (req.method === 'GET' && m) {
      count('GET /containers/{id}/json');
      const c = containers.get(m[1]) ?? [...containers.values()].find((x) => x.Name === `/${m[1]}`);
      return c ? send(res, 200, c) : notFound(res, 'container');
    }
    count(`${req.method} (unknown)`);
    return notFound(res, `route ${req.method} ${path} in the simulator`);
  } catch (err) {
    send(res, 500, { message: String(err) });
  }
});

rmSync(SOCKET, { force: true });
server.listen(SOCKET, () => {
  console.log(`simulated engine on unix://${SOCKET}: ${containers.size} containers, ${networks.size} networks, ${DELAY} ms a request (+${PER_ITEM} ms per listed container), id ${randomBytes(2).toString('hex')}`);
});
const bye = () => { server.close(); rmSync(SOCKET, { force: true }); process.exit(0); };
process.on('SIGTERM', bye);
process.on('SIGINT', bye);
