/**
 * One ordered pair of containers: GET /api/reachability's by-IP, by-name and per-port verdicts
 * compared with what ping, a name lookup and an HTTP GET over nc do from inside A. Every address
 * tried is one of B's own (or the host's bridge address where B publishes or lives on the host).
 * Used by the reachability tests with and without firewall rules in place.
 */
import { expect } from 'vitest';
import { GET as getReach } from '@/app/api/reachability/route';
import type { Reachability } from '@/lib/reach/reachability';
import type { Topology } from '@/lib/topology/types';
import { connects, ping, resolves } from './in-container';

export async function reach(from: string, to: string, port?: number): Promise<Reachability> {
  const q = new URLSearchParams({ from, to, ...(port ? { port: String(port) } : {}) });
  const res = await getReach(new Request(`http://127.0.0.1/api/reachability?${q}`));
  expect(res.status, `${from} -> ${to}`).toBe(200);
  return (await res.json()) as Reachability;
}

export interface Observed { pair: string; mismatches: string[]; checks: number; undecided: boolean }

export async function checkPair(topo: Topology, from: string, to: string, opts: { asked: readonly number[]; hostPorts: readonly number[] }): Promise<Observed> {
  const ctr = (name: string) => topo.containers.find((c) => c.name === name)!;
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
  // A verdict that turns on a rule Switchyard cannot evaluate predicts nothing to compare.
  if (r.undecided) return { pair: `${from} -> ${to}`, mismatches: [], checks: 0, undecided: true };
  // The addresses to try: B's own (kept --ip for a stopped one), and for a host-network B the host at A's gateways.
  const own = topo.endpoints.filter((e) => e.containerId === owner.id).flatMap((e) => [e.ipv4, e.staticIpv4]).filter((x): x is string => !!x);
  const gateways = topo.endpoints.filter((e) => e.containerId === (a.sharesNetworkWith ?? a.id)).map((e) => e.gateway).filter((x): x is string => !!x);
  const addresses = [...new Set(owner.networkMode === 'host' ? gateways : own)];
  const pings = await Promise.all(addresses.map((ip) => ping(from, ip)));
  expectSame('by IP', r.byIp, pings.some(Boolean));
  // Each path answers a ping unless the firewall drops it there (then the path names the rule).
  for (const p of r.paths.filter((x) => x.kind === 'network' || x.kind === 'host')) {
    const open = !p.firewall || p.firewall.verdict === 'accept';
    expectSame(`ping ${p.address} (a predicted path${open ? '' : `, ${p.firewall!.text}`})`, open, pings[addresses.indexOf(p.address)] ?? await ping(from, p.address));
  }

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
  const ports = owner.networkMode === 'host' ? opts.hostPorts : [...new Set([...r.ports.map((p) => p.port), ...opts.asked])];
  for (const port of ports) {
    const pv = (r.ports.find((p) => p.port === port) ? r : await reach(from, to, port)).ports.find((p) => p.port === port)!;
    if (pv.undecided) continue;
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
  return { pair: `${from} -> ${to}`, mismatches, checks, undecided: false };
}
