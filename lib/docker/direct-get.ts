/**
 * The engine's GETs that the store makes by the thousand (lists and inspects), straight on
 * node:http(s) over connections kept open, 8 at a time on one engine: the same requests the
 * benchmark's floor makes (scripts/bench.mjs). Through dockerode's modem the same full read of
 * 400 containers took 1.5-1.7 times the floor: it opens a new connection per request on a unix
 * socket (a kept-alive agent there made it slower still) and formats every request's options for
 * a debug log it does not print. Everything else (changes, streams, exec, ssh:// engines) stays on
 * dockerode. Failures have dockerode's shapes (errno codes; statusCode and json.message; the
 * abort's name), so lib/docker/errors sorts them alike.
 */
import http from 'node:http';
import https from 'node:https';
import { addAbortSignal } from 'node:stream';

/** Where the engine listens: a unix socket, or host and port (TLS with `agent` an https.Agent). */
export type DirectTarget =
  | { kind: 'unix'; socketPath: string }
  | { kind: 'tcp'; host: string; port: number; tls: https.Agent | null };

/** GET `path` (without the version prefix) and parse the JSON answer. */
export type JsonGet = <T>(path: string, signal: AbortSignal) => Promise<T>;

/** The error a refusal makes: dockerode's shape (see classifyEngineError). */
export class EngineHttpError extends Error {
  constructor(readonly statusCode: number, readonly json: { message?: string } | null, text: string) {
    super(`(HTTP code ${statusCode}) ${json?.message ?? text}`);
  }
}

/** Connections kept per engine: the store's inspects go 8 at a time (lib/docker/snapshot). */
const SOCKETS = 8;
/** An idle connection is closed after this long (ms). */
const IDLE_MS = 30_000;

export function directGet(target: DirectTarget, version: string): JsonGet {
  const prefix = version ? `/${version}` : '';
  const agent = target.kind === 'tcp' && target.tls
    ? target.tls
    : new http.Agent({ keepAlive: true, maxSockets: SOCKETS, maxFreeSockets: SOCKETS, timeout: IDLE_MS });
  const request = target.kind === 'tcp' && target.tls ? https.request : http.request;
  const where = target.kind === 'unix' ? { socketPath: target.socketPath } : { host: target.host, port: target.port };
  return <T,>(path: string, signal: AbortSignal) => new Promise<T>((resolve, reject) => {
    const req = request({ ...where, path: prefix + path, method: 'GET', agent, signal, headers: { accept: 'application/json' } }, (res) => {
      addAbortSignal(signal, res); // aborted while the answer comes: an AbortError, as before it
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let json: unknown = null;
        try {
          json = JSON.parse(text);
        } catch {
          json = null;
        }
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300 && json !== null) resolve(json as T);
        else if (status >= 200 && status < 300) reject(new Error(`the engine answered GET ${path} with something other than JSON`));
        else reject(new EngineHttpError(status, json && typeof json === 'object' ? json as { message?: string } : null, text.trim() || (res.statusMessage ?? '')));
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** The same GET through dockerode's modem: for engines reached in ways node:http cannot (ssh://). */
export function modemGet(modem: { dial(o: object, cb: (err: unknown, data: unknown) => void): void }): JsonGet {
  return <T,>(full: string, signal: AbortSignal) => new Promise<T>((resolve, reject) => {
    // The modem builds the query from `options` and wants the path to end in '?' then.
    const [path, query] = full.split('?', 2);
    const options = Object.fromEntries(new URLSearchParams(query ?? ''));
    modem.dial({ path: query ? `${path}?` : path, options, method: 'GET', statusCodes: { 200: true, 400: 'bad request', 404: 'no such object', 500: 'server error' }, abortSignal: signal },
      (err, data) => (err ? reject(err) : resolve(data as T)));
  });
}
