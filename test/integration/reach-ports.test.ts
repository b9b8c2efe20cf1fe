// GET /api/reachability against real traffic: for every ordered pair of the lab containers
// below, the predicted by-IP, by-name and per-port verdicts are compared with what ping, a
// name lookup and an HTTP GET over nc (every lab listener is busybox httpd) do from inside A.
// Every address tried is one of B's own (or the host's bridge address where B publishes or
// lives on the host); the lab runs its containers with
// --dns 127.0.0.1, so a name Docker does not know fails inside the container instead of
// going to the host's resolvers. Prints every pair and every mismatch; a mismatch fails.
import pLimit from 'p-limit';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as getTopology } from '@/app/api/topology/route';
import type { Topology } from '@/lib/topology/types';
import { checkPair, reach } from '../helpers/reach-check';
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

const check = (from: string, to: string) => checkPair(topo, from, to, { asked: ASKED, hostPorts: HOST_PORTS });

describe('reachability by port, against real traffic', () => {
  it('matches ping, name lookups and nc from inside A for every pair', async () => {
    const pairs = FROM.flatMap((f) => TO.filter((t) => t !== f).map((t) => [f, t] as const));
    expect(pairs.length).toBeGreaterThanOrEqual(60);
    const limit = pLimit(10);
    const results = await Promise.all(pairs.map(([f, t]) => limit(() => check(f, t))));
    const lines = results.map((x) => `${x.mismatches.length ? 'MISMATCH' : 'ok      '} ${x.pair} (${x.checks} checks)${x.mismatches.map((m) => `\n           ${m}`).join('')}`);
    console.log(`reachability pairs: ${results.length}, checks: ${results.reduce((s, x) => s + x.checks, 0)}, mismatches: ${results.filter((x) => x.mismatches.length).length}\n${lines.join('\n')}`);
    expect(results.filter((x) => x.mismatches.length).map((x) => `${x.pair}: ${x.mismatches.join('; ')}`)).toEqual([]);
    expect(results.filter((x) => x.undecided).map((x) => x.pair)).toEqual([]); // no firewall rule of ours in place
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
