'use client';
import { useEffect, useRef, useState } from 'react';

export type EventsState = 'connecting' | 'live' | 'engine-down' | 'reconnecting';

const DEBOUNCE_MS = 200;
const BACKOFF_MS = [1_000, 2_000, 4_000, 8_000, 10_000];

/**
 * Follows /api/events and calls onChange (debounced: a restart is a burst of events) when
 * the engine reports a network or container change, and once more whenever the stream
 * (re)connects, since anything may have changed while it was down. Reconnects with backoff.
 */
export function useEngineEvents(onChange: () => void): EventsState {
  const [state, setState] = useState<EventsState>('connecting');
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    let es: EventSource | null = null;
    let debounce: ReturnType<typeof setTimeout> | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let disposed = false;

    const changed = () => {
      clearTimeout(debounce);
      debounce = setTimeout(() => onChangeRef.current(), DEBOUNCE_MS);
    };
    const reconnect = (why: EventsState) => {
      es?.close();
      es = null;
      if (disposed) return;
      setState(why);
      const wait = BACKOFF_MS[Math.min(attempt++, BACKOFF_MS.length - 1)]!;
      retry = setTimeout(connect, wait);
    };
    function connect() {
      if (disposed) return;
      es = new EventSource('/api/events');
      es.addEventListener('ready', () => {
        attempt = 0;
        setState('live');
        changed();
      });
      es.addEventListener('change', changed);
      es.addEventListener('engine-down', () => {
        changed();
        reconnect('engine-down');
      });
      es.onerror = () => reconnect('reconnecting');
    }
    connect();
    return () => {
      disposed = true;
      clearTimeout(debounce);
      clearTimeout(retry);
      es?.close();
    };
  }, []);

  return state;
}
