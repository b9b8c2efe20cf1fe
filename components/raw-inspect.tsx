'use client';
import { useState } from 'react';
import useSWR from 'swr';
import { fetchJson } from '@/lib/hooks/fetcher';

/** The engine's own inspect JSON, fetched only when asked for. */
export function RawInspect({ kind, id }: { kind: 'containers' | 'networks'; id: string }) {
  const [open, setOpen] = useState(false);
  const { data, error, isLoading } = useSWR<{ raw: unknown }>(open ? `/api/${kind}/${id}` : null, fetchJson);
  return (
    <div className="mt-3">
      <button type="button" className="text-xs text-blue-700 underline dark:text-blue-300" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
        {open ? 'Hide' : 'Show'} raw inspect JSON
      </button>
      {open ? (
        isLoading ? <p className="text-xs text-slate-600 dark:text-slate-400">Loading…</p>
          : error ? <p role="alert" className="text-xs text-red-700">{(error as Error).message}</p>
            : <pre data-testid="raw-inspect" className="mt-1 max-h-80 overflow-auto rounded bg-slate-100 p-2 text-[10px] dark:bg-slate-900">{JSON.stringify(data?.raw, null, 2)}</pre>
      ) : null}
    </div>
  );
}
