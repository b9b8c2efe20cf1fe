/**
 * What an event stream holds for a client that does not read. The server queues events for each
 * open stream; a client that stops reading (a tab frozen by the browser, a script that hangs)
 * would make that queue grow for ever. Each stream counts the bytes queued and not yet taken by
 * the connection; past the bound the stream is closed and the client remembered (by the id it
 * sent, `?client=`), so that when it connects again it is told why, and reads the topology
 * afresh as it does after any reconnect. Remembered clients are bounded too (the newest
 * DROPPED_MAX, for DROPPED_TTL_MS).
 */

/** Bytes queued for one client before it is dropped (SWITCHYARD_SSE_BACKLOG; default 4 MiB). */
export const DEFAULT_BACKLOG = 4 * 1024 * 1024;
const DROPPED_MAX = 1000;
const DROPPED_TTL_MS = 10 * 60_000;

export interface Dropped {
  at: string;
  queuedBytes: number;
  message: string;
}

/** A client's id, as the page sends it: letters, digits, - and _, 8 to 64 of them. */
export const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/;

const KEY = Symbol.for('switchyard.sse-dropped');

function dropped(): Map<string, Dropped & { t: number }> {
  const g = globalThis as unknown as Record<symbol, Map<string, Dropped & { t: number }> | undefined>;
  return (g[KEY] ??= new Map());
}

/** Remembers that a client was dropped (the oldest forgotten past the bound). */
export function rememberDropped(client: string, queuedBytes: number, bound: number, now = Date.now()): Dropped {
  const m = dropped();
  const d = {
    t: now,
    at: new Date(now).toISOString(),
    queuedBytes,
    message: `this page stopped reading its live updates: ${mib(queuedBytes)} were waiting for it (the bound is ${mib(bound)}), so the server closed its stream; it has read the topology again`,
  };
  m.delete(client);
  m.set(client, d);
  while (m.size > DROPPED_MAX) m.delete(m.keys().next().value!);
  return d;
}

/** Why this client was dropped, once (null: it was not, or too long ago). */
export function takeDropped(client: string | null, now = Date.now()): Dropped | null {
  if (!client) return null;
  const m = dropped();
  const d = m.get(client);
  if (!d) return null;
  m.delete(client);
  if (now - d.t > DROPPED_TTL_MS) return null;
  return { at: d.at, queuedBytes: d.queuedBytes, message: d.message };
}

function mib(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${Math.round(n / 1024)} KiB`;
}

/** How many clients are remembered (for the health figures and tests). */
export function droppedCount(): number {
  return dropped().size;
}
