/**
 * Which TCP ports a container listens on, and on which addresses: its network namespace's
 * `/proc/<pid>/net/tcp` and `tcp6`, read from the host. Plain data out (lib/reach turns it
 * into verdicts). Needs the engine on this machine and the right to read another process's
 * /proc (root, or the same user); anything it cannot read is said, never thrown.
 */
import 'server-only';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseProcNetTcp, type Listener } from './proc-net-tcp';
import { DEFAULT_PATHS, type HostPaths } from './links';

export type { Listener };

export type ListenersRead = { ok: true; listeners: Listener[] } | { ok: false; reason: string };

/** The listening TCP sockets of the network namespace `pid` is in. */
export async function readListeners(pid: number, paths: HostPaths = DEFAULT_PATHS): Promise<ListenersRead> {
  if (!(pid > 0)) return { ok: false, reason: `it has no process to read sockets from (pid ${pid})` };
  const read = (f: string) => readFile(join(paths.proc, String(pid), 'net', f), 'latin1');
  try {
    const [v4, v6] = await Promise.all([read('tcp'), read('tcp6').catch(() => '')]);
    return { ok: true, listeners: [...parseProcNetTcp(v4, 4), ...parseProcNetTcp(v6, 6)] };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? `no process ${pid} on this machine (is the engine on another host?)`
      : code === 'EACCES' || code === 'EPERM' ? `no permission to read /proc/${pid}/net (Switchyard needs root for that)`
        : `/proc/${pid}/net/tcp could not be read (${code ?? String(err)})`;
    return { ok: false, reason: why };
  }
}
