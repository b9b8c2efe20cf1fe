'use client';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { parseView, serializeView, type ViewState } from '@/lib/graph/view-state';

/*
 * The view lives in the URL (shareable, survives reload). It is written with
 * history.replaceState, not the Next router: a router navigation would suspend the page and
 * remount the graph (losing the user's pan, zoom and positions) for a query-string change.
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

export function useViewState(): [ViewState, (patch: Partial<ViewState>) => void] {
  const search = useSyncExternalStore(subscribe, () => window.location.search, () => '');
  const view = useMemo(() => parseView(new URLSearchParams(search)), [search]);
  const update = useCallback((patch: Partial<ViewState>) => {
    const next = serializeView({ ...parseView(new URLSearchParams(window.location.search)), ...patch });
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${next}`);
    for (const l of listeners) l();
  }, []);
  return [view, update];
}
