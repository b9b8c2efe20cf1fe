// The host firewall in every verdict, against real traffic: real DOCKER-USER rules (one that
// drops a container pair, one a port, one a subnet, one Switchyard cannot evaluate) are put in
// place, and GET /api/reachability, "Test now" and GET /api/traffic are compared with ping,
// name lookups and TCP from inside the containers. Every rule is removed afterwards and the
// removal checked. The firewall is re-read after its cache (2 s), so the verdicts follow a
// rule's removal too.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getReach } from '@/app/api/reachability/route';
import { POST as probe } from '@/app/api/reachability/test/route';
import { GET as getTopology } from '@/app/api/topology/route';
import { GET as getTraffic } from '@/app/api/traffic/route';
import { FirewallReader, TTL_MS } from '@/lib/host/firewall';
import { readListeners } from '@/lib/host/listeners';
import type { ProbeResult } from '@/lib/reach/probe';
import { reachability, type Reachability } from '@/lib/reach/reachability';
import type { Traffic } from '@/lib/schemas/traffic';
import type { Topology } from '@/lib/topology/types';
import { addRule, ourRules, removeOurRules } from '../helpers/firewall-rules';
import { connects, exec, ping, resolves } from '../helpers/in-container';
import { checkPair } from '../helpers/reach-check';
import { labNet } from '../helpers/lab-nets';
import { until } from '../helpers/until';

let topo: Topology;
const ctr = (name: string) => topo.containers.find((c) => c.name === name)!;
const bridgeOf = (net: string) => topo.networks.find((n) => n.name === net)!.bridge!;
const ipOn = (name: string, net: string) => topo.endpoints.find((e) => e.containerId === ctr(name).id && e.networkId === topo.networks.find((n) => n.name === net)!.id)!.ipv4!;

async function reach(from: string, to: string, port?: number): Promise<Reachability> {
  const q = new URLSearchParams({ from, to, ...(port ? { port: String(port) } : {}) });
  const res = await getReach(new Request(`http://127.0.0.1/api/reachability?${q}`));
  expect(res.status, `${from} -> ${to}`).toBe(200);
  return (await res.json()) as Reachability;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  removeOurRules(); // a run that was killed may have left some
  topo = (await (await getTopology()).json()) as Topology;
  // Rule 5 of DOCKER-USER comes first in the lines below: inserted in reverse.
  addRule(1, ['-s', `${ipOn('tomcat01', 'bridge')}/32`, '-d', `${ipOn('redis-1', 'redis')}/32`, '-j', 'ACCEPT']);
  addRule(1, ['-s', `${ipOn('tomcat01', 'bridge')}/32`, '-d', `${ipOn('tomcat02', 'bridge')}/32`, '-m', 'recent', '--name', 'switchyard-test', '--rcheck', '-j', 'DROP']);
  addRule(1, ['-s', labNet('redis').subnet, '-d', labNet('redis').subnet, '-j', 'DROP']);
  addRule(1, ['-o', bridgeOf('lab-ports'), '-p', 'tcp', '-m', 'tcp', '--dport', '8080', '-j', 'REJECT']);
  addRule(1, ['-s', `${ipOn('tomcat-net-02', 'mynet')}/32`, '-d', `${ipOn('tomcat-net-01', 'mynet')}/32`, '-j', 'DROP']);
  expect(ourRules()).toHaveLength(5);
  await wait(TTL_MS + 100); // past the firewall cache of earlier suites
});

afterAll(() => {
  removeOurRules();
  expect(ourRules(4)).toEqual([]);
  expect(ourRules(6)).toEqual([]);
});

describe('DOCKER-USER rules in the verdicts, against real traffic', () => {
  it('a pair dropped one way: neither way connects (the replies are dropped), names still resolve; the rule is named', async () => {
    const [to01, to02] = [ipOn('tomcat-net-01', 'mynet'), ipOn('tomcat-net-02', 'mynet')];
    const r = await reach('tomcat-net-02', 'tomcat-net-01', 8080);
    expect(await ping('tomcat-net-02', to01)).toBe(false);
    expect(await connects('tomcat-net-02', to01, 8080)).toBe(false);
    expect(await resolves('tomcat-net-02', 'tomcat-net-01')).toBe(to01);
    expect(r).toMatchObject({ byIp: false, reachable: false, undecided: false, firewall: { read: true, reason: null } });
    // The name resolves (the embedded DNS answers inside A's own namespace), but is no use.
    expect(r.byName).toBe(false);
    expect(r.names).toContain('tomcat-net-01');
    expect((await reach('tomcat-net-02', 'tomcat-net-01')).summary).toMatch(/^tomcat-net-02 cannot reach tomcat-net-01: dropped by DOCKER-USER rule 1 .*\(its names still resolve: .*tomcat-net-01/);
    expect(r.ports[0]).toMatchObject({ port: 8080, open: false, undecided: false });
    expect(r.ports[0]!.firewall[0]!.rule).toMatchObject({ chain: 'DOCKER-USER', position: 1, table: 'filter' });
    expect(r.summary).toMatch(/DOCKER-USER rule 1 \(iptables filter table\): -A DOCKER-USER -s [0-9.]+\/32 -d [0-9.]+\/32 .*-j DROP/);
    // The other way: the request passes, its replies match the rule.
    const back = await reach('tomcat-net-01', 'tomcat-net-02', 8080);
    expect(await ping('tomcat-net-01', to02)).toBe(false);
    expect(await connects('tomcat-net-01', to02, 8080)).toBe(false);
    expect(back).toMatchObject({ byIp: false, reachable: false });
    expect(back.summary).toMatch(/answered, but the replies are dropped by DOCKER-USER rule 1/);
    // A third container on the network is not touched.
    const other = await reach('tomcat01', 'tomcat-net-01', 8080);
    expect(other.byIp).toBe(true);
    expect(other.ports[0]!.open).toBe(true);
    expect(await connects('tomcat01', to01, 8080)).toBe(true);
  });

  it('a port rejected on one bridge: ping passes, the port does not; docker-proxy from the same bridge still answers', async () => {
    const target = ipOn('ports-target', 'lab-ports');
    const gw = labNet('lab-ports').gateway;
    const r = await reach('ports-client', 'ports-target', 8080);
    expect(await ping('ports-client', target)).toBe(true);
    expect(r.byIp).toBe(true);
    expect(await connects('ports-client', target, 8080)).toBe(false);
    expect(r.ports[0]!.targets).not.toContain(`${target}:8080`);
    expect(r.ports[0]!.reasons.join('\n')).toMatch(/rejected by DOCKER-USER rule 2 \(iptables filter table\): -A DOCKER-USER -o br-[0-9a-f]+ -p tcp -m tcp --dport 8080 .*-j REJECT/);
    // Through the published port from its own bridge, docker-proxy connects from the host: not forwarded.
    const viaProxy = await connects('ports-client', gw, 18090);
    expect(r.ports[0]!.targets.includes(`${gw}:18090`)).toBe(viaProxy);
    expect(r.ports[0]!.open).toBe(viaProxy);
    // From another network too: Docker's nat rules RETURN what comes in on its bridges while
    // the userland proxy is on, so docker-proxy answers and connects from the host (read from
    // the nat table, not assumed: with --userland-proxy=false it is DNATed and forwarded).
    const far = await reach('redisinsight-redisinsight-1', 'ports-target', 8080);
    const farOpen = await connects('redisinsight-redisinsight-1', gw, 18090);
    expect(far.ports[0]!.open).toBe(farOpen);
  });

  it('a subnet dropped: no member of it reaches another', async () => {
    const r = await reach('redis-1', 'redis-2', 6379);
    const to = ipOn('redis-2', 'redis');
    expect(await ping('redis-1', to)).toBe(false);
    expect(await connects('redis-1', to, 6379)).toBe(false);
    expect(r).toMatchObject({ byIp: false, reachable: false });
    expect(r.summary).toContain(`DOCKER-USER rule 3 (iptables filter table): -A DOCKER-USER -s ${labNet('redis').subnet} -d ${labNet('redis').subnet}`);
  });

  it('a rule Switchyard cannot evaluate makes the verdict unknown, naming it; Test now predicts nothing there', async () => {
    const r = await reach('tomcat01', 'tomcat02', 8080);
    expect(r.undecided).toBe(true);
    expect(r.byIp).toBe(false);
    expect(r.summary).toMatch(/^whether tomcat01 reaches tomcat02 .*is unknown: unknown because of DOCKER-USER rule 4 .*-m recent/);
    const res = await probe(new Request('http://127.0.0.1/api/reachability/test', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: 'tomcat01', to: 'tomcat02', port: 8080 }) }));
    const t = (await res.json()) as ProbeResult;
    const icmp = t.checks.find((c) => c.kind === 'icmp')!;
    expect(icmp).toMatchObject({ predicted: null, agrees: null });
    expect(icmp.observed).toBe(true); // the rule's list is empty: nothing is dropped, which Switchyard could not know
  });

  it('an ACCEPT in DOCKER-USER across Docker\'s isolation makes the verdict unknown (the replies meet rules past it)', async () => {
    const r = await reach('tomcat01', 'redis-1');
    expect(r.undecided).toBe(true);
    expect(r.summary).toMatch(/^whether tomcat01 reaches redis-1 is unknown: accepted by DOCKER-USER rule 5 \(iptables filter table\): -A DOCKER-USER -s [0-9.]+\/32 -d [0-9.]+\/32 .*-j ACCEPT, before Docker's own rules, across Docker's isolation$/);
    // What happens for real: the request passes, Docker's isolation drops the reply. Neither "reaches" nor "cannot" was knowable from DOCKER-USER alone.
    expect(await ping('tomcat01', ipOn('redis-1', 'redis'))).toBe(false);
    // The other way the rule does not match: Docker's isolation, as without it.
    expect((await reach('redis-1', 'tomcat01')).undecided).toBe(false);
    expect(await ping('redis-1', ipOn('tomcat01', 'bridge'))).toBe(false);
  });

  it('Test now agrees with the prediction where a rule drops', async () => {
    const res = await probe(new Request('http://127.0.0.1/api/reachability/test', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: 'tomcat-net-02', to: 'tomcat-net-01', port: 8080 }) }));
    const t = (await res.json()) as ProbeResult;
    console.log(t.checks.map((c) => `${c.kind} ${c.target}: predicted ${c.predicted}, observed ${c.observed}`).join('\n'));
    expect(t.disagreements).toBe(0);
    expect(t.checks.find((c) => c.kind === 'icmp')).toMatchObject({ predicted: false, observed: false });
    expect(t.checks.find((c) => c.kind === 'tcp')).toMatchObject({ predicted: false, observed: false });
    // The name resolves but its address does not answer: not usable, as predicted.
    expect(t.checks.find((c) => c.kind === 'dns' && c.target === 'tomcat-net-01')).toMatchObject({ predicted: false, observed: false });
    expect(t.checks.find((c) => c.kind === 'dns' && c.target === 'tomcat-net-01')!.detail).toMatch(/does not answer/);
  });

  it('a failing flow names the rule that drops it', async () => {
    const to01 = ipOn('tomcat-net-01', 'mynet');
    // A client that keeps trying for 40 s (it ends on its own).
    await exec('tomcat-net-02', 'sh', '-c', `(timeout 40 sh -c 'while :; do nc -w 2 ${to01} 8080 </dev/null; done' >/dev/null 2>&1 &) `);
    const flow = await until('a failing flow tomcat-net-02 -> tomcat-net-01:8080', async () => {
      const res = await getTraffic(new Request('http://127.0.0.1/api/traffic?container=tomcat-net-02&interval=1000'));
      const t = (await res.json()) as Traffic;
      // The sampler reads the firewall once a flow fails: the reason names the rule from the next read on.
      return t.flows.find((f) => f.client.name === 'tomcat-net-02' && f.server.name === 'tomcat-net-01' && f.server.port === 8080 && f.reason?.summary.includes('DOCKER-USER rule'));
    }, 30_000, 500);
    expect(flow.state).toBe('no-answer');
    expect(flow.reason!.summary).toMatch(/dropped by DOCKER-USER rule 1 \(iptables filter table\)/);
    expect(flow.reason!.fix?.command).toBe('iptables -t filter -D DOCKER-USER 1');
  });

  it('every verdict among the containers the rules touch matches ping, name lookups and TCP with the rules in place', async () => {
    const names = ['tomcat-net-01', 'tomcat-net-02', 'tomcat01', 'tomcat02', 'ports-client', 'ports-target', 'redis-1', 'redis-2', 'redisinsight-redisinsight-1'];
    // (Only the pairs the rules touch are unknown: tomcat01 -> tomcat02 and back under rule 4, tomcat01 -> redis-1 under rule 5.)
    const pairs = names.flatMap((f) => names.filter((t) => t !== f).map((t) => [f, t] as const));
    const limit = pLimit(10);
    const results = await Promise.all(pairs.map(([f, t]) => limit(() => checkPair(topo, f, t, { asked: [6379, 8080], hostPorts: [] }))));
    console.log(`with DOCKER-USER rules: ${results.length} pairs, ${results.reduce((n, x) => n + x.checks, 0)} checks\n${results.map((x) => `${x.undecided ? 'unknown ' : x.mismatches.length ? 'MISMATCH' : 'ok      '} ${x.pair}${x.mismatches.map((m) => `\n           ${m}`).join('')}`).join('\n')}`);
    expect(results.filter((x) => x.mismatches.length).map((x) => `${x.pair}: ${x.mismatches.join('; ')}`)).toEqual([]);
    // Only the pair under the rule Switchyard cannot evaluate is left unknown: both ways (the replies meet it too).
    expect(results.filter((x) => x.undecided).map((x) => x.pair).sort()).toEqual(['tomcat01 -> redis-1', 'tomcat01 -> tomcat02', 'tomcat02 -> tomcat01']);
    expect(results.reduce((n, x) => n + x.checks, 0)).toBeGreaterThan(200);
  }, 300_000);

  it('follows a rule\'s removal: the pair reaches again once the rules change', async () => {
    removeOurRules();
    await wait(TTL_MS + 100);
    const r = await reach('tomcat-net-02', 'tomcat-net-01', 8080);
    expect(r.byIp).toBe(true);
    expect(r.ports[0]!.open).toBe(true);
    expect(await connects('tomcat-net-02', ipOn('tomcat-net-01', 'mynet'), 8080)).toBe(true);
  });
});

describe('a host whose firewall cannot be read', () => {
  let dir = '';
  afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('without the tools: verdicts say the firewall was not read, and nothing fails', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sy-fw-'));
    const fw = await new FirewallReader(undefined, 0, [dir]).current();
    expect(fw).toMatchObject({ read: false, rulesets: [] });
    expect(fw.reason).toBe('iptables is not installed (iptables-save was not found)');
    const b = ctr('tomcat-net-01');
    const r = reachability(topo, ctr('tomcat-net-02').id, b.id, { port: 8080, sockets: await readListeners(b.pid), firewall: fw });
    expect(r.firewall).toEqual({ read: false, reason: expect.stringMatching(/^the host's firewall was not read \(iptables is not installed/) });
    expect(r.reasons.join('\n')).toMatch(/firewall was not read/);
    expect(r.ports[0]!.reasons.join('\n')).toMatch(/firewall was not read/);
  });

  it('when reading is not allowed (the tools run as nobody): the reason is the tools\' own', async () => {
    const wrap = mkdtempSync(join(tmpdir(), 'sy-fw-nobody-'));
    try {
      for (const tool of ['iptables-nft-save', 'ip6tables-nft-save', 'nft']) {
        writeFileSync(join(wrap, tool), `#!/bin/sh\nexec setpriv --reuid=65534 --regid=65534 --clear-groups /usr/sbin/${tool} "$@"\n`, { mode: 0o755 });
      }
      const fw = await new FirewallReader(undefined, 0, [wrap]).current();
      expect(fw.read).toBe(false);
      expect(fw.reason).toMatch(/iptables-nft-save: not allowed: .*(Permission denied|not permitted)/i);
      expect(fw.sources.find((s) => s.name === 'nft -j list ruleset')).toMatchObject({ ok: false });
    } finally {
      rmSync(wrap, { recursive: true, force: true });
    }
  });
});
