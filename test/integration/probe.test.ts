// "Test now" (POST /api/reachability/test) on the lab: what it observes from inside A agrees
// with the prediction, through the engine's exec API where A's image has the tools, and from
// the host inside A's namespace where it has none (ports-bare) or A is on the host's stack.
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as probe } from '@/app/api/reachability/test/route';
import { GET as getTopology } from '@/app/api/topology/route';
import type { ProbeResult } from '@/lib/reach/probe';
import { labNet } from '../helpers/lab-nets';

beforeAll(async () => {
  await getTopology(); // the store is live
});

async function testNow(from: string, to: string, port?: number): Promise<ProbeResult> {
  const res = await probe(new Request('http://127.0.0.1/api/reachability/test', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from, to, ...(port ? { port } : {}) }),
  }));
  expect(res.status, `${from} -> ${to}`).toBe(200);
  return (await res.json()) as ProbeResult;
}

const PAIRS: [string, string, number | undefined, 'exec' | 'host'][] = [
  ['ports-client', 'ports-target', undefined, 'exec'], // 8080 open, 6379 on 127.0.0.1 only
  ['ports-client', 'ports-target', 6379, 'exec'],
  ['ports-bare', 'ports-target', undefined, 'host'], // no ping, nslookup or nc in its image
  ['ports-bare', 'ports-client', 7000, 'host'],
  ['ports-bare', 'redismod-redismod-1', 6379, 'host'], // other network: nothing
  ['redisinsight-redisinsight-1', 'redismod-redismod-1', 6379, 'exec'], // the seed
  ['redisinsight-redisinsight-1', 'ports-target', 8080, 'exec'], // through the host's published port
  ['tomcat03', 'tomcat02', 8080, 'exec'], // --link
  ['tomcat01', 'tomcat-net-02', 8080, 'exec'],
  ['tomcat-net-01-sidecar', 'tomcat-net-01', 8080, 'exec'], // a shared namespace: localhost
  ['host-agent', 'ports-target', undefined, 'host'], // A on the host's stack
  ['internal-app', 'internal-db', 5432, 'exec'],
  ['isolated-job', 'tomcat01', 8080, 'exec'],
  ['redis-1', 'redis-3', 6379, 'exec'], // a stopped target
];

describe('Test now', () => {
  it.each(PAIRS)('%s -> %s (port %s) agrees with the prediction, via %s', async (from, to, port, via) => {
    const r = await testNow(from, to, port);
    const lines = r.checks.map((c) => `${c.agrees === false ? 'DISAGREES' : c.agrees === null ? 'not tried' : 'agrees   '} ${c.kind} ${c.target}: predicted ${c.predicted}, observed ${c.observed} (${c.detail})`);
    console.log(`${from} -> ${to} via ${r.via} in ${r.ms} ms: ${r.how}\n  ${lines.join('\n  ')}`);
    expect(r.via, r.how).toBe(via);
    expect(r.checks.length, 'something was tried').toBeGreaterThan(0);
    expect(r.checks.filter((c) => c.observed === null), 'every check was tried').toEqual([]);
    expect(r.checks.filter((c) => c.agrees === false), 'observations agree with the prediction').toEqual([]);
    expect(r.disagreements).toBe(0);
    if (port) expect(r.checks.some((c) => c.kind === 'tcp' && c.port === port), `port ${port} was tried`).toBe(true);
    expect(r.ms).toBeLessThan(30_000);
  });

  it('observes the difference the prediction draws: open on 0.0.0.0:8080, closed on 127.0.0.1:6379', async () => {
    for (const from of ['ports-client', 'ports-bare']) {
      const r = await testNow(from, 'ports-target');
      const target = labNet('lab-ports').addressOf('ports-target');
      const at = (port: number) => r.checks.find((c) => c.kind === 'tcp' && c.target === `${target}:${port}`);
      expect(at(8080)).toMatchObject({ observed: true, predicted: true });
      expect(at(6379)).toMatchObject({ observed: false, predicted: false });
      expect(at(6379)!.detail).toMatch(/refused/);
    }
  });

  it('says why it cannot test from a stopped container', async () => {
    const r = await testNow('redis-3', 'redis-1');
    expect(r.via).toBeNull();
    expect(r.how).toMatch(/redis-3 is exited/);
    expect(r.checks).toEqual([]);
  });
});
