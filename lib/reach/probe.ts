/**
 * "Test now": try what the prediction says, for real, from inside A's network namespace, and
 * put the observation beside the prediction. Through the engine's exec API where A's image has
 * ping, nslookup and nc; otherwise from the host, entering A's namespace (nsenter, so no tool
 * is needed in A), where Switchyard runs as root beside a local engine; otherwise it says why
 * it cannot. Bounded in time. Connections and pings go only to B's own addresses (or the
 * host's address where B publishes a port or lives on the host's stack); a name is resolved
 * first and tried only if it resolves to one of those.
 */
import { hostPortText } from '@/lib/net/cidr';
import 'server-only';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import pLimit from 'p-limit';
import { isLocalEndpoint } from '@/lib/docker/endpoint';
import { execIn, readFileIn } from '@/lib/docker/exec';
import { done, type Outcome } from '@/lib/rewire/refusal';
import type { TopologyStore } from '@/lib/store/topology-store';
import type { Topology, TopoContainer } from '@/lib/topology/types';
import { nslookupAddresses } from './nslookup';
import { PROBE_SCRIPT, type ProbeInput, type ProbeOutput } from './probe-script';
import type { Reachability } from './reachability';
import { predict } from './service';

/** Each check waits at most this long for its answer. */
export const CHECK_TIMEOUT_MS = 2_000;
/** At most this many ports are tried in one test. */
const MAX_PORTS = 6;
const RUNNING = new Set(['running', 'paused', 'restarting']);

export interface ProbeCheck {
  kind: 'icmp' | 'dns' | 'tcp';
  /** What was tried: an address, a name, or address:port. */
  target: string;
  port: number | null;
  predicted: boolean | null;
  /** null: not tried (and `detail` says why). */
  observed: boolean | null;
  agrees: boolean | null;
  detail: string;
}

export interface ProbeResult {
  from: { id: string; name: string };
  to: { id: string; name: string };
  /** How it was tried: inside A through the engine's exec API, or from the host in A's namespace; null if it could not be. */
  via: 'exec' | 'host' | null;
  /** How it tested, or why it could not. */
  how: string;
  checks: ProbeCheck[];
  disagreements: number;
  ms: number;
  prediction: Reachability;
}

interface Plan {
  icmp: { address: string; predicted: boolean | null }[];
  dns: { name: string; predicted: boolean | null }[];
  tcp: { address: string; port: number; servicePort: number; predicted: boolean | null }[];
  /** Addresses a resolved name may be tried at. */
  allowed: Set<string>;
}

/** What to try, and what the prediction says of each. */
export function plan(t: Pick<Topology, 'containers' | 'endpoints'>, a: TopoContainer, b: TopoContainer, r: Reachability): Plan {
  const owner = (c: TopoContainer) => (c.sharesNetworkWith && t.containers.find((x) => x.id === c.sharesNetworkWith)) || c;
  const ea = owner(a);
  const eb = owner(b);
  const shared = ea.id === eb.id;
  const own = t.endpoints.filter((e) => e.containerId === eb.id).flatMap((e) => [e.ipv4, e.staticIpv4]).filter((x): x is string => !!x);
  const gateways = t.endpoints.filter((e) => e.containerId === ea.id).map((e) => e.gateway).filter((x): x is string => !!x);
  const addresses = [...new Set(shared ? ['127.0.0.1'] : eb.networkMode === 'host' ? gateways : own)];
  const direct = r.paths.filter((p) => p.kind !== 'published' && p.kind !== 'link');
  const reached = new Set(direct.filter((p) => !p.firewall || p.firewall.verdict === 'accept').map((p) => p.address));
  const unsure = new Set(direct.filter((p) => p.firewall?.verdict === 'unknown').map((p) => p.address));
  const icmp = addresses.map((address) => ({ address, predicted: unsure.has(address) ? null : reached.has(address) || (shared && r.byIp) }));
  const names = ea.networkMode === 'host' ? [] : [...new Set([b.name, ...r.names, ...t.endpoints.filter((e) => e.containerId === b.id).flatMap((e) => [...e.aliases, ...e.dnsNames])])].filter((n) => n !== 'localhost');
  const dns = names.map((name) => ({ name, predicted: r.undecided && !r.byIp && r.names.includes(name) ? null : r.byName && r.names.includes(name) }));
  const tcp: Plan['tcp'] = [];
  for (const p of r.ports.slice(0, MAX_PORTS)) {
    // A target the firewall cannot be decided for is predicted as unknown (null), never guessed.
    const unsureTcp = p.firewall.some((n) => n.verdict === 'unknown');
    const guess = (open: boolean) => (open || !unsureTcp ? open : null);
    for (const address of addresses) tcp.push({ address, port: p.port, servicePort: p.port, predicted: guess(p.targets.includes(`${address}:${p.port}`) || (shared && p.open)) });
    for (const path of r.paths.filter((x) => x.kind === 'published' && x.containerPort === p.port && x.hostPort !== null)) {
      tcp.push({ address: path.address, port: path.hostPort!, servicePort: p.port, predicted: path.firewall?.verdict === 'unknown' ? null : p.targets.includes(hostPortText(path.address, path.hostPort)) });
    }
  }
  return { icmp, dns, tcp, allowed: new Set([...addresses, ...own]) };
}

export async function testReach(store: TopologyStore, fromRef: string, toRef: string, port: number | null): Promise<Outcome<ProbeResult>> {
  const started = Date.now();
  const predicted = await predict(store, fromRef, toRef, port);
  if (!predicted.ok) return predicted;
  const { t, a, b, r: prediction } = predicted.value;
  const result = (via: ProbeResult['via'], how: string, checks: ProbeCheck[]): ProbeResult => ({
    from: prediction.from, to: prediction.to, via, how, checks,
    disagreements: checks.filter((c) => c.agrees === false).length, ms: Date.now() - started, prediction,
  });
  const ea = (a.sharesNetworkWith && t.containers.find((x) => x.id === a.sharesNetworkWith)) || a;
  if (!RUNNING.has(ea.state) || ea.state === 'paused') return done(result(null, `${ea.name} is ${ea.state}: there is no running namespace to test from`, []));
  const p = plan(t, a, b, prediction);
  const engine = await store.conn.get();
  const local = isLocalEndpoint(engine.endpoint);
  const root = typeof process.getuid === 'function' && process.getuid() === 0;

  // A on the host's stack is tested from here directly, where the engine is this machine.
  if (ea.networkMode === 'host' && local) return done(result('host', `${a.name} uses the host's network: tried from this machine's own stack`, await runOnHost(null, p)));
  const tools = await missingTools(store.conn, a.id);
  if (tools.length === 0) return done(result('exec', `tried inside ${a.name} with its own ping, nslookup and nc (docker exec)`, await runInside(store.conn, a.id, p)));
  const lacks = `${a.name}'s image has no ${tools.join(', ')}`;
  if (!local) return done(result(null, `${lacks}, and the engine is on another machine (${engine.endpoint.kind}), so its namespace cannot be entered from here`, []));
  if (!root) return done(result(null, `${lacks}, and entering its namespace from the host needs Switchyard to run as root`, []));
  if (!(ea.pid > 0)) return done(result(null, `${lacks}, and it has no process to enter`, []));
  return done(result('host', `${lacks}: tried from the host inside its network namespace (nsenter -t ${ea.pid} -n)`, await runOnHost(ea.pid, p)));
}

/** Which of ping, nslookup and nc the image lacks (each run once with --help: busybox and others print usage). */
async function missingTools(conn: Parameters<typeof execIn>[0], id: string): Promise<string[]> {
  const out: string[] = [];
  for (const tool of ['ping', 'nslookup', 'nc']) {
    const r = await execIn(conn, id, [tool, '--help'], CHECK_TIMEOUT_MS);
    if (!r.ran) out.push(tool);
  }
  return out;
}

const judge = (predicted: boolean | null, observed: boolean | null) => (observed === null || predicted === null ? null : predicted === observed);

async function runInside(conn: Parameters<typeof execIn>[0], id: string, p: Plan): Promise<ProbeCheck[]> {
  const limit = pLimit(4);
  const run = (argv: string[]) => limit(() => execIn(conn, id, argv, CHECK_TIMEOUT_MS + 2_000));
  const hosts = (await readFileIn(conn, id, '/etc/hosts')) ?? '';
  const icmp = p.icmp.map(async (c): Promise<ProbeCheck> => {
    const r = await run(['ping', '-c', '1', '-W', String(CHECK_TIMEOUT_MS / 1000), c.address]);
    const observed = r.ran ? r.exitCode === 0 : null;
    return { kind: 'icmp', target: c.address, port: null, predicted: c.predicted, observed, agrees: judge(c.predicted, observed), detail: observed ? `ping ${c.address}: reply` : `no reply to ping ${c.address}` };
  });
  const dns = p.dns.map(async (c): Promise<ProbeCheck> => {
    let addresses = hostsEntries(hosts, c.name);
    let how = addresses.length ? `${c.name} is in /etc/hosts` : '';
    if (!addresses.length) {
      const r = await run(['nslookup', c.name]);
      addresses = r.ran && r.exitCode === 0 ? nslookupAddresses(r.output) : [];
      how = addresses.length ? `${c.name} resolves` : `${c.name} does not resolve`;
    }
    return dnsCheck(c, addresses, how, p, (ip) => run(['ping', '-c', '1', '-W', String(CHECK_TIMEOUT_MS / 1000), ip]).then((r) => r.ran && r.exitCode === 0));
  });
  const tcp = p.tcp.map(async (c): Promise<ProbeCheck> => {
    const r = await run(['nc', '-w', String(CHECK_TIMEOUT_MS / 1000), c.address, String(c.port)]);
    const observed = r.ran && !r.timedOut ? r.exitCode === 0 : r.ran ? false : null;
    const why = observed ? 'connected' : /refused/i.test(r.ran ? r.output : '') ? 'connection refused' : 'no answer (dropped)';
    return { kind: 'tcp', target: `${c.address}:${c.port}`, port: c.servicePort, predicted: c.predicted, observed, agrees: judge(c.predicted, observed), detail: `${c.address}:${c.port}: ${why}` };
  });
  return Promise.all([...icmp, ...dns, ...tcp]);
}

/** A name is usable if it resolves to one of B's addresses and that address answers (tried only then). */
async function dnsCheck(c: Plan['dns'][number], addresses: string[], how: string, p: Plan, ping: (ip: string) => Promise<boolean>): Promise<ProbeCheck> {
  const mine = addresses.filter((ip) => p.allowed.has(ip) || ip.startsWith('127.'));
  let observed = false;
  let detail = addresses.length ? `${how}: ${addresses.join(', ')}` : how;
  if (addresses.length && !mine.length) detail += ' (not an address of the target: not tried)';
  else if (mine.length) {
    observed = await ping(mine[0]!);
    detail += observed ? `; ${mine[0]} answers` : `; ${mine[0]} does not answer`;
  }
  return { kind: 'dns', target: c.name, port: null, predicted: c.predicted, observed, agrees: judge(c.predicted, observed), detail };
}

async function runOnHost(pid: number | null, p: Plan): Promise<ProbeCheck[]> {
  const root = pid ? `/proc/${pid}/root` : '';
  const [hosts, resolv] = await Promise.all([readFile(`${root}/etc/hosts`, 'utf8').catch(() => ''), readFile(`${root}/etc/resolv.conf`, 'utf8').catch(() => '')]);
  const nameservers = resolv.split('\n').map((l) => /^\s*nameserver\s+(\S+)/.exec(l)?.[1]).filter((x): x is string => !!x);
  const probe = (checks: ProbeInput['checks']) => runProbe(pid, { hosts, nameservers, checks, timeoutMs: CHECK_TIMEOUT_MS });
  const first = await probe([
    ...p.icmp.map((c) => ({ kind: 'icmp' as const, address: c.address })),
    ...p.dns.map((c) => ({ kind: 'dns' as const, name: c.name })),
    ...p.tcp.map((c) => ({ kind: 'tcp' as const, address: c.address, port: c.port })),
  ]);
  const at = (i: number) => first[i] ?? { ok: false, detail: 'the probe could not run: no answer' };
  const seen = (o: ProbeOutput[number]) => (o.detail.startsWith('the probe could not run') ? null : o.ok);
  const checks: ProbeCheck[] = [];
  p.icmp.forEach((c, i) => {
    const o = at(i);
    const observed = /no ping on the host/.test(o.detail) ? null : seen(o);
    checks.push({ kind: 'icmp', target: c.address, port: null, predicted: c.predicted, observed, agrees: judge(c.predicted, observed), detail: o.detail });
  });
  const dns = await Promise.all(p.dns.map((c, i) => {
    const o = at(p.icmp.length + i);
    return dnsCheck(c, o.addresses ?? [], o.detail.replace(/ (resolves to|is in \/etc\/hosts:) .*$/, '$1').replace(/:$/, ''), p, async (ip) => (await probe([{ kind: 'icmp', address: ip }]))[0]?.ok ?? false);
  }));
  checks.push(...dns);
  p.tcp.forEach((c, i) => {
    const o = at(p.icmp.length + p.dns.length + i);
    const observed = seen(o);
    checks.push({ kind: 'tcp', target: `${c.address}:${c.port}`, port: c.servicePort, predicted: c.predicted, observed, agrees: judge(c.predicted, observed), detail: o.detail });
  });
  return checks;
}

/** Runs the probe script in `pid`'s network namespace (or here, for the host's own), bounded in time. */
function runProbe(pid: number | null, input: ProbeInput): Promise<ProbeOutput> {
  const node = process.execPath;
  const [cmd, args] = pid ? ['nsenter', ['-t', String(pid), '-n', '--', node, '-e', PROBE_SCRIPT, JSON.stringify(input)]] : [node, ['-e', PROBE_SCRIPT, JSON.stringify(input)]];
  return new Promise((resolve) => {
    execFile(cmd as string, args as string[], { timeout: 4 * CHECK_TIMEOUT_MS + 4_000, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      try {
        resolve(JSON.parse(stdout) as ProbeOutput);
      } catch {
        const why = err ? (err as NodeJS.ErrnoException).code === 'ENOENT' ? `${cmd} is not installed on the host` : String(stderr || err.message).slice(0, 200) : 'no answer';
        resolve(input.checks.map(() => ({ ok: false, detail: `the probe could not run: ${why}` })));
      }
    });
  });
}

function hostsEntries(hosts: string, name: string): string[] {
  const out: string[] = [];
  for (const line of hosts.split('\n')) {
    const cols = line.replace(/#.*/, '').trim().split(/\s+/);
    if (cols.length > 1 && cols.slice(1).includes(name) && /^\d+\.\d+\.\d+\.\d+$/.test(cols[0]!)) out.push(cols[0]!);
  }
  return out;
}
