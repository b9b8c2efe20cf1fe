/**
 * Reads what the traffic layer is made of, from the host: each network namespace's socket
 * tables (/proc/<pid>/net/{tcp,tcp6,udp,udp6}), which container's processes hold which socket
 * where a namespace is shared, the host's connection tracking (/proc/net/nf_conntrack) and its
 * addresses. Plain data out (./proc-net-sockets and ./conntrack parse; lib/traffic says what it
 * means). Needs root beside a local engine; what it cannot read is said, never thrown.
 */
import 'server-only';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { parseConntrack, type ConntrackEntry } from './conntrack';
import { DEFAULT_PATHS, type HostPaths } from './links';
import { parseNamespace, type NamespaceSockets } from './proc-net-sockets';

export type SocketsResult = { ok: true; sockets: NamespaceSockets } | { ok: false; reason: string };

function whyNot(err: unknown, pid: number, what: string): string {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? `no process ${pid} on this machine (it stopped, or the engine is on another host)`
    : code === 'EACCES' || code === 'EPERM' ? `no permission to read /proc/${pid}/${what} (Switchyard needs root for that)`
      : `/proc/${pid}/${what} could not be read (${code ?? String(err)})`;
}

/** The sockets of the network namespace `pid` is in. */
export async function readNamespaceSockets(pid: number, paths: HostPaths = DEFAULT_PATHS): Promise<SocketsResult> {
  if (!(pid > 0)) return { ok: false, reason: `it has no process to read sockets from (pid ${pid})` };
  const dir = join(paths.proc, String(pid), 'net');
  try {
    // tcp first: a process gone makes it fail, so nothing half-read is returned.
    const tcp = await readFile(join(dir, 'tcp'), 'latin1');
    const opt = (f: string) => readFile(join(dir, f), 'latin1').catch(() => '');
    const [tcp6, udp, udp6] = await Promise.all([opt('tcp6'), opt('udp'), opt('udp6')]);
    return { ok: true, sockets: parseNamespace({ tcp, tcp6, udp, udp6 }) };
  } catch (err) {
    return { ok: false, reason: whyNot(err, pid, 'net') };
  }
}

/** The namespace's identity ("net:[4026532…]"), or null: containers whose are equal share one. */
export async function namespaceOf(pid: number, paths: HostPaths = DEFAULT_PATHS): Promise<string | null> {
  return readlink(join(paths.proc, String(pid), 'ns/net')).catch(() => null);
}

/** A process and its descendants (a container's processes, from its init), at most `max`. */
async function processTree(pid: number, paths: HostPaths, max = 256): Promise<number[]> {
  const out: number[] = [];
  const todo = [pid];
  while (todo.length && out.length < max) {
    const p = todo.pop()!;
    out.push(p);
    const tasks = await readdir(join(paths.proc, String(p), 'task')).catch(() => [] as string[]);
    for (const t of tasks) {
      const kids = await readFile(join(paths.proc, String(p), 'task', t, 'children'), 'latin1').catch(() => '');
      for (const k of kids.split(/\s+/)) if (k) todo.push(Number(k));
    }
  }
  return out;
}

/** Socket inode -> container id, from the open files of each container's processes. */
export async function socketOwners(containers: readonly { id: string; pid: number }[], paths: HostPaths = DEFAULT_PATHS): Promise<Map<number, string>> {
  const owners = new Map<number, string>();
  for (const c of containers) {
    for (const p of await processTree(c.pid, paths)) {
      const fdDir = join(paths.proc, String(p), 'fd');
      const fds = await readdir(fdDir).catch(() => [] as string[]);
      await Promise.all(fds.map(async (fd) => {
        const link = await readlink(join(fdDir, fd)).catch(() => '');
        const m = /^socket:\[(\d+)\]$/.exec(link);
        if (m) owners.set(Number(m[1]), c.id);
      }));
    }
  }
  return owners;
}

/** More entries than this and the table is not read (its text would be megabytes every interval). */
export const CONNTRACK_MAX = 50_000;

export type ConntrackResult = { ok: true; entries: ConntrackEntry[]; bytes: boolean; reason?: string } | { ok: false; reason: string };

/** The host's connection tracking table, and whether it counts bytes. */
export async function readConntrack(paths: HostPaths = DEFAULT_PATHS): Promise<ConntrackResult> {
  const sys = (f: string) => readFile(join(paths.proc, 'sys/net/netfilter', f), 'latin1').then((s) => s.trim()).catch(() => null);
  const [count, acct] = await Promise.all([sys('nf_conntrack_count'), sys('nf_conntrack_acct')]);
  if (count !== null && Number(count) > CONNTRACK_MAX) return { ok: false, reason: `the host tracks ${count} connections, more than Switchyard reads every interval (${CONNTRACK_MAX}): no refused attempts or bytes` };
  let text: string;
  try {
    text = await readFile(join(paths.proc, 'net/nf_conntrack'), 'latin1');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'the host has no /proc/net/nf_conntrack (connection tracking is not loaded, or not shown in /proc): no refused attempts or bytes' : `/proc/net/nf_conntrack could not be read (${code ?? String(err)}): no refused attempts or bytes` };
  }
  const bytes = acct === '1';
  return { ok: true, entries: parseConntrack(text), bytes, reason: bytes ? undefined : 'connection tracking does not count bytes here (net.netfilter.nf_conntrack_acct is 0; `sysctl -w net.netfilter.nf_conntrack_acct=1` turns it on): connection counts only' };
}

/** This machine's own addresses (Switchyard runs beside the engine: the host's). */
export function hostAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((a) => a.address.replace(/%.*$/, '')));
}
