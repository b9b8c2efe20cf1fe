'use client';
import { useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import { parseKnobs, parseView, serializeView, type PageKnobs, type ViewState } from '@/lib/graph/view-state';
import { pageSearch } from './page-url';

/*
 * The view lives in the URL (shareable, survives reload), read and written through this one
 * hook (lib/graph/view-state parses and writes it). It is written with history.replaceState,
 * not the Next router: a router navigation would suspend the page and remount the graph
 * (losing the user's pan, zoom and positions) for a query-string change.
 *
 * Not nuqs, the kept library for URL state, on purpose: it writes `:` unescaped in a value
 * (`?sel=container:abc`), which changes the form of every link already shared (and the e2e
 * test that pins it, `sel=container%3A…`); this is 30 lines over useSyncExternalStore.
 */
const listeners = new Set<() => void>();

function subscribe(cb: () => void) {
  listeners.add(cb);
  window.addEventListener('popstate', cb);
  return () => {
    listeners.delete(cb);
    window.removeEventListener('popstate', cb);
  };
}

/** The URL as the page opened with it: its view (a deep link's selection) and its tuning knobs. */
export interface OpenedWith {
  view: ViewState;
  knobs: PageKnobs;
}

/** The view, the way to change it, and the URL as the page opened with it. */
export function useViewState(): [ViewState, (patch: Partial<ViewState>) => void, OpenedWith] {
  const search = useSyncExternalStore(subscribe, pageSearch, () => '');
  const view = useMemo(() => parseView(new URLSearchParams(search)), [search]);
  // Read once, in the browser as the page hydrates (the server sees no URL here).
  const [opened] = useState(() => ({ view: parseView(new URLSearchParams(pageSearch())), knobs: parseKnobs(pageSearch()) }));
  const update = useCallback((patch: Partial<ViewState>) => {
    const next = serializeView({ ...parseView(new URLSearchParams(pageSearch())), ...patch });
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${next}`);
    for (const l of listeners) l();
  }, []);
  return [view, update, opened];
}
