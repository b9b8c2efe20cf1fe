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

/** Removes every container and network carrying TEST_LABEL. */
export function removeTestObjects(): void {
  const ctrs = docker('ps', '-aq', '--filter', `label=${TEST_LABEL}`).split('\n').filter(Boolean);
  if (ctrs.length) docker('rm', '-f', ...ctrs);
  const nets = docker('network', 'ls', '-q', '--filter', `label=${TEST_LABEL}`).split('\n').filter(Boolean);
  if (nets.length) docker('network', 'rm', ...nets);
}
