/** JSON fetcher for SWR hooks: non-2xx answers become FetchError with the API's error body. */

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

/** Sends a request to Switchyard's API; answers the JSON body, or throws a FetchError. */
export async function requestJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { cache: 'no-store', ...init, headers: { accept: 'application/json', ...init.headers } });
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
