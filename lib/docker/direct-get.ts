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
import { ArraySplitter } from './json-array-split';

/** Where the engine listens: a unix socket, or host and port (TLS with `agent` an https.Agent). */
export type DirectTarget =
  | { kind: 'unix'; socketPath: string }
  | { kind: 'tcp'; host: string; port: number; tls: https.Agent | null };

/**
 * GET `path` (without the version prefix) and parse the JSON answer; `each`, where there is
 * one, GETs a JSON array and hands its elements over one at a time, each parsed alone
 * (./json-array-split), never the whole answer as one string.
 */
export type JsonGet = (<T>(path: string, signal: AbortSignal) => Promise<T>) & {
  each?: (path: string, signal: AbortSignal, element: (x: unknown) => void) => Promise<void>;
};

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
  /** The answer's whole text, for a refusal (dockerode's shape: statusCode and json.message). */
  const refusal = (res: http.IncomingMessage, text: string) => {
    const json = parseOrNull(text);
    return new EngineHttpError(res.statusCode ?? 0, json && typeof json === 'object' ? json as { message?: string } : null, text.trim() || (res.statusMessage ?? ''));
  };
  const get = (path: string, signal: AbortSignal, answer: (res: http.IncomingMessage) => void, reject: (e: unknown) => void) => {
    const req = request({ ...where, path: prefix + path, method: 'GET', agent, signal, headers: { accept: 'application/json' } }, (res) => {
      addAbortSignal(signal, res); // aborted while the answer comes: an AbortError, as before it
      res.on('error', reject);
      answer(res);
    });
    req.on('error', reject);
    req.end();
  };
  const ok = (res: http.IncomingMessage) => (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300;
  const whole = (res: http.IncomingMessage, done: (text: string) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(Buffer.concat(chunks).toString()));
  };
  const json: JsonGet = <T,>(path: string, signal: AbortSignal) => new Promise<T>((resolve, reject) => {
    get(path, signal, (res) => whole(res, (text) => {
      if (!ok(res)) return reject(refusal(res, text));
      const parsed = parseOrNull(text);
      if (parsed !== null) resolve(parsed as T);
      else reject(new Error(`the engine answered GET ${path} with something other than JSON`));
    }), reject);
  });
  json.each = (path, signal, element) => new Promise<void>((resolve, reject) => {
    get(path, signal, (res) => {
      if (!ok(res)) return whole(res, (text) => reject(refusal(res, text)));
      const split = new ArraySplitter((text) => element(JSON.parse(text)));
      const fail = (err: unknown) => {
        res.destroy();
        reject(new Error(`the engine answered GET ${path} with something other than a JSON array (${err instanceof Error ? err.message : String(err)})`));
      };
      res.on('data', (c: Buffer) => {
        try {
          split.push(c);
        } catch (err) {
          fail(err);
        }
      });
      res.on('end', () => {
        try {
          split.end();
          resolve();
        } catch (err) {
          fail(err);
        }
      });
    }, reject);
  });
  return json;
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

/** The text as JSON, or null when it is not JSON (or is JSON's own null). */
function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
