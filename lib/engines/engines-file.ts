/**
 * SWITCHYARD_ENGINES: a JSON file of named engines for people without docker contexts.
 *
 *   { "engines": [ { "name": "build-box", "host": "tcp://10.0.0.5:2376", "tlsVerify": true,
 *                    "certPath": "/etc/switchyard/build-box", "description": "CI runners" } ] }
 *
 * (a bare array of the same entries is taken too). `host` is written as DOCKER_HOST is;
 * `tlsVerify` and `certPath` are DOCKER_TLS_VERIFY and DOCKER_CERT_PATH. Pure.
 */
import { z } from 'zod';
import { endpointFromEnv, EndpointConfigError, type EngineEndpoint } from '@/lib/docker/endpoint';
import { ENGINE_NAME, type EngineSpec } from './contexts';

const entrySchema = z.object({
  name: z.string().regex(ENGINE_NAME, 'a name of letters, digits and _ . + - (as docker context names)').max(64),
  host: z.string().min(1, 'host is empty').max(512),
  tlsVerify: z.boolean().optional(),
  certPath: z.string().max(1024).optional(),
  description: z.string().max(200).optional(),
}).strict();

const fileSchema = z.union([z.object({ engines: z.array(entrySchema).max(100) }).strict(), z.array(entrySchema).max(100)]);

/** The engines a file names, or the problems that kept it (or an entry of it) from being used. */
export function parseEnginesFile(text: string, path: string): { engines: EngineSpec[]; problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { engines: [], problems: [`${path} (SWITCHYARD_ENGINES) is not JSON`] };
  }
  const r = fileSchema.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0]!;
    return { engines: [], problems: [`${path} (SWITCHYARD_ENGINES): ${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`] };
  }
  const entries = Array.isArray(r.data) ? r.data : r.data.engines;
  const problems: string[] = [];
  const seen = new Set<string>();
  const engines: EngineSpec[] = [];
  for (const e of entries) {
    if (seen.has(e.name)) {
      problems.push(`${path} (SWITCHYARD_ENGINES) names ${e.name} twice: the first is used`);
      continue;
    }
    seen.add(e.name);
    let endpoint: EngineEndpoint | EndpointConfigError;
    try {
      endpoint = endpointFromEnv({ DOCKER_HOST: e.host, DOCKER_TLS_VERIFY: e.tlsVerify ? '1' : undefined, DOCKER_CERT_PATH: e.certPath });
    } catch (err) {
      endpoint = new EndpointConfigError(`engine ${e.name}: ${(err as Error).message.replace(/^DOCKER_HOST=/, 'host ')}`);
    }
    engines.push({ name: e.name, source: 'file', description: e.description ?? null, endpoint });
  }
  return { engines, problems };
}
