/**
 * JSON fetcher for SWR hooks: non-2xx answers become FetchError with the API's error body.
 * A page is about one engine, the one its URL names (?engine=, lib/graph/view-state): every API
 * request it makes names that engine too (withEngine), so none can ask another by mistake.
 * Switching engines is a navigation, so SWR's cache never mixes two engines.
 */
import { parseView } from '@/lib/graph/view-state';
import { pageSearch } from './page-url';

export class FetchError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | null,
    readonly hint: string | null,
    readonly body: unknown,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

/** The engine this page is about (?engine= in its URL), or null for the current context. */
export function pageEngine(): string | null {
  return parseView(new URLSearchParams(pageSearch())).engine;
}

/** An API path naming the page's engine. */
export function withEngine(url: string, engine: string | null = pageEngine()): string {
  if (!engine || !url.startsWith('/api/')) return url;
  return `${url}${url.includes('?') ? '&' : '?'}engine=${encodeURIComponent(engine)}`;
}

/**
 * How long a request waits for Switchyard's own server. The server bounds each engine call
 * (SWITCHYARD_ENGINE_TIMEOUT_MS) and answers a slow engine with an error of its own, so this is
 * only for a server that hangs: the page then says so, and SWR asks again, instead of waiting
 * for ever at "Checking the Docker engine…".
 */
export const REQUEST_TIMEOUT_MS = 60_000;

const isWrite = (init: RequestInit) => !!init.method && !['GET', 'HEAD'].includes(init.method.toUpperCase());

function noAnswer(init: RequestInit, timeoutMs: number): FetchError {
  return new FetchError(0, `Switchyard's server did not answer in ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}`, 'server_timeout',
    isWrite(init)
      ? 'the change may still be made: the graph shows what the engine has once the server answers again'
      : 'it is asked again; is `npm run dashboard` still running, and is its host busy?', null);
}

/** Sends a request to Switchyard's API (about the page's engine, or the one named); answers the JSON body, or throws a FetchError. */
export async function requestJson<T>(url: string, init: RequestInit = {}, { timeoutMs = REQUEST_TIMEOUT_MS, engine = pageEngine() }: { timeoutMs?: number; engine?: string | null } = {}): Promise<T> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  const timedOut = () => timeout.aborted && !init.signal?.aborted;
  let res: Response;
  try {
    res = await fetch(withEngine(url, engine), { cache: 'no-store', ...init, signal, headers: { accept: 'application/json', ...init.headers } });
  } catch (err) {
    if (timedOut()) throw noAnswer(init, timeoutMs);
    if (init.signal?.aborted) throw err;
    throw new FetchError(0, 'Switchyard\'s server does not answer', 'server_unreachable', 'is `npm run dashboard` still running?', null);
  }
  const body: unknown = await res.json().catch(() => null);
  if (timedOut() && body === null) throw noAnswer(init, timeoutMs);
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string; hint?: string | null } } | null)?.error;
    throw new FetchError(res.status, err?.message ?? `HTTP ${res.status}`, err?.code ?? null, err?.hint ?? null, body);
  }
  return body as T;
}

/** SWR fetcher. */
export function fetchJson<T>(url: string): Promise<T> {
  return requestJson<T>(url);
}
