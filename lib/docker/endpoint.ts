/**
 * Where the engine is, read from the environment the way the docker CLI reads it:
 * DOCKER_HOST (unix://, tcp://, ssh://), DOCKER_TLS_VERIFY, DOCKER_CERT_PATH.
 * Pure: no I/O, so it can be tested with plain objects.
 */

export const DEFAULT_SOCKET = '/var/run/docker.sock';

export type EngineEndpoint =
  | { kind: 'unix'; socketPath: string }
  | { kind: 'tcp'; host: string; port: number; tls: boolean; certPath: string | null; skipVerify?: boolean }
  | { kind: 'ssh'; host: string; port: number; username: string | null };

export class EndpointConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EndpointConfigError';
  }
}

/** What an endpoint is made from: the docker CLI's variables (process.env, or lib/config/env's settings). */
type Env = Readonly<{ DOCKER_HOST?: string; DOCKER_TLS_VERIFY?: string; DOCKER_CERT_PATH?: string; HOME?: string }>;

/** Parses DOCKER_HOST and friends; throws EndpointConfigError with a message a person can act on. */
export function endpointFromEnv(env: Env): EngineEndpoint {
  const raw = (env.DOCKER_HOST ?? '').trim();
  if (raw === '') return { kind: 'unix', socketPath: DEFAULT_SOCKET };

  if (raw.startsWith('unix://')) {
    const socketPath = raw.slice('unix://'.length) || DEFAULT_SOCKET;
    if (!socketPath.startsWith('/')) {
      throw new EndpointConfigError(`DOCKER_HOST=${raw}: a unix socket path must be absolute (unix:///path/to/docker.sock)`);
    }
    return { kind: 'unix', socketPath };
  }

  const withScheme = raw.includes('://') ? raw : `tcp://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new EndpointConfigError(`DOCKER_HOST=${raw} is not a valid address: use unix:///var/run/docker.sock, tcp://HOST:PORT or ssh://USER@HOST`);
  }
  if (!['tcp:', 'http:', 'https:', 'ssh:'].includes(url.protocol)) {
    throw new EndpointConfigError(`DOCKER_HOST=${raw}: unsupported scheme ${url.protocol.replace(':', '')} (use unix, tcp or ssh)`);
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw new EndpointConfigError(`DOCKER_HOST=${raw} has no host name`);

  if (url.protocol === 'tcp:' || url.protocol === 'http:' || url.protocol === 'https:') {
    const tls = url.protocol === 'https:' || isTruthy(env.DOCKER_TLS_VERIFY);
    const port = url.port ? Number(url.port) : tls ? 2376 : 2375;
    const certPath = tls ? env.DOCKER_CERT_PATH || (env.HOME ? `${env.HOME}/.docker` : null) : null;
    return { kind: 'tcp', host, port, tls, certPath };
  }
  if (url.protocol === 'ssh:') {
    return {
      kind: 'ssh',
      host,
      port: url.port ? Number(url.port) : 22,
      username: url.username ? decodeURIComponent(url.username) : null,
    };
  }
  throw new EndpointConfigError(`DOCKER_HOST=${raw}: unsupported scheme ${url.protocol.replace(':', '')} (use unix, tcp or ssh)`);
}

function isTruthy(v: string | undefined): boolean {
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

/** The endpoint as a person would write it, never with credentials. */
export function describeEndpoint(ep: EngineEndpoint): string {
  switch (ep.kind) {
    case 'unix':
      return `unix://${ep.socketPath}`;
    case 'tcp':
      return `tcp://${formatHost(ep.host)}:${ep.port}${ep.tls ? (ep.skipVerify ? ' (TLS, not verified)' : ' (TLS)') : ''}`;
    case 'ssh':
      return `ssh://${ep.username ? `${ep.username}@` : ''}${formatHost(ep.host)}${ep.port === 22 ? '' : `:${ep.port}`}`;
  }
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** True where the engine runs on this machine, so /proc and /sys describe its containers. */
export function isLocalEndpoint(ep: EngineEndpoint): boolean {
  return ep.kind === 'unix';
}
