// GET /api/reachability against real traffic: for every ordered pair of the lab containers
// below, the predicted by-IP, by-name and per-port verdicts are compared with what ping, a
// name lookup and an HTTP GET over nc (every lab listener is busybox httpd) do from inside A.
// Every address tried is one of B's own (or the host's bridge address where B publishes or
// lives on the host); the lab runs its containers with
// --dns 127.0.0.1, so a name Docker does not know fails inside the container instead of
// going to the host's resolvers. Prints every pair and every mismatch; a mismatch fails.
import pLimit from 'p-limit';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as getReach } from '@/app/api/reachability/route';
import { GET as getTopology } from '@/app/api/topology/route';
import type { Reachability } from '@/lib/reach/reachability';
import type { Topology } from '@/lib/topology/types';
import { connects, ping, resolves } from '../helpers/in-container';
import { labNet } from '../helpers/lab-nets';

const FROM = ['ports-client', 'ports-target', 'redisinsight-redisinsight-1', 'tomcat01', 'tomcat03', 'tomcat-net-01-sidecar', 'host-agent', 'isolated-job', 'internal-app', 'redismod-local-net'];
const TO = ['ports-target', 'redismod-redismod-1', 'tomcat02', 'tomcat-net-01', 'internal-db', 'redis-3', 'host-agent', 'redisinsight-local-net', 'ports-client'];
/** Ports asked about explicitly besides each B's own (a closed one, and the seed's 6379). */
const ASKED = [6379, 7000];
/** Ports of ours on the host, the only ones tried on a host-network B (the host has others that are not the lab's). */
const HOST_PORTS = [18090, 16380];

let topo: Topology;
beforeAll(async () => {
  topo = (await (await getTopology()).json()) as Topology;
});

const ctr = (name: string) => topo.containers.find((c) => c.name === name)!;

async function reach(from: string, to: string, port?: number): Promise<Reachability> {
  const q = new URLSearchParams({ from, to, ...(port ? { port: String(port) } : {}) });
  const res = await getReach(new Request(`http://127.0.0.1/api/reachability?${q}`));
  expect(res.status, `${from} -> ${to}`).toBe(200);
  return (await res.json()) as Reachability;
}

interface Observed { pair: string; mismatches: string[]; checks: number }

async function check(from: string, to: string): Promise<Observed> {
  const a = ctr(from);
  const b = ctr(to);
  const owner = b.sharesNetworkWith ? topo.containers.find((c) => c.id === b.sharesNetworkWith)! : b;
  const mismatches: string[] = [];
  let checks = 0;
  const expectSame = (what: string, predicted: boolean, observed: boolean) => {
    checks++;
    if (predicted !== observed) mismatches.push(`${what}: predicted ${predicted}, observed ${observed}`);
  };
  const r = await reach(from, to);
  // The addresses to try: B's own (kept --ip for a stopped one), and for a host-network B the host at A's gateways.
  const own = topo.endpoints.filter((e) => e.containerId === owner.id).flatMap((e) => [e.ipv4, e.staticIpv4]).filter((x): x is string => !!x);
  const gateways = topo.endpoints.filter((e) => e.containerId === (a.sharesNetworkWith ?? a.id)).map((e) => e.gateway).filter((x): x is string => !!x);
  const addresses = [...new Set(owner.networkMode === 'host' ? gateways : own)];
  const pings = await Promise.all(addresses.map((ip) => ping(from, ip)));
  expectSame('by IP', r.byIp, pings.some(Boolean));
  for (const p of r.paths.filter((x) => x.kind === 'network' || x.kind === 'host')) expectSame(`ping ${p.address} (a predicted path)`, true, pings[addresses.indexOf(p.address)] ?? await ping(from, p.address));

  // Names: every name B has anywhere, and the names predicted. Not from the host's stack
  // (host-agent uses the host's resolvers, off this machine): predicted never by name there.
  if (a.networkMode !== 'host') {
    const names = new Set([b.name, ...r.names, ...topo.endpoints.filter((e) => e.containerId === b.id).flatMap((e) => [...e.aliases, ...e.dnsNames])]);
    names.delete('localhost');
    let byName = false;
    for (const n of names) {
      const ip = await resolves(from, n);
      const usable = ip !== null && (own.includes(ip) || ip.startsWith('127.')) && await ping(from, ip);
      if (usable) byName = true;
      if (r.names.includes(n) && r.byName) expectSame(`name ${n} (predicted usable)`, true, usable);
    }
    expectSame('by name', r.byName, byName);
  } else {
    expect(r.byName, `${from} is on the host's stack: never by name`).toBe(false);
  }

  // Ports: each B's own (published or listened on), and the ones asked, from the same answer.
  const ports = owner.networkMode === 'host' ? HOST_PORTS : [...new Set([...r.ports.map((p) => p.port), ...ASKED])];
  for (const port of ports) {
    const pv = (r.ports.find((p) => p.port === port) ? r : await reach(from, to, port)).ports.find((p) => p.port === port)!;
    // Every place B could answer on this port: its addresses (or localhost, sharing a namespace), and its published host ports.
    const shared = (a.sharesNetworkWith ?? a.id) === owner.id;
    const published = owner.ports.filter((x) => x.containerPort === port && x.protocol === 'tcp' && x.hostPort !== null)
      .map((x) => `${x.hostIp === '0.0.0.0' ? gateways[0] ?? '127.0.0.1' : x.hostIp}:${x.hostPort}`);
    const places = [...new Set([...(shared ? ['127.0.0.1'] : addresses).map((ip) => `${ip}:${port}`), ...published])];
    const open = await Promise.all(places.map((hp) => connects(from, hp.slice(0, hp.lastIndexOf(':')), Number(hp.slice(hp.lastIndexOf(':') + 1)))));
    expectSame(`port ${port} open`, pv.open, open.some(Boolean));
    // Every target it names connects (names included).
    for (const t of pv.targets) {
      const i = t.lastIndexOf(':');
      const host = t.slice(0, i) === 'localhost' ? '127.0.0.1' : t.slice(0, i);
      expectSame(`connect ${t} (a predicted target)`, true, await connects(from, host, Number(t.slice(i + 1))));
    }
  }
  return { pair: `${from} -> ${to}`, mismatches, checks };
}

describe('reachability by port, against real traffic', () => {
  it('matches ping, name lookups and nc from inside A for every pair', async () => {
    const pairs = FROM.flatMap((f) => TO.filter((t) => t !== f).map((t) => [f, t] as const));
    expect(pairs.length).toBeGreaterThanOrEqual(60);
    const limit = pLimit(10);
    const results = await Promise.all(pairs.map(([f, t]) => limit(() => check(f, t))));
    const lines = results.map((x) => `${x.mismatches.length ? 'MISMATCH' : 'ok      '} ${x.pair} (${x.checks} checks)${x.mismatches.map((m) => `\n           ${m}`).join('')}`);
    console.log(`reachability pairs: ${results.length}, checks: ${results.reduce((s, x) => s + x.checks, 0)}, mismatches: ${results.filter((x) => x.mismatches.length).length}\n${lines.join('\n')}`);
    expect(results.filter((x) => x.mismatches.length).map((x) => `${x.pair}: ${x.mismatches.join('; ')}`)).toEqual([]);
  }, 600_000);

  it('tells the seed\'s case apart: Redis on 127.0.0.1 only, and a published port on the host\'s loopback', async () => {
    const local = await reach('ports-client', 'ports-target', 6379);
    expect(local.byIp).toBe(true);
    expect(local.ports[0]).toMatchObject({ port: 6379, open: false, basis: 'listening' });
    expect(local.ports[0]!.reasons.join('\n')).toMatch(/listens on port 6379 only on 127\.0\.0\.1:6379 inside its own namespace/);
    expect(local.fixes.map((f) => f.text).join('\n')).toMatch(/listen on 0\.0\.0\.0:6379/);
    const seed = await reach('redisinsight-redisinsight-1', 'redismod-redismod-1', 6379);
    expect(seed.reachable).toBe(false);
    expect(seed.ports[0]!.reasons.join('\n')).toMatch(/127\.0\.0\.1:16379 only: inside redisinsight-redisinsight-1, 127\.0\.0\.1 is redisinsight-redisinsight-1 itself/);
    const fix = seed.fixes.find((f) => f.connect);
    expect(fix?.command).toBe('docker network connect redismod_default redisinsight-redisinsight-1');
    expect(fix?.compose).toBe([
      '# in the compose file of project "redisinsight" (then: docker compose up -d)',
      'services:', '  redisinsight:', '    networks:', '      - default', '      - redismod_default',
      'networks:', '  redismod_default:', '    external: true', '',
    ].join('\n'));
    // Through the host: ports-target publishes 8080 on lab-ports' gateway, which any container with a route out reaches.
    const viaHost = await reach('redisinsight-redisinsight-1', 'ports-target', 8080);
    expect(viaHost).toMatchObject({ byIp: false, reachable: true });
    expect(viaHost.ports[0]!.targets).toEqual([`${labNet('lab-ports').gateway}:18090`]);
  });
});
