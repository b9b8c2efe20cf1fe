/**
 * The engine's event stream (GET /events, network and container events only). No request
 * timeout here: it is meant to stay open; the caller's signal ends it.
 */
import 'server-only';
import { classifyEngineError } from './errors';
import { getEngine } from './client';

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
}

interface RawEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
}

export function toEngineEvent(raw: RawEvent): EngineEvent | null {
  if (!raw.Type || !raw.Action || !raw.Actor?.ID) return null;
  const attrs = raw.Actor.Attributes ?? {};
  return {
    type: raw.Type,
    action: raw.Action.split(':')[0]!, // "exec_start: sh" and the like
    id: raw.Actor.ID,
    name: attrs.name ?? null,
    container: attrs.container ?? null,
    time: raw.time ?? 0,
  };
}

/** Opens the stream; calls onEvent per event and onEnd once when the engine closes or fails. */
export async function followEngineEvents(signal: AbortSignal, onEvent: (e: EngineEvent) => void, onEnd: (err: Error | null) => void): Promise<void> {
  const engine = await getEngine();
  let stream: NodeJS.ReadableStream;
  try {
    stream = (await engine.docker.getEvents({ filters: { type: ['network', 'container'] }, abortSignal: signal } as never)) as unknown as NodeJS.ReadableStream;
  } catch (err) {
    throw classifyEngineError(err, engine.endpointLabel, 'GET /events');
  }
  let buffer = '';
  let ended = false;
  const end = (err: Error | null) => {
    if (ended) return;
    ended = true;
    onEnd(err);
  };
  stream.on('data', (chunk: Buffer | string) => {
    buffer += chunk.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (!line) continue;
      try {
        const e = toEngineEvent(JSON.parse(line) as RawEvent);
        if (e) onEvent(e);
      } catch {
        // a torn line: ignore, events are only hints to re-read
      }
    }
  });
  stream.on('end', () => end(null));
  stream.on('close', () => end(null));
  stream.on('error', (err: Error) => end(signal.aborted ? null : classifyEngineError(err, engine.endpointLabel, 'GET /events')));
}
