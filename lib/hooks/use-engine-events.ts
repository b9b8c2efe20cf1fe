'use client';
import { useEffect, useRef, useState } from 'react';
import type { TopologyPatch } from '@/lib/topology/types';
import type { Traffic, TrafficPatch } from '@/lib/schemas/traffic';
import { backoffMs } from '@/lib/config/backoff';
import { withEngine } from './fetcher';

export type EventsState = 'connecting' | 'live' | 'engine-down' | 'reconnecting';

export interface EngineEventHandlers {
  /** The server's store is live at this version (on every (re)connect). */
  onReady: (epoch: string, version: number) => void;
  /** One change, from one version to the next. */
  onPatch: (patch: TopologyPatch) => void;
  /** The engine went away (the stream ends; it is retried). */
  onDown: () => void;
  /** An entry was written to the activity timeline. */
  onActivity?: () => void;
  /** With traffic asked for: the flows now (on every (re)connect), then what changed. */
  onTraffic?: (t: Traffic) => void;
  onTrafficPatch?: (p: TrafficPatch) => void;
  /** The server had dropped this page's stream for not reading it (lib/events/backlog): why. */
  onDropped?: (message: string) => void;
}

/**
 * Follows /api/events: `ready` on every (re)connect, then one `patch` per change of the
 * server's topology. Reconnects with Switchyard's one policy (lib/config/backoff): the stream is
 * closed on an error and opened again here, so EventSource's own retry never runs. The page holds one stream; the server holds one
 * engine stream however many pages are open.
 */
export function useEngineEvents(handlers: EngineEventHandlers, opts: { trafficMs: number | null; path?: string } = { trafficMs: null }): EventsState {
  const trafficMs = opts.trafficMs;
  // An engine's events, or the fleet's (/api/fleet/events: the same events, no traffic).
  const path = opts.path ?? '/api/events';
  const [state, setState] = useState<EventsState>('connecting');
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  }, [handlers]);

  useEffect(() => {
    let es: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let disposed = false;
    // This page's id on the stream: if the server drops it for not reading, it says so when it is back.
    // (getRandomValues, not randomUUID: a page served over plain http on a LAN address has no randomUUID.)
    const client = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');

    const reconnect = (why: EventsState) => {
      es?.close();
      es = null;
      if (disposed) return;
      setState(why);
      const wait = backoffMs(attempt++);
      retry = setTimeout(connect, wait);
    };
    function connect() {
      if (disposed) return;
      es = new EventSource(withEngine(`${path}?client=${client}${trafficMs === null ? '' : `&traffic=${trafficMs}`}`));
      es.addEventListener('ready', (m) => {
        attempt = 0;
        setState('live');
        const { epoch, version } = JSON.parse((m as MessageEvent<string>).data) as { epoch: string; version: number };
        ref.current.onReady(epoch, version);
      });
      es.addEventListener('patch', (m) => ref.current.onPatch(JSON.parse((m as MessageEvent<string>).data) as TopologyPatch));
      es.addEventListener('activity', () => ref.current.onActivity?.());
      es.addEventListener('dropped', (m) => ref.current.onDropped?.((JSON.parse((m as MessageEvent<string>).data) as { message: string }).message));
      es.addEventListener('traffic', (m) => ref.current.onTraffic?.(JSON.parse((m as MessageEvent<string>).data) as Traffic));
      es.addEventListener('traffic-patch', (m) => ref.current.onTrafficPatch?.(JSON.parse((m as MessageEvent<string>).data) as TrafficPatch));
      // The server lost its engine stream and reads the engine again; `ready` follows.
      es.addEventListener('resyncing', () => setState('reconnecting'));
      es.addEventListener('engine-down', () => {
        ref.current.onDown();
        reconnect('engine-down');
      });
      es.onerror = () => reconnect('reconnecting');
    }
    connect();
    return () => {
      disposed = true;
      clearTimeout(retry);
      es?.close();
    };
  }, [trafficMs, path]);

  return state;
}
