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
 * What changes when a namespace's connections do: TCP opens, failures, resets and the count
 * established (TCP's counters in /proc/<pid>/net/snmp cover IPv4 and IPv6), and datagrams in
 * and out (Udp there, Udp6 in snmp6). Not bytes or segments: a long-lived connection that only
 * carries data leaves it alone. Pure.
 */
export function connectionSignature(snmp: string, snmp6: string): string {
  const out: string[] = [];
  const lines = snmp.split('\n');
  for (let i = 0; i + 1 < lines.length; i++) {
    const [h, v] = [lines[i]!.trim().split(/\s+/), lines[i + 1]!.trim().split(/\s+/)];
    if (h[0] !== v[0] || (h[0] !== 'Tcp:' && h[0] !== 'Udp:')) continue;
    const want = h[0] === 'Tcp:' ? TCP_COUNTERS : UDP_COUNTERS;
    for (const name of want) out.push(v[h.indexOf(name)] ?? '');
    i++;
  }
  for (const m of snmp6.matchAll(/^(Udp6InDatagrams|Udp6OutDatagrams)\s+(\d+)/gm)) out.push(m[2]!);
  return out.join(' ');
}
const TCP_COUNTERS = ['ActiveOpens', 'PassiveOpens', 'AttemptFails', 'EstabResets', 'CurrEstab'];
const UDP_COUNTERS = ['InDatagrams', 'OutDatagrams'];

interface Held {
  /** tcp, tcp6, udp, udp6 (null: the kernel has no such table here). */
  tables: (number | null)[];
  /** snmp, snmp6 (null where missing: then the tables are read every time). */
  counters: (number | null)[];
  signature: string | null;
  last: NamespaceSockets | null;
}

/**
 * The socket tables of each namespace read, with their files kept open between reads: one
 * pread each per interval instead of an open, a stat, a read and a close. Reading a table
 * costs the kernel a walk of its hash tables (the listening one is the host's, shared by every
 * namespace), so a namespace whose connection counters (`connectionSignature`) have not moved
 * since its last read is not read again, unless `full` is asked (a periodic refresh: TIME_WAIT
 * sockets expire without moving a counter). A descriptor holds its network namespace, so those
 * of containers no longer asked for are closed at once (`retain`), and all when nobody watches (`close`).
 */
export class SocketTables {
  private readonly open = new Map<string, Held>();
  /** Reads of tables made / skipped since the start (for the answer's figures and the tests). */
  readonly stats = { read: 0, skipped: 0 };

  constructor(private readonly paths: HostPaths = DEFAULT_PATHS) {}

  /** The tables of the namespace `pid` is in (the key: a container id, so a new pid opens afresh). */
  read(key: string, pid: number, full = false): SocketsResult {
    if (!(pid > 0)) return { ok: false, reason: `it has no process to read sockets from (pid ${pid})` };
    const k = `${key}:${pid}`;
    let held = this.open.get(k);
    try {
      if (!held) {
        const dir = join(this.paths.proc, String(pid), 'net');
        const maybe = (f: string) => { try { return openSync(join(dir, f), 'r'); } catch { return null; } };
        // tcp first: a process gone makes it fail, and nothing is kept open.
        const tcp = openSync(join(dir, 'tcp'), 'r');
        held = { tables: [tcp, ...TABLES.slice(1).map(maybe)], counters: [maybe('snmp'), maybe('snmp6')], signature: null, last: null };
        this.open.set(k, held);
      }
      const snmp = held.counters[0] ?? null, snmp6 = held.counters[1] ?? null;
      const signature = snmp === null ? null : connectionSignature(readAll(snmp), snmp6 === null ? '' : readAll(snmp6));
      if (!full && held.last && signature !== null && signature === held.signature) {
        this.stats.skipped++;
        return { ok: true, sockets: held.last };
      }
      const [tcp, tcp6, udp, udp6] = held.tables.map((fd) => (fd === null ? '' : readAll(fd)));
      held.last = parseNamespace({ tcp: tcp!, tcp6: tcp6!, udp: udp!, udp6: udp6! });
      held.signature = signature;
      this.stats.read++;
      return { ok: true, sockets: held.last };
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
    const held = this.open.get(k);
    for (const fd of [...(held?.tables ?? []), ...(held?.counters ?? [])]) if (fd !== null) { try { closeSync(fd); } catch { /* closed */ } }
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
