// explainReach against reality: for pairs from the lab's scenes, what it predicts is what a
// ping from one container to the other does. (Only names predicted to resolve are tried: a
// failing lookup would be forwarded to the host's resolvers, outside this machine.)
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as getTopology } from '@/app/api/topology/route';
import { explainReach } from '@/lib/reach/explain';
import type { Topology } from '@/lib/topology/types';
import { docker } from './docker-cli';

let topo: Topology;
beforeAll(async () => {
  topo = (await (await getTopology()).json()) as Topology;
});

const id = (name: string) => topo.containers.find((c) => c.name === name)!.id;
const pings = (from: string, to: string) => {
  try {
    docker('exec', from, 'ping', '-c', '1', '-W', '1', to);
    return true;
  } catch {
    return false;
  }
};

const PAIRS: [string, string, boolean, boolean][] = [
  // from, to, expected by IP, expected by name
  ['redisinsight-redisinsight-1', 'redismod-redismod-1', false, false], // seed 1: two compose projects
  ['tomcat01', 'tomcat02', true, false], // default bridge: IP only
  ['tomcat03', 'tomcat02', true, true], // --link
  ['tomcat02', 'tomcat03', true, false], // the link is one way
  ['tomcat-net-01', 'tomcat-net-02', true, true], // user-defined network: DNS
  ['tomcat01', 'tomcat-net-01', true, true], // joined mynet later
  ['isolated-job', 'tomcat01', false, false], // --network none
  ['host-agent', 'tomcat01', true, false], // --network host
  ['internal-app', 'internal-db', true, true], // internal network members
  ['tomcat-net-01-sidecar', 'tomcat-net-02', true, true], // container:tomcat-net-01
  ['redis-1', 'redis-3', false, false], // stopped node
  ['redismod-local-net', 'tomcat01', false, false], // different bridges
  ['tomcat02', 'internal-db', false, false], // internal network from outside
];

describe('explainReach', () => {
  it.each(PAIRS)('%s -> %s', (from, to, ip, name) => {
    const v = explainReach(topo, id(from), id(to));
    expect(v.byIp, v.summary).toBe(ip);
    expect(v.byName, v.summary).toBe(name);
    expect(v.summary.length).toBeGreaterThan(0);
    if (!ip) expect(v.fixes.length, 'a way out is offered').toBeGreaterThan(0);
    // Reality: every address it calls reachable answers a ping; when it says unreachable, none does.
    const target = topo.endpoints.filter((e) => e.containerId === id(to) || e.containerId === topo.containers.find((c) => c.name === to)!.sharesNetworkWith);
    if (ip) {
      expect(v.addresses.length, 'a reachable target has an address to reach').toBeGreaterThan(0);
      for (const a of v.addresses) expect(pings(from, a.ip), `${from} ping ${a.ip}`).toBe(true);
    } else {
      // Every address the target has or keeps (a stopped container keeps its --ip): none answers.
      const tried = [...new Set(target.flatMap((e) => [e.ipv4, e.staticIpv4]).filter((a): a is string => !!a))];
      expect(tried.length, `${to} has an address to try`).toBeGreaterThan(0);
      for (const a of tried) expect(pings(from, a), `${from} ping ${a}`).toBe(false);
    }
    if (name) {
      expect(v.names.length, 'a name it resolves by is given').toBeGreaterThan(0);
      for (const n of v.names.slice(0, 2)) expect(pings(from, n), `${from} ping ${n}`).toBe(true);
    }
  });

  it('explains the seed article\'s 127.0.0.1 confusion and offers the fix', () => {
    const v = explainReach(topo, id('redisinsight-redisinsight-1'), id('redismod-redismod-1'));
    expect(v.reasons.join('\n')).toMatch(/127\.0\.0\.1:16379 only: inside redisinsight-redisinsight-1, 127\.0\.0\.1 is redisinsight-redisinsight-1 itself/);
    expect(v.fixes[0]).toMatchObject({ command: 'docker network connect redismod_default redisinsight-redisinsight-1' });
  });
});
