/**
 * Real traffic from inside a container, through `docker exec` with the lab image's own busybox:
 * ping, an HTTP GET over nc (every lab listener is busybox httpd), and a name lookup.
 */
import { execFile } from 'node:child_process';
import { DOCKER } from '../integration/docker-cli';

export function exec(from: string, ...argv: string[]): Promise<{ ok: boolean; out: string }> {
  return new Promise((resolve) => {
    execFile(DOCKER, ['exec', from, ...argv], { timeout: 15_000, encoding: 'utf8' }, (err, stdout, stderr) => resolve({ ok: !err, out: `${stdout}${stderr}` }));
  });
}

export const ping = async (from: string, target: string) => (await exec(from, 'ping', '-c', '1', '-W', '1', target)).ok;

/**
 * An HTTP GET to the port, answered. Not a bare TCP connect: docker-proxy accepts on a
 * published port and only then finds nothing listening behind it (busybox wget is not usable
 * in the static build).
 */
export const connects = async (from: string, host: string, port: number) =>
  /^HTTP\/1\.[01] /.test((await exec(from, 'sh', '-c', '(printf "GET / HTTP/1.0\\r\\n\\r\\n"; sleep 1) | nc -w 2 "$0" "$1"', host, String(port))).out);

/** The address a name resolves to inside A (ping resolves through /etc/hosts and DNS alike), or null. */
export async function resolves(from: string, name: string): Promise<string | null> {
  const r = await exec(from, 'busybox', 'timeout', '3', 'ping', '-c', '1', '-W', '1', name);
  return /PING \S+ \(([0-9.]+)\)/.exec(r.out)?.[1] ?? null;
}
