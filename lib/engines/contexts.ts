/**
 * The docker CLI's contexts, read the way the CLI reads them (docker/cli, cli/context/store and
 * cli/command/cli.go's resolveContextName):
 *
 * - the config directory is DOCKER_CONFIG, else ~/.docker;
 * - each context is `contexts/meta/<sha256 of its name>/meta.json`
 *   (`{ Name, Metadata: { Description }, Endpoints: { docker: { Host, SkipTLSVerify } } }`),
 *   with its TLS material, when it has any, in `contexts/tls/<sha256 of its name>/docker/`
 *   (ca.pem, cert.pem, key.pem);
 * - `default` is not stored: it is DOCKER_HOST (and DOCKER_TLS_VERIFY, DOCKER_CERT_PATH), else
 *   the local socket;
 * - the current one is `default` when DOCKER_HOST is set, else DOCKER_CONTEXT, else the
 *   config's `currentContext`, else `default`.
 *
 * Pure: the files come through a reader, so tests pass plain objects.
 */
import { createHash } from 'node:crypto';
import { endpointFromEnv, EndpointConfigError, type EngineEndpoint } from '@/lib/docker/endpoint';

/** Context names the CLI accepts (docker context create): and so the names engines go by here. */
export const ENGINE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.+-]*$/;
export const DEFAULT_CONTEXT = 'default';

/** One engine a person can pick: a context of the CLI's, or one from SWITCHYARD_ENGINES. */
export interface EngineSpec {
  name: string;
  source: 'default' | 'context' | 'file';
  description: string | null;
  /** Where it is, or why that could not be read (shown as the engine's state, never thrown at start). */
  endpoint: EngineEndpoint | EndpointConfigError;
}

/** What a directory holds: file names, and file text (null when absent or unreadable). */
export interface ConfigReader {
  list(dir: string): string[];
  read(path: string): string | null;
}

export interface ContextEnv {
  DOCKER_CONFIG?: string;
  DOCKER_CONTEXT?: string;
  DOCKER_HOST?: string;
  DOCKER_TLS_VERIFY?: string;
  DOCKER_CERT_PATH?: string;
  HOME?: string;
}

export interface Contexts {
  /** The name the CLI would use now. */
  current: string;
  engines: EngineSpec[];
  /** Files that were there but could not be used, in words. */
  problems: string[];
}

export function configDir(env: ContextEnv): string | null {
  if (env.DOCKER_CONFIG?.trim()) return env.DOCKER_CONFIG.trim();
  return env.HOME ? `${env.HOME}/.docker` : null;
}

/** The directory name the CLI stores a context under. */
export function contextDirName(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

interface MetaFile {
  Name?: unknown;
  Metadata?: { Description?: unknown } | null;
  Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } | null } | null;
}

function parseJson<T>(text: string): T | null {
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

/** A stored context's endpoint: its Host, with TLS when it has TLS material (as the CLI does). */
function contextEndpoint(host: string, tlsDir: string, tlsFiles: string[], skipVerify: boolean): EngineEndpoint {
  const ep = endpointFromEnv({ DOCKER_HOST: host });
  if (ep.kind !== 'tcp') return ep;
  const hasTls = ['ca.pem', 'cert.pem', 'key.pem'].some((f) => tlsFiles.includes(f));
  if (!hasTls) return ep.tls ? { ...ep, certPath: null, skipVerify } : ep;
  const explicitPort = /:\d+\/?$/.test(host);
  return { ...ep, tls: true, port: explicitPort ? ep.port : 2376, certPath: tlsDir, skipVerify };
}

export function readContexts(env: ContextEnv, reader: ConfigReader): Contexts {
  const dir = configDir(env);
  const problems: string[] = [];
  let defaultEndpoint: EngineEndpoint | EndpointConfigError;
  try {
    defaultEndpoint = endpointFromEnv(env);
  } catch (err) {
    defaultEndpoint = err as EndpointConfigError;
  }
  const engines: EngineSpec[] = [{
    name: DEFAULT_CONTEXT, source: 'default',
    description: env.DOCKER_HOST?.trim() ? 'DOCKER_HOST' : 'the local socket',
    endpoint: defaultEndpoint,
  }];
  let fromConfig: string | null = null;
  if (dir) {
    const configText = reader.read(`${dir}/config.json`);
    if (configText !== null) {
      const config = parseJson<{ currentContext?: unknown }>(configText);
      if (!config || typeof config !== 'object') problems.push(`${dir}/config.json is not JSON`);
      else if (typeof config.currentContext === 'string' && config.currentContext.trim()) fromConfig = config.currentContext.trim();
    }
    const metaDir = `${dir}/contexts/meta`;
    for (const entry of reader.list(metaDir).sort()) {
      const path = `${metaDir}/${entry}/meta.json`;
      const text = reader.read(path);
      if (text === null) continue;
      const meta = parseJson<MetaFile>(text);
      const name = meta && typeof meta.Name === 'string' ? meta.Name : null;
      if (!name || !ENGINE_NAME.test(name) || name === DEFAULT_CONTEXT) {
        problems.push(`${path} names no usable context`);
        continue;
      }
      const docker = meta?.Endpoints?.docker;
      const host = typeof docker?.Host === 'string' ? docker.Host : '';
      const description = typeof meta?.Metadata?.Description === 'string' && meta.Metadata.Description ? meta.Metadata.Description : null;
      if (!host) {
        problems.push(`context ${name} has no docker endpoint`);
        continue;
      }
      const tlsDir = `${dir}/contexts/tls/${contextDirName(name)}/docker`;
      let endpoint: EngineEndpoint | EndpointConfigError;
      try {
        endpoint = contextEndpoint(host, tlsDir, reader.list(tlsDir), docker?.SkipTLSVerify === true);
      } catch (err) {
        endpoint = err instanceof EndpointConfigError
          ? new EndpointConfigError(`context ${name}: ${err.message.replace(/^DOCKER_HOST=/, 'host ')}`)
          : new EndpointConfigError(`context ${name}: ${(err as Error).message}`);
      }
      engines.push({ name, source: 'context', description, endpoint });
    }
  }
  engines.sort((x, y) => (x.source === 'default' ? -1 : y.source === 'default' ? 1 : x.name.localeCompare(y.name)));
  // DOCKER_HOST set: the default context, whatever else says.
  let current = env.DOCKER_HOST?.trim() ? DEFAULT_CONTEXT : env.DOCKER_CONTEXT?.trim() || fromConfig || DEFAULT_CONTEXT;
  if (!engines.some((e) => e.name === current)) {
    problems.push(`the current context ${current} (${env.DOCKER_CONTEXT?.trim() ? 'DOCKER_CONTEXT' : 'config.json'}) does not exist: using default`);
    current = DEFAULT_CONTEXT;
  }
  return { current, engines, problems };
}
