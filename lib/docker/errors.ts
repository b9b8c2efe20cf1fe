/**
 * Engine failures sorted into the few kinds the rest of the app acts on. dockerode reports
 * transport errors (errno codes), HTTP refusals (statusCode + json.message) and aborts
 * differently; this is the one place that knows those shapes.
 */

export type EngineErrorKind = 'unreachable' | 'timeout' | 'not-found' | 'conflict' | 'bad-request' | 'forbidden' | 'engine';

export class EngineError extends Error {
  constructor(
    readonly kind: EngineErrorKind,
    message: string,
    readonly hint: string | null = null,
    /** The engine's own words, where it answered. */
    readonly engineMessage: string | null = null,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

interface DockerodeLikeError {
  code?: string;
  name?: string;
  statusCode?: number;
  reason?: string;
  json?: { message?: string } | null;
  message?: string;
}

/** Turns anything dockerode threw into an EngineError; `endpoint` is the label, `what` the call. */
export function classifyEngineError(err: unknown, endpoint: string, what: string): EngineError {
  if (err instanceof EngineError) return err;
  const e = (err ?? {}) as DockerodeLikeError;
  if (e.name === 'AbortError' || e.name === 'TimeoutError' || e.code === 'ABORT_ERR' || e.code === 'ETIMEDOUT') {
    return new EngineError('timeout', `the Docker engine at ${endpoint} did not answer ${what} in time`,
      'the engine may be overloaded or hung: check `docker info`, or raise SWITCHYARD_ENGINE_TIMEOUT_MS');
  }
  switch (e.code) {
    case 'ENOENT':
    case 'ECONNREFUSED':
      return new EngineError('unreachable', `no Docker engine at ${endpoint.replace(/^unix:\/\//, '')}: is the daemon running? set DOCKER_HOST to use another`,
        'start it (for example `sudo systemctl start docker`, or `npm run lab` as root)');
    case 'EACCES':
    case 'EPERM':
      return new EngineError('unreachable', `permission denied on ${endpoint}`,
        'run Switchyard as a user in the docker group (or as root), or point DOCKER_HOST at an engine you may use');
    case 'ECONNRESET':
    case 'EPIPE':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new EngineError('unreachable', `lost the connection to the Docker engine at ${endpoint} (${e.code})`,
        'check that the engine is running and reachable, then retry');
  }
  const engineMessage = (e.json && typeof e.json === 'object' && e.json.message) || null;
  if (typeof e.statusCode === 'number') {
    const said = engineMessage ?? e.reason ?? `HTTP ${e.statusCode}`;
    if (e.statusCode === 404) return new EngineError('not-found', said, null, engineMessage);
    if (e.statusCode === 409) return new EngineError('conflict', said, null, engineMessage);
    if (e.statusCode === 400) return new EngineError('bad-request', said, null, engineMessage);
    if (e.statusCode === 403) return new EngineError('forbidden', said, null, engineMessage);
    return new EngineError('engine', `the engine failed ${what}: ${said}`, null, engineMessage);
  }
  const m = e.message ?? String(err);
  if (/socket hang up/i.test(m)) {
    return new EngineError('unreachable', `lost the connection to the Docker engine at ${endpoint}`,
      'check that the engine is running, then retry');
  }
  return new EngineError('engine', `the engine failed ${what}: ${m}`);
}
