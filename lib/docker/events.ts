/**
 * The engine's event stream (GET /events, network and container events). No request timeout
 * once it is open: it is meant to stay open; the caller's signal ends it. Opening it is
 * bounded like any request, so a hung engine is reported rather than waited on forever.
 */
import 'server-only';
import { createInterface } from 'node:readline';
import { classifyEngineError, EngineError } from './errors';
import { engineTimeoutMs, engineConnection, type EngineConnection } from './client';

export interface EngineEvent {
  /** "network" | "container" */
  type: string;
  /** "connect", "disconnect", "create", "destroy", "start", "die", ... */
  action: string;
  /** Id of the object the event is about. */
  id: string;
  /** Its name, where the engine says. */
  name: string | null;
  /** For network connect/disconnect: the container. */
  container: string | null;
  time: number;
  /** The same in nanoseconds, where the engine gives it (it orders events within a second). */
  timeNano?: number;
  /** The actor's attributes that the activity log keeps: exitCode, image, type (a network's driver). */
  attributes?: { exitCode?: string; image?: string; type?: string };
}

interface RawEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
  timeNano?: number;
}

function pick(attrs: Record<string, string>): EngineEvent['attributes'] {
  const out: NonNullable<EngineEvent['attributes']> = {};
  if (attrs.exitCode !== undefined) out.exitCode = attrs.exitCode;
  if (attrs.image !== undefined) out.image = attrs.image;
  if (attrs.type !== undefined) out.type = attrs.type;
  return out;
}

export function toEngineEvent(raw: RawEvent): EngineEvent | null {
  if (!raw.Type || !raw.Action || !raw.Actor?.ID) return null;
  const attrs = raw.Actor.Attributes ?? {};
  return {
    type: raw.Type,
    action: raw.Action.split(':')[0]!, // "exec_start: sh", "health_status: healthy"
    id: raw.Actor.ID,
    name: attrs.name ?? null,
    container: attrs.container ?? null,
    time: raw.time ?? 0,
    timeNano: raw.timeNano,
    attributes: pick(attrs),
  };
}

export interface FollowOptions {
  conn?: EngineConnection;
  /** Only these actions (GET /events filter `event`); all when left out. */
  actions?: readonly string[];
  /** Only these event types (GET /events filter `type`); network and container when left out. */
  types?: readonly string[];
}

/**
 * Opens the stream; resolves once the engine has answered, then calls onEvent per event and
 * onEnd once when the engine closes or fails.
 */
export async function followEngineEvents(signal: AbortSignal, onEvent: (e: EngineEvent) => void, onEnd: (err: Error | null) => void, opts: FollowOptions = {}): Promise<void> {
  const conn = opts.conn ?? engineConnection();
  const engine = await conn.get();
  const filters: Record<string, string[]> = { type: [...(opts.types ?? ['network', 'container'])] };
  if (opts.actions) filters.event = [...opts.actions];
  let stream: NodeJS.ReadableStream;
  const opening = new AbortController();
  const timer = setTimeout(() => opening.abort(), engineTimeoutMs());
  const abortOpening = () => opening.abort();
  signal.addEventListener('abort', abortOpening);
  try {
    stream = await engine.docker.getEvents({ filters, abortSignal: AbortSignal.any([signal, opening.signal]) });
  } catch (err) {
    if (opening.signal.aborted && !signal.aborted) {
      throw new EngineError('timeout', `the Docker engine at ${engine.endpointLabel} did not answer GET /events in time`,
        'the engine may be overloaded or hung: check `docker info`, or raise SWITCHYARD_ENGINE_TIMEOUT_MS');
    }
    const e = classifyEngineError(err, engine.endpointLabel, 'GET /events');
    if (e.kind === 'unreachable') conn.reset();
    throw e;
  } finally {
    clearTimeout(timer);
  }
  let ended = false;
  const end = (err: Error | null) => {
    if (ended) return;
    ended = true;
    signal.removeEventListener('abort', abortOpening);
    onEnd(err);
  };
  // One JSON object a line (node:readline splits them, a line torn across chunks included).
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  // The stream's own error listener (below) says why it ended; readline re-emits the error here.
  lines.on('error', () => {});
  lines.on('line', (text) => {
    const line = text.trim();
    if (!line) return;
    let e: EngineEvent | null = null;
    try {
      e = toEngineEvent(JSON.parse(line) as RawEvent);
    } catch {
      // not JSON: events are hints to re-read, and the store re-reads in full on any doubt
    }
    if (e) onEvent(e);
  });
  stream.on('end', () => end(null));
  stream.on('close', () => end(null));
  stream.on('error', (err: Error) => end(signal.aborted ? null : classifyEngineError(err, engine.endpointLabel, 'GET /events')));
}
