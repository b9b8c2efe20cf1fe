'use client';
/**
 * The engine switcher in the header: every engine (docker contexts, SWITCHYARD_ENGINES), each
 * marked up or down by name. Picking one opens the page for it (the engine is in the URL, so
 * a view of another engine can be shared and reloaded); "All engines" is the overview.
 */
import type { EngineSummary } from '@/lib/schemas/engines';
import { useEngines } from '@/lib/hooks/use-engines';

export const engineHref = (name: string, current: boolean) => (current ? '/' : `/?engine=${encodeURIComponent(name)}`);

export function stateWord(e: Pick<EngineSummary, 'ok' | 'state'>): string {
  if (e.ok) return e.state === 'live' ? 'up' : e.state;
  return 'down';
}

export function EngineSwitcher({ engine }: { engine: string | null }) {
  const { data } = useEngines();
  if (!data) return null;
  const shown = engine ?? data.current;
  const known = data.engines.some((e) => e.name === shown);
  // One engine and nothing to choose: no control, only the overview link.
  return (
    <div className="flex items-center gap-2 text-sm" data-testid="engine-switcher">
      {data.engines.length > 1 || !known ? (
        <label className="flex items-center gap-1">
          <span className="text-slate-600 dark:text-slate-400">Engine</span>
          <select
            className="rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-700 dark:bg-slate-900"
            value={shown}
            onChange={(ev) => {
              const next = data.engines.find((e) => e.name === ev.target.value);
              if (next) window.location.assign(engineHref(next.name, next.current));
            }}
          >
            {known ? null : <option value={shown}>{shown} (unknown)</option>}
            {data.engines.map((e) => (
              <option key={e.name} value={e.name}>
                {e.name}{e.current ? ' (current)' : ''} · {stateWord(e)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <a className="text-sky-700 underline dark:text-sky-400" href="/engines">All engines</a>
      {data.engines.length > 1 ? <a className="text-sky-700 underline dark:text-sky-400" href="/fleet" data-testid="fleet-link">Fleet graph</a> : null}
    </div>
  );
}
