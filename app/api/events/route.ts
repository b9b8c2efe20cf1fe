// GET /api/events - Server-Sent Events: the engine's network and container events, relayed.
// Events are hints to re-read /api/topology. "engine-down" says the engine went away; the
// client reconnects with backoff and gets "ready" once the engine answers again.
import { toApiError } from '@/lib/api/errors';
import { followEngineEvents } from '@/lib/docker/events';

export const dynamic = 'force-dynamic';

const HEARTBEAT_MS = 15_000;

export async function GET(req: Request): Promise<Response> {
  const encoder = new TextEncoder();
  const abort = new AbortController();
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const stop = () => {
    clearInterval(heartbeat);
    abort.abort();
  };
  req.signal.addEventListener('abort', stop);

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          closed = true;
        }
      };
      const send = (event: string, data: unknown) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      const close = () => {
        if (closed) return;
        stop();
        closed = true;
        try { controller.close(); } catch { /* already closed by the client */ }
      };
      write('retry: 2000\n\n');
      try {
        await followEngineEvents(abort.signal, (e) => send('change', e), (err) => {
          if (!abort.signal.aborted) send('engine-down', { message: err ? toApiError(err).message : 'the engine closed its event stream' });
          close();
        });
        send('ready', { at: new Date().toISOString() });
        heartbeat = setInterval(() => write(': ping\n\n'), HEARTBEAT_MS);
      } catch (err) {
        const e = toApiError(err);
        send('engine-down', { message: e.message, hint: e.hint });
        close();
      }
    },
    cancel: stop,
  });

  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store, no-transform', 'x-accel-buffering': 'no' },
  });
}
