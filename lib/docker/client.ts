/**
 * The one place that makes dockerode clients. One lazily made client per process, configured
 * from the environment (lib/docker/endpoint), speaking the negotiated API version.
 */
import 'server-only';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import { negotiateApiVersion } from './api-version';
import { describeEndpoint, endpointFromEnv, EndpointConfigError, type EngineEndpoint } from './endpoint';
import { classifyEngineError, EngineError } from './errors';

/** Per-request bound for ordinary engine calls (ms). */
export const ENGINE_TIMEOUT_MS = positiveInt(process.env.SWITCHYARD_ENGINE_TIMEOUT_MS, 5000);

export interface EngineVersion {
  Version: string;
  ApiVersion: string;
  MinAPIVersion?: string;
  Os: string;
  Arch: string;
  KernelVersion?: string;
}

export interface Engine {
  docker: Docker;
  endpoint: EngineEndpoint;
  /** The endpoint as text, without credentials. */
  endpointLabel: string;
  apiVersion: string;
  version: EngineVersion;
}

let current: Promise<Engine> | null = null;

/** GET /version (dockerode's typings predate its abortSignal option). */
export function readVersion(docker: Docker, signal: AbortSignal): Promise<EngineVersion> {
  const version = docker.version.bind(docker) as unknown as (o: { abortSignal: AbortSignal }) => Promise<EngineVersion>;
  return version({ abortSignal: signal });
}

function positiveInt(v: string | undefined, dflt: number): number {
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : dflt;
}

export function configuredEndpoint(): EngineEndpoint {
  return endpointFromEnv(process.env);
}

function dockerOptions(ep: EngineEndpoint): Docker.DockerOptions {
  switch (ep.kind) {
    case 'unix':
      return { socketPath: ep.socketPath, host: undefined, protocol: undefined };
    case 'tcp': {
      if (!ep.tls) return { protocol: 'http', host: ep.host, port: ep.port };
      const dir = ep.certPath;
      if (!dir) throw new EndpointConfigError('TLS is on (DOCKER_TLS_VERIFY) but DOCKER_CERT_PATH is not set');
      try {
        return {
          protocol: 'https', host: ep.host, port: ep.port,
          ca: readFileSync(join(dir, 'ca.pem')), cert: readFileSync(join(dir, 'cert.pem')), key: readFileSync(join(dir, 'key.pem')),
        };
      } catch {
        throw new EndpointConfigError(`TLS is on but ca.pem, cert.pem and key.pem could not be read from ${dir} (DOCKER_CERT_PATH)`);
      }
    }
    case 'ssh':
      return {
        protocol: 'ssh', host: ep.host, port: ep.port, username: ep.username ?? undefined,
        sshOptions: { agent: process.env.SSH_AUTH_SOCK },
      } as Docker.DockerOptions;
  }
}

async function connect(): Promise<Engine> {
  let endpoint: EngineEndpoint;
  let opts: Docker.DockerOptions;
  try {
    endpoint = configuredEndpoint();
    opts = dockerOptions(endpoint);
  } catch (err) {
    if (err instanceof EndpointConfigError) {
      throw new EngineError('unreachable', err.message, 'fix DOCKER_HOST / DOCKER_TLS_VERIFY / DOCKER_CERT_PATH and restart Switchyard');
    }
    throw err;
  }
  const label = describeEndpoint(endpoint);
  // GET /version is unversioned on every engine: ask it first, then pin the agreed version.
  const probe = new Docker(opts);
  let version: EngineVersion;
  try {
    version = await readVersion(probe, AbortSignal.timeout(ENGINE_TIMEOUT_MS));
  } catch (err) {
    throw classifyEngineError(err, label, 'GET /version');
  }
  let apiVersion: string;
  try {
    apiVersion = negotiateApiVersion(version);
  } catch (err) {
    throw new EngineError('engine', (err as Error).message, 'use a Docker Engine between 20.10 and 29');
  }
  const docker = new Docker({ ...opts, version: `v${apiVersion}` });
  return { docker, endpoint, endpointLabel: label, apiVersion, version };
}

/** The negotiated engine client; made on first use and again after the engine was unreachable. */
export function getEngine(): Promise<Engine> {
  if (!current) {
    const attempt = connect();
    current = attempt;
    attempt.catch(() => {
      if (current === attempt) current = null;
    });
  }
  return current;
}

/** Forget the client so the next call negotiates again (the engine went away or was replaced). */
export function resetEngine(): void {
  current = null;
}

/** The endpoint label even when no engine answers (for messages). */
export function endpointLabel(): string {
  try {
    return describeEndpoint(configuredEndpoint());
  } catch {
    return process.env.DOCKER_HOST ?? 'DOCKER_HOST';
  }
}

/**
 * Runs one engine request with a deadline. Every engine call goes through here so that a
 * hung engine becomes a timeout error and a vanished one resets the client.
 */
export async function engineCall<T>(
  what: string,
  fn: (docker: Docker, signal: AbortSignal) => Promise<T>,
  timeoutMs: number = ENGINE_TIMEOUT_MS,
): Promise<T> {
  const engine = await getEngine();
  try {
    return await fn(engine.docker, AbortSignal.timeout(timeoutMs));
  } catch (err) {
    const e = classifyEngineError(err, engine.endpointLabel, what);
    if (e.kind === 'unreachable') resetEngine();
    throw e;
  }
}
