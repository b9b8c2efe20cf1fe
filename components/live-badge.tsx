'use client';
/** The header's badge: whether the page's event stream is live, and whether the server had dropped it. */
import type { EventsState } from '@/lib/hooks/use-engine-events';

export function LiveBadge({ state, dropped }: { state: EventsState; dropped?: string | null }) {
  const text = { connecting: 'connecting…', live: 'live', 'engine-down': 'engine down, retrying', reconnecting: 'reconnecting…' }[state];
  const dot = state === 'live' ? 'bg-emerald-500' : state === 'engine-down' ? 'bg-red-500' : 'bg-amber-500';
  return (
    <span className="ml-auto flex items-center gap-1 text-xs text-slate-600 dark:text-slate-400" data-testid="live-state" data-state={state} title={dropped ?? undefined}>
      <span className={`inline-block size-2 rounded-full ${dot}`} aria-hidden /> {text}
      {dropped && <span className="text-amber-700 dark:text-amber-400" data-testid="live-dropped"> (caught up after falling behind)</span>}
    </span>
  );
}
