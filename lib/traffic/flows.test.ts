import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConntrack, parseConntrackEvent } from '@/lib/host/conntrack';
import { parseNamespace } from '@/lib/host/proc-net-sockets';
import type { Topology } from '@/lib/topology/types';
import { buildFlows, type NamespaceRead } from './flows';

const dir = join(__dirname, 'fixtures');
const read = (f: string) => readFileSync(join(dir, f), 'latin1');
const topo = JSON.parse(read('topology.json')) as Pick<Topology, 'containers' | 'endpoints' | 'networks'>;
const ctr = (name: string) => topo.containers.find((c) => c.name === name)!;
const NAMES = ['traffic-server', 'traffic-holder', 'traffic-holder6', 'traffic-poller', 'traffic-lost', 'traffic-knocker'];
const ns = (name: string): NamespaceRead => ({
  containerIds: [ctr(name).id],
  read: parseNamespace({ tcp: read(`${name}.tcp.txt`), tcp6: read(`${name}.tcp6.txt`), udp: read(`${name}.udp.txt`), udp6: read(`${name}.udp6.txt`) }),
});
const refusals = read('conntrack-events.txt').split('\n').map(parseConntrackEvent).filter((e) => e !== null).map((e) => e.entry);
const table = parseConntrack(read('nf_conntrack.txt'));
const gw = topo.networks.flatMap((n) => n.subnets.map((s) => s.gateway)).filter((g): g is string => !!g);

function flows(opts: { only?: string[]; conntrack?: boolean } = {}) {
  return buildFlows({ topology: topo, namespaces: (opts.only ?? NAMES).map(ns), hostAddresses: ['127.0.0.1', ...gw], conntrack: opts.conntrack === false ? null : [...table, ...refusals] });
}
const between = (fs: ReturnType<typeof flows>, client: string, server: string, port: number) => fs.find((f) => f.client.name === client && f.server.name === server && f.server.port === port);

describe('buildFlows on the traffic scenario (Engine 20.10.24)', () => {
  it('finds the long-lived connections once each, over IPv4 and IPv6, from both ends', () => {
    const fs = flows();
    const v4 = between(fs, 'traffic-holder', 'traffic-server', 7000)!;
    expect(v4).toMatchObject({ state: 'open', connections: 1, via: 'network', protocol: 'tcp', seenFrom: ['client', 'server'] });
    expect(v4.networkId).toBe(topo.endpoints.find((e) => e.containerId === ctr('traffic-server').id)!.networkId);
    const v6 = between(fs, 'traffic-holder6', 'traffic-server', 7000)!;
    expect(v6).toMatchObject({ state: 'open', connections: 1 });
    expect(v6.client.address).toMatch(/^fd00:5a:77::/);
  });

  it('takes the server side alone when only it is read, and the client side alone', () => {
    expect(between(flows({ only: ['traffic-server'] }), 'traffic-holder', 'traffic-server', 7000)).toMatchObject({ connections: 1, seenFrom: ['server'] });
    expect(between(flows({ only: ['traffic-holder'], conntrack: false }), 'traffic-holder', 'traffic-server', 7000)).toMatchObject({ connections: 1, seenFrom: ['client'] });
  });

  it('says a client on another network gets no answer, why, and the fix', () => {
    const lost = between(flows(), 'traffic-lost', 'traffic-server', 7000)!;
    expect(lost).toMatchObject({ state: 'no-answer', connections: 0, attempts: 1 });
    expect(lost.reason!.summary).toMatch(/^traffic-lost keeps trying traffic-server:7000 and gets no answer: /);
    expect(lost.reason!.fix!.command).toBe('docker network connect lab-traffic traffic-lost');
  });

  it('counts refused attempts from connection tracking, and says nothing listens', () => {
    const k = between(flows(), 'traffic-knocker', 'traffic-server', 6379)!;
    expect(k).toMatchObject({ state: 'refused', seenFrom: ['conntrack'], connections: 0 });
    expect(k.attempts).toBe(refusals.filter((r) => r.orig.dport === 6379).length);
    expect(k.reason!.summary).toBe('traffic-knocker keeps trying traffic-server:6379: nothing in traffic-server listens on port 6379');
    expect(between(flows({ conntrack: false }), 'traffic-knocker', 'traffic-server', 6379)).toBeUndefined();
  });

  it('shows the host through the published port, and short requests as closed connections', () => {
    const fs = flows();
    const host = fs.find((f) => f.client.name === 'host' && f.server.name === 'traffic-server')!;
    expect(host).toMatchObject({ via: 'published-port', server: { containerPort: 8080, port: 8080 }, client: { containerId: null } });
    const poll = fs.filter((f) => f.client.name === 'traffic-poller' && f.server.name === 'traffic-server');
    expect(poll.reduce((n, f) => n + f.closed + f.connections, 0)).toBeGreaterThan(0);
  });

  it('carries byte counters from the accounting, only for connections it tracked', () => {
    const v4 = between(flows(), 'traffic-holder', 'traffic-server', 7000)!;
    expect([...v4.bytes.values()].every((b) => b !== null && b > 0)).toBe(true);
    const v6 = between(flows(), 'traffic-holder6', 'traffic-server', 7000)!;
    expect([...v6.bytes.values()]).toEqual([null]); // bridged IPv6 is not tracked on this host
  });

  it('lists nothing for a namespace it could not read, and is sorted by id', () => {
    const fs = buildFlows({ topology: topo, namespaces: [{ containerIds: [ctr('traffic-server').id], read: { error: 'gone' } }], hostAddresses: [], conntrack: null });
    expect(fs).toEqual([]);
    const ids = flows().map((f) => f.id);
    expect(ids).toEqual([...ids].sort());
  });
});

describe('a shared namespace', () => {
  it('tells its containers apart by who holds each socket', () => {
    const server = ctr('traffic-server');
    const sidecar = { ...ctr('traffic-poller'), id: 'sidecar', name: 'sidecar', sharesNetworkWith: server.id, networkMode: `container:${server.id}` };
    const t = { ...topo, containers: [...topo.containers, sidecar] };
    const tcp = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:1B58 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 111 1 0 100 0 0 10 0',
      '   1: 0100007F:D431 0100007F:1B58 01 00000000:00000000 00:00000000 00000000     0        0 222 1 0 100 0 0 10 0',
      '   2: 0100007F:1B58 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 333 1 0 100 0 0 10 0',
    ].join('\n');
    const shared: NamespaceRead = { containerIds: [server.id, 'sidecar'], read: parseNamespace({ tcp, tcp6: '', udp: '', udp6: '' }), owners: new Map([[111, server.id], [333, server.id], [222, 'sidecar']]) };
    const fs = buildFlows({ topology: t, namespaces: [shared], hostAddresses: [], conntrack: null });
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ via: 'namespace', networkId: null, client: { name: 'sidecar' }, server: { name: 'traffic-server', port: 7000 }, connections: 1 });
    // Holders unknown: nothing is guessed.
    expect(buildFlows({ topology: t, namespaces: [{ ...shared, owners: new Map() }], hostAddresses: [], conntrack: null })).toEqual([]);
  });
});
