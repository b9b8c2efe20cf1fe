import { docker } from '../integration/docker-cli';

/** Every network with its members as an engine has them: equal before and after means nothing changed. */
export function engineStateOf(run: (...args: string[]) => string): string {
  const ids = run('network', 'ls', '-q').split('\n').filter(Boolean);
  return run('network', 'inspect', ...ids);
}

/** The same, for the lab engine. */
export function engineState(): string {
  return engineStateOf(docker);
}
