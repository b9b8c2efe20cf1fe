/**
 * Reads what the traffic layer is made of, from the host: each network namespace's socket
 * tables (/proc/<pid>/net/{tcp,tcp6,udp,udp6}), which container's processes hold which socket
 * where a namespace is shared, the host's connection tracking (/proc/net/nf_conntrack) and its
 * addresses. Plain data out (./proc-net-sockets and ./conntrack parse; lib/traffic says what it
 * means). Needs root beside a local engine; what it cannot read is said, never thrown.
 */
import 'server-only';
import { closeSync, openSync, readSync } from 'node:fs';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { parseConntrack, type ConntrackEntry } from './conntrack';
import { DEFAULT_PATHS, type HostPaths } from './links';
import { parseNamespace, type NamespaceSockets } from './proc-net-sockets';

export type SocketsResult = { ok: true; sockets: NamespaceSockets } | { ok: false; reason: string };

function whyNot(err: unknown, pid: number, what: string): string {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ESRCH' ? `no process ${pid} on this machine (it stopped, or the engine is on another host)`
    : code === 'EACCES' || code === 'EPERM' ? `no permission to read /proc/${pid}/${what} (Switchyard needs root for that)`
      : `/proc/${pid}/${what} could not be read (${code ?? String(err)})`;
}

const TABLES = ['tcp', 'tcp6', 'udp', 'udp6'] as const;
const chunk = Buffer.allocUnsafe(1 << 16);

/** A /proc table read again from its start through a descriptor kept open (seq_file restarts at offset 0). */
function readAll(fd: number): string {
  const parts: string[] = [];
  for (let at = 0; ;) {
    const n = readSync(fd, chunk, 0, chunk.length, at);
    if (n === 0) break;
    parts.push(chunk.toString('latin1', 0, n));
    at += n;
  }
  return parts.join('');
}

/**
 * The socket tables of each namespace read, with their files kept open between reads: one
 * pread each per interval instead of an open, a stat, a read and a close (at 400 containers,
 * 1,600 files every 2 s). A descriptor holds its network namespace, so those of containers no
 * longer asked for are closed at once (`retain`), and all of them when nobody watches (`close`).
 */
export class SocketTables {
  private readonly open = new Map<string, (number | null)[]>();

  constructor(private readonly paths: HostPaths = DEFAULT_PATHS) {}

  /** The tables of the namespace `pid` is in (the key: a container id, so a new pid opens afresh). */
  read(key: string, pid: number): SocketsResult {
    if (!(pid > 0)) return { ok: false, reason: `it has no process to read sockets from (pid ${pid})` };
    const k = `${key}:${pid}`;
    let fds = this.open.get(k);
    try {
      if (!fds) {
        const dir = join(this.paths.proc, String(pid), 'net');
        // tcp first: a process gone makes it fail, and nothing is kept open.
        const tcp = openSync(join(dir, 'tcp'), 'r');
        fds = [tcp, ...TABLES.slice(1).map((f) => { try { return openSync(join(dir, f), 'r'); } catch { return null; } })];
        this.open.set(k, fds);
      }
      const [tcp, tcp6, udp, udp6] = fds.map((fd) => (fd === null ? '' : readAll(fd)));
      return { ok: true, sockets: parseNamespace({ tcp: tcp!, tcp6: tcp6!, udp: udp!, udp6: udp6! }) };
    } catch (err) {
      this.drop(k);
      return { ok: false, reason: whyNot(err, pid, 'net') };
    }
  }

  /** Closes the tables of every namespace but these (keys as given to `read`, with their pids). */
  retain(keep: ReadonlySet<string>): void {
    for (const k of [...this.open.keys()]) if (!keep.has(k)) this.drop(k);
  }

  close(): void {
    for (const k of [...this.open.keys()]) this.drop(k);
  }

  get size(): number {
    return this.open.size;
  }

  private drop(k: string): void {
    for (const fd of this.open.get(k) ?? []) if (fd !== null) { try { closeSync(fd); } catch { /* closed */ } }
    this.open.delete(k);
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
