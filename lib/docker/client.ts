/**
 * The one place that makes dockerode clients. One lazily made client per process, configured
 * from the environment (lib/docker/endpoint), speaking the negotiated API version.
 */
import 'server-only';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';
import Docker from 'dockerode';
import { resetSettings, settings } from '@/lib/config/env';
import { negotiateApiVersion } from './api-version';
import { directGet, type JsonGet } from './direct-get';
import { describeEndpoint, endpointFromEnv, EndpointConfigError, type EngineEndpoint } from './endpoint';
import { engineApi, type EngineApi, type EngineVersion } from './engine-api';
import { classifyEngineError, EngineError } from './errors';
import { isPodman } from './podman';

/** Per-request bound for ordinary engine calls (ms): SWITCHYARD_ENGINE_TIMEOUT_MS. */
export const engineTimeoutMs = () => settings().SWITCHYARD_ENGINE_TIMEOUT_MS;

export type { EngineVersion };

export interface Engine {
  /** The negotiated client, as the calls Switchyard makes (./engine-api). */
  docker: EngineApi;
  endpoint: EngineEndpoint;
  /** The endpoint as text, without credentials. */
  endpointLabel: string;
  apiVersion: string;
  version: EngineVersion;
  /** Docker, or Podman's Docker-compatible API (lib/docker/podman handles the differences). */
  flavor: 'docker' | 'podman';
  /** A client without the version prefix, for Podman's own (libpod) API. */
  unversioned: EngineApi;
}

/** GET /version. */
export function readVersion(docker: EngineApi, signal: AbortSignal): Promise<EngineVersion> {
  return docker.version({ abortSignal: signal });
}

/** The engine DOCKER_HOST (and DOCKER_TLS_VERIFY, DOCKER_CERT_PATH) names. */
export function configuredEndpoint(): EngineEndpoint {
  return endpointFromEnv(settings());
}

function dockerOptions(ep: EngineEndpoint): Docker.DockerOptions {
  switch (ep.kind) {
    case 'unix':
      return { socketPath: ep.socketPath, host: undefined, protocol: undefined };
    case 'tcp': {
      if (!ep.tls) return { protocol: 'http', host: ep.host, port: ep.port };
      const dir = ep.certPath;
      // Whichever of ca.pem, cert.pem and key.pem are there (a context may hold only ca.pem).
      const pem = (f: string) => {
        try {
          return dir ? readFileSync(join(dir, f)) : undefined;
        } catch {
          return undefined;
        }
      };
      const [ca, cert, key] = [pem('ca.pem'), pem('cert.pem'), pem('key.pem')];
      if (!ca && !cert && !key && !ep.skipVerify) {
        throw new EndpointConfigError(dir
          ? `TLS is on but none of ca.pem, cert.pem and key.pem could be read from ${dir}`
          : 'TLS is on (DOCKER_TLS_VERIFY) but DOCKER_CERT_PATH is not set');
      }
      const agent = new https.Agent({ ca, cert, key, rejectUnauthorized: !ep.skipVerify, keepAlive: true });
      return { protocol: 'https', host: ep.host, port: ep.port, ca, cert, key, agent } as Docker.DockerOptions;
    }
    case 'ssh':
      return {
        protocol: 'ssh', host: ep.host, port: ep.port, username: ep.username ?? undefined,
        sshOptions: { agent: settings().SSH_AUTH_SOCK },
      } as Docker.DockerOptions;
  }
}

/** The store's GETs straight on node:http(s) (./direct-get); null for ssh://, which only dockerode speaks. */
function directReads(ep: EngineEndpoint, opts: Docker.DockerOptions, version: string): JsonGet | undefined {
  switch (ep.kind) {
    case 'unix':
      return directGet({ kind: 'unix', socketPath: ep.socketPath }, version);
    case 'tcp': {
      if (!ep.tls) return directGet({ kind: 'tcp', host: ep.host, port: ep.port, tls: null }, version);
      const agent = (opts as { agent?: https.Agent }).agent; // the one dockerOptions made, with the certificates
      return agent ? directGet({ kind: 'tcp', host: ep.host, port: ep.port, tls: agent }, version) : undefined;
    }
    case 'ssh':
      return undefined;
  }
}

async function connect(resolveEndpoint: () => EngineEndpoint): Promise<Engine> {
  let endpoint: EngineEndpoint;
  let opts: Docker.DockerOptions;
  try {
    endpoint = resolveEndpoint();
    opts = dockerOptions(endpoint);
  } catch (err) {
    if (err instanceof EndpointConfigError) {
      throw new EngineError('unreachable', err.message, 'fix DOCKER_HOST / DOCKER_TLS_VERIFY / DOCKER_CERT_PATH and restart Switchyard');
    }
    throw err;
  }
  const label = describeEndpoint(endpoint);
  // GET /version is unversioned on every engine: ask it first, then pin the agreed version.
  const probe = engineApi(new Docker(opts));
  let version: EngineVersion;
  try {
    version = await readVersion(probe, AbortSignal.timeout(engineTimeoutMs()));
  } catch (err) {
    throw classifyEngineError(err, label, 'GET /version');
  }
  let apiVersion: string;
  try {
    apiVersion = negotiateApiVersion(version);
  } catch (err) {
    throw new EngineError('engine', (err as Error).message, 'use a Docker Engine between 20.10 and 29');
  }
  const docker = engineApi(new Docker({ ...opts, version: `v${apiVersion}` }), directReads(endpoint, opts, `v${apiVersion}`));
  return { docker, endpoint, endpointLabel: label, apiVersion, version, flavor: isPodman(version) ? 'podman' : 'docker', unversioned: probe };
}

/**
 * One engine: its negotiated client, made on first use and again after the engine was
 * unreachable. Every engine call goes through call(), so that a hung engine becomes a timeout
 * error and a vanished one resets the client.
 */
export class EngineConnection {
  private current: Promise<Engine> | null = null;

  /**
   * @param resolveEndpoint where the engine is; asked again at every (re)negotiation.
   * @param name the engine's name (its docker context, or its SWITCHYARD_ENGINES entry).
   */
  constructor(private readonly resolveEndpoint: () => EngineEndpoint, readonly name: string = 'default') {}

  get(): Promise<Engine> {
    if (!this.current) {
      const attempt = connect(this.resolveEndpoint);
      this.current = attempt;
      attempt.catch(() => {
        if (this.current === attempt) this.current = null;
      });
    }
    return this.current;
  }

  /** Forget the client so the next call negotiates again (the engine went away or was replaced). */
  reset(): void {
    this.current = null;
  }

  /** The endpoint as text even when no engine answers (for messages). */
  label(): string {
    try {
      return describeEndpoint(this.resolveEndpoint());
    } catch {
      return process.env.DOCKER_HOST ?? 'DOCKER_HOST';
    }
  }

  async call<T>(what: string, fn: (docker: EngineApi, signal: AbortSignal) => Promise<T>, timeoutMs: number = engineTimeoutMs()): Promise<T> {
    const engine = await this.get();
    // Not AbortSignal.timeout: its timer lives on after the call (10,000 of them after a full read).
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), timeoutMs);
    try {
      return await fn(engine.docker, abort.signal);
    } catch (err) {
      const e = classifyEngineError(err, engine.endpointLabel, what);
      if (e.kind === 'unreachable') this.reset();
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The engine DOCKER_HOST names (read again at every negotiation, so tests may change it). */
const defaultConnection = new EngineConnection(configuredEndpoint);

/** The connection to the engine DOCKER_HOST names. */
export function engineConnection(): EngineConnection {
  return defaultConnection;
}

/** The negotiated engine client; made on first use and again after the engine was unreachable. */
export function getEngine(): Promise<Engine> {
  return defaultConnection.get();
}

/** Forget the client so the next call negotiates again (the engine went away or was replaced). */
export function resetEngine(): void {
  resetSettings();
  defaultConnection.reset();
}
