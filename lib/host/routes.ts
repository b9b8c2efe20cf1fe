/**
 * The host's routes and interface ranges, read from /proc/net/route, /proc/net/ipv6_route and
 * getifaddrs. IPv4 policy-routing tables other than main are not in /proc/net/route: they are
 * not read (said in docs/host.md).
 */
import 'server-only';
import { readFile } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { parseRouteV4, parseRouteV6, type HostRoute, type InterfaceCidr } from '@/lib/net/routes';
import { DEFAULT_PATHS, type HostPaths } from './links';

export interface RoutesRead {
  v4: HostRoute[] | null;
  v6: HostRoute[] | null;
  reason: string | null;
}

export async function readRoutes(paths: HostPaths = DEFAULT_PATHS): Promise<RoutesRead> {
  const read = async (file: string) => {
    try {
      return { ok: true as const, text: await readFile(`${paths.proc}/net/${file}`, 'utf8') };
    } catch (e) {
      return { ok: false as const, reason: `${paths.proc}/net/${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
    }
  };
  const [a, b] = await Promise.all([read('route'), read('ipv6_route')]);
  const reasons = [a, b].filter((x): x is { ok: false; reason: string } => !x.ok).map((x) => x.reason);
  return { v4: a.ok ? parseRouteV4(a.text) : null, v6: b.ok ? parseRouteV6(b.text) : null, reason: reasons.length ? `not read: ${reasons.join('; ')}` : null };
}

/** Each interface's addresses with their prefix ("eth0", "192.168.1.5/24"). */
export function interfaceCidrs(): InterfaceCidr[] {
  return Object.entries(networkInterfaces()).flatMap(([name, list]) => (list ?? []).filter((a) => a.cidr).map((a) => ({ name, cidr: a.cidr!.replace(/%[^/]*/, '') })));
}
