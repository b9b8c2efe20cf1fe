/**
 * Switchyard's own image, built on the lab engine from this checkout without a registry (its
 * BASE made from this machine's Node: scripts/lab.sh node-base, node-build). The system test of
 * the image and the e2e test of the agent share it: `docker build` of an unchanged checkout is
 * a cache hit of a few seconds.
 */
import { execFileSync } from 'node:child_process';

export const SWITCHYARD_IMAGE = 'switchyard-lab/switchyard:test';

/** Builds the image (from the docker cache where nothing changed); answers its base image and the seconds taken. */
export function buildSwitchyardImage(): { base: string; seconds: number } {
  const lab = (what: string) => execFileSync('bash', ['scripts/lab.sh', what], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 300_000 }).trim().split('\n').pop()!;
  const base = lab('node-base');
  const buildBase = lab('node-build');
  const t0 = Date.now();
  execFileSync('docker', ['build', '-q', '--force-rm', '--build-arg', `BASE=${base}`, '--build-arg', `BUILD_BASE=${buildBase}`, '-t', SWITCHYARD_IMAGE, '.'], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 1_200_000 });
  return { base, seconds: Math.round((Date.now() - t0) / 1000) };
}
