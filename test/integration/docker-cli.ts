/** The docker CLI, for tests to set up scenes and to read the engine's own answer to compare with. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const DOCKER = existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker';
/** Every object a test creates carries this label, and is removed by it. */
export const TEST_LABEL = 'switchyard.test=1';

export function docker(...args: string[]): string {
  return execFileSync(DOCKER, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 }).trim();
}

export function dockerJson<T = unknown>(...args: string[]): T {
  return JSON.parse(docker(...args)) as T;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- docker inspect output is untyped JSON */
/**
 * How many veth pairs docker inspect implies: one per endpoint of a running container with a
 * namespace of its own (not `container:X`) on a bridge network. Given the containers' and
 * networks' inspect JSON.
 */
export function bridgeEndpointCount(containers: any[], networks: any[]): number {
  const bridges = new Set(networks.filter((n) => n.Driver === 'bridge').map((n) => n.Id));
  return containers.filter((c) => c.State.Running && !String(c.HostConfig.NetworkMode).startsWith('container:'))
    .reduce((sum, c) => sum + Object.values<any>(c.NetworkSettings.Networks).filter((s) => bridges.has(s.NetworkID)).length, 0);
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * Removes every container and network carrying TEST_LABEL. Engine 20.10 can keep an endpoint
 * it no longer lists (seen after hundreds of random connects, disconnects and failed starts):
 * such a network refuses `docker network rm` until the daemon restarts. It is named on stderr
 * and left, rather than failing every suite after it.
 */
export function removeTestObjects(run: (...args: string[]) => string = docker): void {
  const ctrs = run('ps', '-aq', '--filter', `label=${TEST_LABEL}`).split('\n').filter(Boolean);
  if (ctrs.length) run('rm', '-f', ...ctrs);
  for (const net of run('network', 'ls', '-q', '--filter', `label=${TEST_LABEL}`).split('\n').filter(Boolean)) {
    try {
      run('network', 'rm', net);
    } catch (err) {
      if (!/active endpoints/.test(String((err as { stderr?: unknown }).stderr ?? err))) throw err;
      const members = Object.values(JSON.parse(run('network', 'inspect', '-f', '{{json .Containers}}', net) || '{}') as Record<string, { Name: string }>);
      for (const m of members) run('network', 'disconnect', '-f', net, m.Name);
      try {
        run('network', 'rm', net);
      } catch {
        console.warn(`[test] network ${net} keeps an endpoint the engine does not list (a libnetwork leak); it stays until dockerd restarts`);
      }
    }
  }
}
