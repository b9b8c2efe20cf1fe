import { docker, dockerJson } from '../integration/docker-cli';

/** Every network with its members as the engine has them: equal before and after means nothing changed. */
export function engineState(): string {
  const ids = docker('network', 'ls', '-q').split('\n').filter(Boolean);
  return JSON.stringify(dockerJson<unknown[]>('network', 'inspect', ...ids));
}
