// GET /api/exposure against real connections: from "another machine" (a network namespace of
// its own on this host, joined to it by a veth pair, with its default route through the host)
// and from the host's loopback, for ports published on 0.0.0.0, on ::, on 127.0.0.1 (the lab's
// tomcat01) and on one host address (the lab's ports-target, on lab-ports' gateway). Then the
// DOCKER-USER rule the answer proposes is put in place: the answer names it, and the connection
// from outside fails while loopback still works. Everything is removed afterwards (the rule's
// removal checked).
import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getExposure } from '@/app/api/exposure/route';
import { GET as getTopology } from '@/app/api/topology/route';
import { TTL_MS } from '@/lib/host/firewall';
import type { ExposureAnswer } from '@/lib/schemas/exposure';
import { TEST_COMMENT, ourRules, removeOurRules } from '../helpers/firewall-rules';
import { labNet } from '../helpers/lab-nets';
import { DOCKER, TEST_LABEL, docker } from './docker-cli';

const NS = 'sy-expo';
const HOST_IF = 'sy-expo-h';
const [HOST4, NS4] = ['10.250.77.1', '10.250.77.2'];
const [HOST6, NS6] = ['fd00:5a:98::1', 'fd00:5a:98::2'];
const IMAGE = process.env.SWITCHYARD_LAB_IMAGE ?? 'switchyard-lab/busybox:1';
const ALL = 'sy-expo-all';
const V6 = 'sy-expo-v6';

const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An HTTP answer from host:port, tried inside the namespace (outside) or on the host itself. */
function answers(where: 'outside' | 'host', host: string, port: number): boolean {
  const argv = ['busybox', 'sh', '-c', '(printf "GET / HTTP/1.0\\r\\n\\r\\n"; sleep 1) | busybox nc -w 2 "$0" "$1"', host, String(port)];
  const r = where === 'outside' ? spawnSync('ip', ['netns', 'exec', NS, ...argv], { encoding: 'utf8', timeout: 10_000 }) : spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', timeout: 10_000 });
  return /^HTTP\/1\.[01] /.test(r.stdout ?? '');
}

async function exposure(): Promise<ExposureAnswer> {
  const res = await getExposure(new Request('http://127.0.0.1/api/exposure'));
  expect(res.status).toBe(200);
  return (await res.json()) as ExposureAnswer;
}

function cleanup() {
  removeOurRules();
  spawnSync(DOCKER, ['rm', '-f', ALL, V6], { encoding: 'utf8' });
  spawnSync('ip', ['netns', 'del', NS]);
  spawnSync('ip', ['link', 'del', HOST_IF]);
}

beforeAll(async () => {
  cleanup();
  sh('ip', ['netns', 'add', NS]);
  sh('ip', ['link', 'add', HOST_IF, 'type', 'veth', 'peer', 'name', 'sy-expo-n', 'netns', NS]);
  sh('ip', ['addr', 'add', `${HOST4}/30`, 'dev', HOST_IF]);
  sh('ip', ['-6', 'addr', 'add', `${HOST6}/64`, 'dev', HOST_IF, 'nodad']);
  sh('ip', ['link', 'set', HOST_IF, 'up']);
  const inNs = (...a: string[]) => sh('ip', ['netns', 'exec', NS, 'ip', ...a]);
  inNs('link', 'set', 'lo', 'up');
  inNs('addr', 'add', `${NS4}/30`, 'dev', 'sy-expo-n');
  inNs('-6', 'addr', 'add', `${NS6}/64`, 'dev', 'sy-expo-n', 'nodad');
  inNs('link', 'set', 'sy-expo-n', 'up');
  inNs('route', 'add', 'default', 'via', HOST4);
  inNs('-6', 'route', 'add', 'default', 'via', HOST6);
  const serve = ['sh', '-c', "trap 'exit 0' TERM; httpd -f -p 8080 -h /www & wait"];
  docker('run', '-d', '--name', ALL, '--label', TEST_LABEL, '-p', '0.0.0.0:18201:8080', IMAGE, ...serve);
  docker('run', '-d', '--name', V6, '--label', TEST_LABEL, '-p', '[::]:18202:8080', IMAGE, ...serve);
  await getTopology();
  await wait(TTL_MS + 500); // the store has them, and the firewall is read anew
}, 120_000);

afterAll(() => {
  cleanup();
  expect(ourRules()).toEqual([]);
  expect(spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout).not.toContain(NS);
});

describe('exposure, against connections from another namespace and from loopback', () => {
  it('each published port\'s answer matches what connects', async () => {
    const e = await exposure();
    expect(e.firewall.read).toBe(true);
    expect(e.interfaces.map((i) => i.name)).toContain(HOST_IF);
    const gw = labNet('lab-ports').gateway;
    const cases = [
      { name: ALL, hostIp: '0.0.0.0', port: 18201, outside: HOST4, loop: '127.0.0.1', scope: 'all' },
      { name: V6, hostIp: '::', port: 18202, outside: HOST6, loop: '::1', scope: 'all' },
      { name: 'tomcat01', hostIp: '127.0.0.1', port: 18080, outside: HOST4, loop: '127.0.0.1', scope: 'loopback' },
      { name: 'ports-target', hostIp: gw, port: 18090, outside: gw, loop: '127.0.0.1', scope: 'address' },
    ];
    const lines: string[] = [];
    for (const c of cases) {
      const x = e.ports.find((p) => p.containerName === c.name && p.hostPort === c.port && p.hostIp === c.hostIp);
      expect(x, `${c.name} ${c.hostIp}:${c.port} is listed`).toBeTruthy();
      expect(x!.scope).toBe(c.scope);
      const fromNs = x!.interfaces.find((i) => i.name === HOST_IF);
      const predictedOutside = fromNs?.verdict === 'open';
      const observedOutside = answers('outside', c.outside, c.port);
      const observedLoop = answers('host', c.loop, c.port);
      lines.push(`${c.name} ${c.hostIp}:${c.port}: outside predicted ${predictedOutside} observed ${observedOutside}; loopback predicted ${x!.fromLoopback} observed ${observedLoop} — ${x!.summary}`);
      expect(predictedOutside, `${c.name}: from the other namespace`).toBe(observedOutside);
      expect(x!.fromLoopback, `${c.name}: from loopback`).toBe(observedLoop);
    }
    console.log(lines.join('\n'));
    // Riskiest first: the ports open to every machine before the loopback-only one.
    const order = e.ports.map((p) => p.containerName);
    expect(order.indexOf(ALL)).toBeLessThan(order.indexOf('tomcat01'));
    const all = e.ports.find((p) => p.containerName === ALL && p.hostPort === 18201)!;
    expect(all.risk).toBe(3);
    expect(all.reasons.join('\n')).toMatch(/INPUT \(ufw, firewalld zones\) do not apply/);
    expect(all.fixes[0]!.command).toBe('docker run -p 127.0.0.1:18201:8080 …');
  });

  it('the DOCKER-USER rule it proposes drops the port from outside, and the answer names it', async () => {
    const all = (await exposure()).ports.find((p) => p.containerName === ALL && p.hostPort === 18201)!;
    const fix = all.fixes.find((f) => f.command?.includes(`-i ${HOST_IF} `));
    expect(fix?.command).toBe(`iptables -I DOCKER-USER -i ${HOST_IF} -p tcp -m conntrack --ctorigdstport 18201 --ctdir ORIGINAL -j DROP`);
    const args = fix!.command!.split(' ').slice(1);
    sh('iptables', ['-w', '5', ...args.slice(0, -2), '-m', 'comment', '--comment', TEST_COMMENT, ...args.slice(-2)]);
    try {
      await wait(TTL_MS + 100);
      const after = (await exposure()).ports.find((p) => p.containerName === ALL && p.hostPort === 18201)!;
      const there = after.interfaces.find((i) => i.name === HOST_IF)!;
      expect(there.verdict).toBe('dropped');
      expect(there.firewall!.text).toMatch(new RegExp(`^dropped by DOCKER-USER rule 1 \\(iptables filter table\\): -A DOCKER-USER -i ${HOST_IF} -p tcp -m conntrack --ctorigdstport 18201 --ctdir ORIGINAL`));
      expect(answers('outside', HOST4, 18201)).toBe(false);
      expect(after.fromLoopback).toBe(true);
      expect(answers('host', '127.0.0.1', 18201)).toBe(true);
    } finally {
      removeOurRules();
    }
    expect(ourRules()).toEqual([]);
    expect(answers('outside', HOST4, 18201)).toBe(true);
  });

  it('a container that does not exist is a 400 naming the field', async () => {
    const res = await getExposure(new Request('http://127.0.0.1/api/exposure?container=no-such-thing'));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^container: no container "no-such-thing"/);
    const bad = await getExposure(new Request('http://127.0.0.1/api/exposure?colour=red'));
    expect(bad.status).toBe(400);
  });
});
