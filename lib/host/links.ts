/**
 * The host side of container networking, read from /proc and /sys: which veth on the host is
 * the peer of each container interface, and which bridge it is enslaved to. Plain data out,
 * so lib/topology stays pure. Needs root (to enter /proc/<pid>/root) and an engine on this
 * machine; anything it cannot read becomes a `problem`, never an exception.
 *
 * Only what lib/topology/veth.ts matches on is read (sysfs reads cost about a millisecond per
 * container): inside a container, each interface's iflink and MAC; on the host, each
 * interface's ifindex, and each bridge's ports from `<bridge>/brif/`. HostInterfaceCache reads
 * again only the host interfaces that are new since the last look.
 */
import 'server-only';
import { readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pLimit from 'p-limit';

export interface HostInterface {
  name: string;
  ifindex: number;
  /** Not read any more (kept optional for recordings that have it). */
  mac?: string | null;
  /** The bridge this interface is enslaved to (its `master`), or null. */
  master: string | null;
}

export interface ContainerInterface {
  name: string;
  /** Not read any more (kept optional for recordings that have it). */
  ifindex?: number;
  /** ifindex of the peer: for a veth, the host-side interface. */
  iflink: number;
  mac: string | null;
}

export interface HostLinkProblem {
  containerId: string | null;
  code: 'host_sys_unreadable' | 'container_netns_unreadable';
  message: string;
}

export interface HostLinks {
  /** Host interfaces, or null when /sys/class/net could not be read. */
  hostInterfaces: HostInterface[] | null;
  /** Interfaces seen inside each container's network namespace, by container id. */
  containers: Record<string, ContainerInterface[]>;
  problems: HostLinkProblem[];
}

export interface HostLinkTarget {
  id: string;
  pid: number;
}

export interface HostPaths {
  sys: string;
  proc: string;
}

export const DEFAULT_PATHS: HostPaths = { sys: '/sys', proc: '/proc' };

const IGNORED = new Set(['lo', 'bonding_masters']);

/**
 * How sysfs is read. Asynchronously by default: a whole host's thousands of small reads must not
 * hold the event loop. At once (`SYNC_SYS`) for a change's few files: each takes microseconds,
 * where each asynchronous read is an open, a stat, a read and a close through libuv's threads
 * (about 5 ms for a connect's dozen files at 400 containers, under load).
 */
export interface SysReader {
  readdir(path: string): Promise<string[]>;
  /** The file's text, trimmed. */
  readTrim(path: string): Promise<string>;
}

export const ASYNC_SYS: SysReader = {
  readdir: (path) => readdir(path),
  readTrim: async (path) => (await readFile(path, 'latin1')).trim(),
};

export const SYNC_SYS: SysReader = {
  readdir: async (path) => readdirSync(path),
  readTrim: async (path) => readFileSync(path, 'latin1').trim(),
};

function errCode(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? String(err);
}

/** The interfaces inside one container's network namespace, or a problem saying why not. */
export async function readContainerInterfaces(id: string, pid: number, paths: HostPaths = DEFAULT_PATHS, io: SysReader = ASYNC_SYS): Promise<ContainerInterface[] | HostLinkProblem> {
  const dir = join(paths.proc, String(pid), 'root/sys/class/net');
  try {
    const names = (await io.readdir(dir)).filter((n) => !IGNORED.has(n));
    const rows = await Promise.all(names.map(async (name) => {
      try {
        const [iflink, mac] = await Promise.all([io.readTrim(join(dir, name, 'iflink')), io.readTrim(join(dir, name, 'address')).catch(() => '')]);
        return { name, iflink: Number(iflink), mac: mac || null };
      } catch {
        return null; // the interface went away while we read it
      }
    }));
    return rows.filter((r): r is ContainerInterface => r !== null && Number.isFinite(r.iflink)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (err) {
    const code = errCode(err);
    return {
      containerId: id,
      code: 'container_netns_unreadable',
      message: code === 'EACCES' || code === 'EPERM'
        ? `cannot enter /proc/${pid}/root (${code}): run Switchyard as root to see veth pairs`
        : `cannot read the network interfaces of pid ${pid} (${code}): the engine may be on another machine or in a VM`,
    };
  }
}

export function isProblem<T>(x: T[] | HostLinkProblem): x is HostLinkProblem {
  return !Array.isArray(x);
}

/**
 * The host's interfaces, kept between looks: each look lists /sys/class/net, reads the
 * ifindex of names not seen before, and lists again the ports of the given bridges (the
 * ports of the others are kept from earlier looks).
 */
export class HostInterfaceCache {
  private readonly ifindex = new Map<string, number>();
  private readonly master = new Map<string, string>();

  constructor(private readonly paths: HostPaths = DEFAULT_PATHS) {}

  /** @param bridges the bridge interfaces whose ports to list again (networks' `bridge`). */
  async read(bridges: Iterable<string>, io: SysReader = ASYNC_SYS): Promise<HostInterface[] | HostLinkProblem> {
    const netDir = join(this.paths.sys, 'class/net');
    let names: string[];
    try {
      names = (await io.readdir(netDir)).filter((n) => !IGNORED.has(n));
    } catch (err) {
      return { containerId: null, code: 'host_sys_unreadable', message: `cannot read ${netDir} (${errCode(err)}): no bridge or veth facts` };
    }
    const present = new Set(names);
    for (const n of this.ifindex.keys()) if (!present.has(n)) this.ifindex.delete(n);
    for (const [port, b] of this.master) if (!present.has(port) || !present.has(b)) this.master.delete(port);
    await Promise.all(names.filter((n) => !this.ifindex.has(n)).map(async (n) => {
      const i = Number(await io.readTrim(join(netDir, n, 'ifindex')).catch(() => 'NaN'));
      if (Number.isFinite(i)) this.ifindex.set(n, i);
    }));
    await Promise.all([...new Set(bridges)].filter((b) => present.has(b)).map(async (b) => {
      const ports = await io.readdir(join(netDir, b, 'brif')).catch(() => [] as string[]);
      for (const [port, was] of this.master) if (was === b) this.master.delete(port);
      for (const port of ports) this.master.set(port, b);
    }));
    return [...this.ifindex.entries()]
      .map(([name, ifindex]) => ({ name, ifindex, master: this.master.get(name) ?? null }))
      .sort((a, b) => a.ifindex - b.ifindex);
  }
}

/**
 * Everything at once: the host interfaces and those of each target container (by its init
 * pid), at most `concurrency` containers at a time.
 */
export async function readHostLinks(targets: readonly HostLinkTarget[], bridges: Iterable<string>, paths: HostPaths = DEFAULT_PATHS, concurrency = 16): Promise<HostLinks> {
  const problems: HostLinkProblem[] = [];
  const host = await new HostInterfaceCache(paths).read(bridges);
  if (!Array.isArray(host)) return { hostInterfaces: null, containers: {}, problems: [host] };
  const containers: Record<string, ContainerInterface[]> = {};
  const limit = pLimit(concurrency);
  await Promise.all(targets.filter(({ pid }) => Number.isInteger(pid) && pid > 0).map(({ id, pid }) => limit(async () => {
    const r = await readContainerInterfaces(id, pid, paths);
    if (isProblem(r)) problems.push(r);
    else containers[id] = r;
  })));
  return { hostInterfaces: host, containers, problems };
}
