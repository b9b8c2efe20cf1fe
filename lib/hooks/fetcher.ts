/**
 * JSON fetcher for SWR hooks: non-2xx answers become FetchError with the API's error body.
 * A page is about one engine, the one its URL names (?engine=, lib/graph/view-state): every API
 * request it makes names that engine too (withEngine), so none can ask another by mistake.
 * Switching engines is a navigation, so SWR's cache never mixes two engines.
 */

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
  if (typeof window === 'undefined') return null;
  return new URLSearchParams(window.location.search).get('engine') || null;
}

/** An API path naming the page's engine. */
export function withEngine(url: string, engine: string | null = pageEngine()): string {
  if (!engine || !url.startsWith('/api/')) return url;
  return `${url}${url.includes('?') ? '&' : '?'}engine=${encodeURIComponent(engine)}`;
}

/** Sends a request to Switchyard's API (about the page's engine); answers the JSON body, or throws a FetchError. */
export async function requestJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(withEngine(url), { cache: 'no-store', ...init, headers: { accept: 'application/json', ...init.headers } });
  } catch {
    throw new FetchError(0, 'Switchyard\'s server does not answer', 'server_unreachable', 'is `npm run dashboard` still running?', null);
  }
  const body: unknown = await res.json().catch(() => null);
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
