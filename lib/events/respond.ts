/**
 * The event stream's body, shared by an engine's (app/api/events) and the fleet's
 * (app/api/fleet/events): the events it sends are listed in app/api/events/route.ts.
 */
import 'server-only';
import { backoffMs } from '@/lib/config/backoff';
import { ApiError, toApiError, toErrorResponse } from '@/lib/api/errors';
import { EngineError } from '@/lib/docker/errors';
import type { Journal } from '@/lib/activity/journal';
import type { StoreMessage, TopologyStore } from '@/lib/store/topology-store';
import { checkInput } from '@/lib/schemas/common';
import { DEFAULT_INTERVAL_MS, trafficQuery, type Traffic, type TrafficPatch } from '@/lib/schemas/traffic';
import { trafficSampler } from '@/lib/traffic/service';
import { settings } from '@/lib/config/env';
import { CLIENT_ID, rememberDropped, takeDropped } from '@/lib/events/backlog';

const HEARTBEAT_MS = 15_000;
/** What the stream queues before it counts against the bound (the connection takes it as it can). */
const HIGH_WATER = 64 * 1024;

/** What an event stream follows: a store (an engine's, or the fleet's), its journal, and the store whose traffic it may carry. */
export interface EventsSource {
  store: Pick<TopologyStore, 'subscribe' | 'current' | 'lastError'>;
  journal: Pick<Journal, 'subscribe'> | null;
  /** null: this stream carries no traffic (the fleet's: traffic is asked of one engine). */
  traffic: TopologyStore | null;
}

/** GET /api/events and GET /api/fleet/events: Server-Sent Events from `open(req)`'s store (see app/api/events/route.ts). */
export async function eventsResponse(req: Request, open: (req: Request) => EventsSource): Promise<Response> {
  let store: EventsSource['store'];
  let journal: EventsSource['journal'];
  let trafficStore: TopologyStore | null;
  let trafficMs: number | null = null;
  let client: string | null;
  try {
    ({ store, journal, traffic: trafficStore } = open(req));
    client = new URL(req.url).searchParams.get('client');
    if (client !== null && !CLIENT_ID.test(client)) throw new ApiError('bad_request', 'client must be 8 to 64 letters, digits, - or _', 'the page sends a random id of its own; leave it out from a script');
    const t = new URL(req.url).searchParams.get('traffic');
    if (t !== null) {
      const r = checkInput(trafficQuery, { interval: t });
      if (!r.ok) throw new ApiError('bad_request', `traffic ${JSON.stringify(t.slice(0, 20))} is not a reading interval`, r.problem.hint);
      trafficMs = r.value.interval ?? DEFAULT_INTERVAL_MS;
      if (!trafficStore) throw new ApiError('bad_request', 'these events carry no traffic', 'traffic is read per engine: follow /api/events?engine=NAME&traffic=MS');
    }
  } catch (err) {
    return toErrorResponse(err);
  }
  const encoder = new TextEncoder();
  const bound = settings().SWITCHYARD_SSE_BACKLOG;
  let cleanup = () => {};
  req.signal.addEventListener('abort', () => cleanup());

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      const write = (text: string) => {
        if (closed) return;
        const bytes = encoder.encode(text);
        try {
          controller.enqueue(bytes);
        } catch {
          closed = true;
          return;
        }
        const queued = HIGH_WATER - (controller.desiredSize ?? HIGH_WATER);
        // What was waiting before this chunk: one large event (the first flows of a big host) is no sign of a client that does not read.
        if (queued - bytes.length > bound) {
          // It does not read: let it go (its queue with it), and tell it why when it is back.
          closed = true;
          cleanup();
          if (client) rememberDropped(client, queued, bound);
          console.warn(`[switchyard] an event-stream client${client ? ` (${client})` : ''} left ${queued} bytes unread: dropped`);
          controller.error(new Error('the client did not read its events'));
        }
      };
      const send = (event: string, data: unknown) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      let heartbeat: ReturnType<typeof setInterval> | undefined;
      let unsubscribe = () => {};
      let unfollow = () => {};
      let unwatch = () => {};
      const close = () => {
        cleanup();
        if (closed) return;
        closed = true;
        try { controller.close(); } catch { /* already closed by the client */ }
      };
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
        unfollow();
        unwatch();
      };
      const down = (err: unknown) => {
        const e = toApiError(err);
        send('engine-down', { message: e.message, hint: e.hint });
        close();
      };
      // For EventSource clients that retry by themselves: the policy's first wait (lib/config/backoff).
      write(`retry: ${backoffMs(0)}\n\n`);
      const wasDropped = takeDropped(client);
      if (wasDropped) send('dropped', wasDropped);
      // Patches made while the first answer is awaited are sent after `ready`, in order.
      const early: StoreMessage[] = [];
      let isReady = false;
      const onMessage = (m: StoreMessage) => {
        if (!isReady) {
          early.push(m);
          return;
        }
        if (m.kind === 'patch') send('patch', m.patch);
        else if (m.kind === 'engine-event') send('change', m.event);
        else if (m.status.state === 'down') down(store.lastError() ?? new EngineError('unreachable', 'the engine went away'));
        else if (m.status.state === 'resyncing') send('resyncing', { message: m.status.error?.message ?? 'the engine event stream was lost: reading the engine again' });
        else if (m.status.state === 'live') send('ready', { epoch: m.status.epoch, version: m.status.version, at: new Date().toISOString() });
      };
      unsubscribe = store.subscribe(onMessage);
      // Traffic asked for: watched from now, its first read under way while the store answers.
      let firstTraffic: Promise<Traffic | null> | null = null;
      let sendTraffic: (t: Traffic) => void = () => {};
      if (trafficMs !== null && trafficStore) {
        const sampler = trafficSampler(trafficStore);
        const release = sampler.watch(trafficMs);
        // Patches before the first answer are in it; those after it wait until it is sent.
        let phase: 'reading' | 'read' | 'sent' = 'reading';
        const queued: TrafficPatch[] = [];
        const unsub = sampler.subscribe((p) => {
          if (phase === 'sent') send('traffic-patch', p);
          else if (phase === 'read') queued.push(p);
        });
        unwatch = () => { unsub(); release(); };
        // A read that fails (the engine went away) says so on the stream's own terms: engine-down.
        // No lease: the watch keeps the reading going, and ends it when the stream does.
        firstTraffic = sampler.current(trafficMs, { lease: false }).then((t) => { phase = 'read'; return t; }, () => null);
        sendTraffic = (t) => {
          send('traffic', t);
          phase = 'sent';
          for (const p of queued.splice(0)) send('traffic-patch', p);
        };
      }
      if (journal) unfollow = journal.subscribe((entry) => send('activity', entry));
      try {
        const t = await store.current();
        isReady = true;
        send('ready', { epoch: t.meta!.epoch, version: t.meta!.version, at: new Date().toISOString() });
        // Store states from before `ready` are old news; patches up to its version are in it.
        for (const m of early) if (m.kind === 'engine-event' || (m.kind === 'patch' && m.patch.to > t.meta!.version)) onMessage(m);
        heartbeat = setInterval(() => write(': ping\n\n'), HEARTBEAT_MS);
        // The flows follow `ready` (their read began with the stream).
        if (firstTraffic) void firstTraffic.then((t) => { if (t) sendTraffic(t); });
      } catch (err) {
        down(err);
      }
    },
    cancel: () => cleanup(),
  }, new ByteLengthQueuingStrategy({ highWaterMark: HIGH_WATER }));

  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store, no-transform', 'x-accel-buffering': 'no' },
  });
}
