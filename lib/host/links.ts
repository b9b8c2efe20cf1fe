/**
 * The host side of container networking, read from /proc and /sys: which veth on the host is
 * the peer of each container interface, and which bridge it is enslaved to. Plain data out,
 * so lib/topology stays pure. Needs root (to enter /proc/<pid>/root) and an engine on this
 * machine; anything it cannot read becomes a `problem`, never an exception.
 */
import 'server-only';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { basename, join } from 'node:path';

export interface HostInterface {
  name: string;
  ifindex: number;
  mac: string | null;
  /** The bridge this interface is enslaved to (its `master`), or null. */
  master: string | null;
}

export interface ContainerInterface {
  name: string;
  ifindex: number;
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

const DEFAULT_PATHS: HostPaths = { sys: '/sys', proc: '/proc' };

async function readTrim(path: string): Promise<string> {
  return (await readFile(path, 'utf8')).trim();
}

async function readInterfaces(netDir: string): Promise<{ name: string; ifindex: number; iflink: number; mac: string | null; master: string | null }[]> {
  const names = (await readdir(netDir)).filter((n) => n !== 'lo' && n !== 'bonding_masters');
  const rows = await Promise.all(names.map(async (name) => {
    const dir = join(netDir, name);
    try {
      const [ifindex, iflink, mac, master] = await Promise.all([
        readTrim(join(dir, 'ifindex')),
        readTrim(join(dir, 'iflink')).catch(() => ''),
        readTrim(join(dir, 'address')).catch(() => ''),
        readlink(join(dir, 'master')).then((l) => basename(l)).catch(() => null),
      ]);
      return { name, ifindex: Number(ifindex), iflink: Number(iflink || ifindex), mac: mac || null, master };
    } catch {
      return null; // the interface went away while we read it
    }
  }));
  return rows.filter((r): r is NonNullable<typeof r> => r !== null && Number.isFinite(r.ifindex));
}

/** Reads host interfaces and the interfaces of each target container (by its init pid). */
export async function readHostLinks(targets: readonly HostLinkTarget[], paths: HostPaths = DEFAULT_PATHS): Promise<HostLinks> {
  const problems: HostLinkProblem[] = [];
  let hostInterfaces: HostInterface[] | null = null;
  try {
    hostInterfaces = (await readInterfaces(join(paths.sys, 'class/net')))
      .map(({ name, ifindex, mac, master }) => ({ name, ifindex, mac, master }))
      .sort((a, b) => a.ifindex - b.ifindex);
  } catch (err) {
    problems.push({ containerId: null, code: 'host_sys_unreadable', message: `cannot read ${paths.sys}/class/net (${(err as NodeJS.ErrnoException).code ?? err}): no bridge or veth facts` });
  }

  const containers: Record<string, ContainerInterface[]> = {};
  if (hostInterfaces) {
    await Promise.all(targets.map(async ({ id, pid }) => {
      if (!Number.isInteger(pid) || pid <= 0) return;
      try {
        const rows = await readInterfaces(join(paths.proc, String(pid), 'root/sys/class/net'));
        containers[id] = rows.map(({ name, ifindex, iflink, mac }) => ({ name, ifindex, iflink, mac })).sort((a, b) => a.name.localeCompare(b.name));
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        problems.push({
          containerId: id,
          code: 'container_netns_unreadable',
          message: code === 'EACCES' || code === 'EPERM'
            ? `cannot enter /proc/${pid}/root (${code}): run Switchyard as root to see veth pairs`
            : `cannot read the network interfaces of pid ${pid} (${code ?? err}): the engine may be on another machine or in a VM`,
        });
      }
    }));
  }
  return { hostInterfaces, containers, problems };
}
