// GET /api/traffic against ground truth taken independently: `ss -tanH` run in each lab
// container's network namespace with nsenter, addresses mapped to containers with `docker
// inspect`, and the traffic scenario's own shape (scripts/lab.sh traffic up: a long-lived
// connection over IPv4 and one over IPv6, short requests every second, a client that keeps
// failing across isolated networks, requests from the host through a published port).
// Prints the pairs checked and every mismatch; a mismatch fails.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getTraffic } from '@/app/api/traffic/route';
import { GET as getHistory } from '@/app/api/traffic/history/route';
import { GET as getEvents } from '@/app/api/events/route';
import type { Flow, Traffic } from '@/lib/schemas/traffic';
import { DOCKER, docker, dockerJson } from './docker-cli';
import { until } from '../helpers/until';

const INTERVAL = 1000;

async function traffic(query = ''): Promise<Traffic> {
  const res = await getTraffic(new Request(`http://127.0.0.1/api/traffic?interval=${INTERVAL}${query}`));
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Traffic;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- docker inspect output is untyped JSON */
interface Inspected { id: string; name: string; pid: number; mode: string; addrs: Map<string, string> }
function inspectAll(): Inspected[] {
  const ids = docker('ps', '-q').split('\n').filter(Boolean);
  return dockerJson<any[]>('inspect', ...ids).map((c) => ({
    id: c.Id, name: String(c.Name).slice(1), pid: c.State.Pid, mode: String(c.HostConfig.NetworkMode),
    addrs: new Map(Object.values<any>(c.NetworkSettings.Networks).flatMap((n): [string, string][] => [[n.IPAddress, n.NetworkID], [n.GlobalIPv6Address, n.NetworkID]]).filter(([a]) => a)),
  }));
}
/* eslint-enable @typescript-eslint/no-explicit-any */

interface Row { state: string; local: [string, number]; remote: [string, number] }
/** `ss -tanH` in a container's namespace: its TCP rows, addresses without brackets or ::ffff:. */
function ss(pid: number): Row[] {
  const out = execFileSync('nsenter', ['-t', String(pid), '-n', 'ss', '-tanH'], { encoding: 'utf8' });
  const end = (s: string): [string, number] => {
    const i = s.lastIndexOf(':');
    return [s.slice(0, i).replace(/^\[|\]$/g, '').replace(/^::ffff:/, ''), Number(s.slice(i + 1))];
  };
  return out.split('\n').filter(Boolean).map((l) => l.trim().split(/\s+/)).map((c) => ({ state: c[0]!, local: end(c[3]!), remote: end(c[4]!) }));
}

interface Truth { key: string; client: string; server: string; port: number; network: string; state: 'ESTAB' | 'SYN-SENT' }

/** Every client-side ESTAB and SYN-SENT row between two containers, from ss and docker inspect alone. */
function groundTruth(all: Inspected[]): Truth[] {
  const byAddr = new Map<string, { c: Inspected; net: string }>();
  for (const c of all) for (const [a, net] of c.addrs) byAddr.set(a, { c, net });
  const out: Truth[] = [];
  for (const c of all) {
    if (c.mode === 'host' || c.mode.startsWith('container:') || !(c.pid > 0)) continue;
    const rows = ss(c.pid);
    const listening = new Set(rows.filter((r) => r.state === 'LISTEN').map((r) => r.local[1]));
    for (const r of rows) {
      if ((r.state !== 'ESTAB' && r.state !== 'SYN-SENT') || listening.has(r.local[1])) continue;
      const peer = byAddr.get(r.remote[0]);
      if (!peer) continue;
      out.push({ key: `${c.name} -> ${peer.c.name}:${r.remote[1]}`, client: c.id, server: peer.c.id, port: r.remote[1], network: peer.net, state: r.state });
    }
  }
  return out;
}

const find = (t: Traffic, client: string, server: string, port: number) =>
  t.flows.find((f) => f.client.name === client && f.server.name === server && f.server.port === port);

// One traffic scenario for the whole file: made once, removed at the end.
beforeAll(() => {
  execFileSync('bash', ['scripts/lab.sh', 'traffic', 'up'], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 120_000 });
}, 180_000);
afterAll(() => {
  execFileSync('bash', ['scripts/lab.sh', 'traffic', 'down'], { stdio: 'ignore', timeout: 120_000 });
}, 180_000);

describe('GET /api/traffic against ss in every namespace', () => {
  it('lists every connection and failing attempt ss shows, with client, server, port and network, within two intervals', async () => {
    // The scenario's connections are made in its first second or two.
    await until('the long-lived connections', async () => { const t = await traffic(); return find(t, 'traffic-holder', 'traffic-server', 7000)?.state === 'open' && find(t, 'traffic-holder6', 'traffic-server', 7000)?.state === 'open'; }, 20_000, 500);
    const mismatches: string[] = [];
    let checked = 0;
    for (let round = 0; round < 3; round++) {
      const truth = groundTruth(inspectAll());
      const t0 = Date.now();
      // Within two intervals: the first read at or after the truth was taken, or the one after.
      const reads = [await traffic(), await new Promise<Traffic>((r) => setTimeout(() => void traffic().then(r), INTERVAL + 100))];
      for (const g of truth) {
        checked++;
        const ok = reads.some((t) => t.flows.some((f) => f.client.containerId === g.client && f.server.containerId === g.server && f.server.port === g.port && f.networkId === g.network
          && (g.state === 'ESTAB' ? f.state === 'open' || f.state === 'closed' : f.attempts > 0)));
        // A short request's connection can be gone by the next read; a long-lived one and an attempt must be there.
        const shortLived = g.port === 8080;
        if (!ok && !shortLived) mismatches.push(`round ${round}: ss shows ${g.key} (${g.state}) on ${g.network.slice(0, 12)}; the API does not`);
      }
      // Nothing listed that does not exist: every open or failing flow between containers is in ss (now or just before).
      const after = groundTruth(inspectAll());
      for (const f of reads[0]!.flows) {
        if (!f.client.containerId || !f.server.containerId || (f.state !== 'open' && f.state !== 'no-answer') || f.server.port === 8080) continue;
        checked++;
        const seen = [...truth, ...after].some((g) => g.client === f.client.containerId && g.server === f.server.containerId && g.port === f.server.port);
        if (!seen) mismatches.push(`round ${round}: the API lists ${f.client.name} -> ${f.server.name}:${f.server.port} (${f.state}); ss shows no such connection`);
      }
      expect(Date.now() - t0).toBeLessThan(15_000);
    }
    console.log(`traffic vs ss: ${checked} pairs checked, ${mismatches.length} mismatches${mismatches.length ? `\n  ${mismatches.join('\n  ')}` : ''}`);
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(6);
  });

  it('names the failing client, its reason and the fix', async () => {
    const t = await until('the failing attempt', async () => { const x = await traffic(); const f = find(x, 'traffic-lost', 'traffic-server', 7000); return f?.state === 'no-answer' ? f : null; }, 20_000, 500);
    const server = inspectAll().find((c) => c.name === 'traffic-server')!;
    expect(t.networkId).toBe([...server.addrs.values()][0]);
    expect(t.via).toBe('network');
    expect(t.reason?.summary).toMatch(/^traffic-lost keeps trying traffic-server:7000 and gets no answer: .*traffic-server/);
    expect(t.reason?.fix?.command).toMatch(/^docker network connect lab-traffic traffic-lost$/);
  });

  it('shows the host reaching traffic-server through its published port, and IPv6', async () => {
    const t = await until('the host client', async () => { const x = await traffic(); return x.flows.find((f) => f.client.name === 'host' && f.server.name === 'traffic-server' && f.via === 'published-port') ? x : null; }, 20_000, 500);
    const pub = t.flows.find((f) => f.client.name === 'host' && f.server.name === 'traffic-server' && f.via === 'published-port')!;
    expect(pub.server.containerPort).toBe(8080);
    expect(pub.client.containerId).toBeNull();
    const v6 = find(t, 'traffic-holder6', 'traffic-server', 7000)!;
    expect(v6.client.address).toContain(':');
    expect(v6.connections).toBe(1);
    const poller = t.flows.filter((f) => f.client.name === 'traffic-poller' && f.server.name === 'traffic-server' && f.server.port === 8080);
    expect(poller.reduce((n, f) => n + f.connections + f.closed, 0)).toBeGreaterThan(0);
  });

  // A rate needs two readings of the counters; under a full run's load the reading interval is
  // stretched (SWITCHYARD_TRAFFIC_CPU), so the first rate can take longer than 20 s (seen twice).
  it('counts bytes from connection tracking where it is on, and keeps history', async () => {
    const acct = execFileSync('cat', ['/proc/sys/net/netfilter/nf_conntrack_acct'], { encoding: 'utf8' }).trim();
    const t = await until('a rate', async () => { const x = await traffic(); const f = find(x, 'traffic-holder', 'traffic-server', 7000); return f && (acct !== '1' || (f.bytesPerSecond ?? 0) > 0) ? x : null; }, 45_000, 600);
    const f = find(t, 'traffic-holder', 'traffic-server', 7000)!;
    if (acct === '1') {
      expect(t.basis).toBe('sockets+conntrack');
      // One line of 5 bytes a second each way, with TCP/IP headers: well under a kilobyte a second.
      expect(f.bytesPerSecond).toBeGreaterThan(0);
      expect(f.bytesPerSecond).toBeLessThan(2000);
    } else {
      expect(f.bytesPerSecond).toBeNull();
      expect(t.reason).toMatch(/nf_conntrack_acct/);
    }
    const res = await getHistory(new Request(`http://127.0.0.1/api/traffic/history?flow=${encodeURIComponent(f.id)}`));
    expect(res.status).toBe(200);
    const h = (await res.json()) as { points: { connections: number }[] };
    expect(h.points).toHaveLength(90);
    expect(h.points.at(-1)!.connections).toBe(1);
  });

  it('a connection that closes is gone within two intervals; a container stopping mid-read never fails the answer', async () => {
    expect(find(await traffic(), 'traffic-holder6', 'traffic-server', 7000)?.connections).toBe(1);
    const stopping = new Promise<void>((resolve) => { docker('kill', 'traffic-holder6'); resolve(); });
    const during = await Promise.all([traffic(), stopping.then(() => traffic())]);
    for (const t of during) expect(t.basis).not.toBe('none');
    const stopped = Date.now();
    await until('the closed connection gone', async () => (find(await traffic(), 'traffic-holder6', 'traffic-server', 7000)?.connections ?? 0) === 0, 10_000, 200);
    const took = Date.now() - stopped;
    console.log(`traffic: a closed connection left the API after ${took} ms (interval ${INTERVAL} ms)`);
    expect(took).toBeLessThan(2 * INTERVAL + 500);
    docker('start', 'traffic-holder6');
  });

  it('refuses bad input with a 400 naming the field, and filters by container and network', async () => {
    for (const [q, field] of [['interval=5', 'interval'], ['container=no-such-container', 'container'], ['network=no-such-net', 'network'], ['flows=1', 'flows']] as const) {
      const res = await getTraffic(new Request(`http://127.0.0.1/api/traffic?${q}`));
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message, q).toContain(field);
    }
    // The event stream's traffic parameter is checked the same way, before any stream opens.
    const ev = await getEvents(new Request('http://127.0.0.1/api/events?traffic=soon'));
    expect(ev.status).toBe(400);
    expect(((await ev.json()) as { error: { message: string } }).error.message).toBe('traffic "soon" is not a reading interval');
    const t = await traffic('&container=traffic-lost');
    expect(t.flows.length).toBeGreaterThan(0);
    expect(t.flows.every((f: Flow) => f.client.name === 'traffic-lost' || f.server.name === 'traffic-lost')).toBe(true);
    const net = inspectAll().find((c) => c.name === 'traffic-server')!.addrs.values().next().value;
    const n = await traffic('&network=lab-traffic');
    expect(n.flows.length).toBeGreaterThan(2);
    expect(n.flows.every((f: Flow) => f.networkId === net)).toBe(true);
  });
});

describe('refused attempts, from connection tracking as they happen', () => {
  it('shows traffic-knocker refused on traffic-server:6379, as its own log says', async () => {
    const logs = () => execFileSync('sh', ['-c', `"$0" logs traffic-knocker 2>&1`, DOCKER], { encoding: 'utf8' });
    const f = await until('the refused flow', async () => { const x = await traffic(); const y = find(x, 'traffic-knocker', 'traffic-server', 6379); return y?.state === 'refused' && y.reason?.summary.includes('nothing in') ? y : null; }, 20_000, 500);
    expect(logs()).toMatch(/Connection refused/);
    expect(f.seenFrom).toEqual(['conntrack']);
    expect(f.attempts).toBeGreaterThan(0);
    expect(f.connections).toBe(0);
    expect(f.reason?.summary, JSON.stringify(f)).toBe('traffic-knocker keeps trying traffic-server:6379: nothing in traffic-server listens on port 6379');
  });
});
