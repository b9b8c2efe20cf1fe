'use client';
/**
 * Who reaches whom: rows from, columns to, each cell "IP + name", "IP", "port" or "none",
 * explained on hover and on focus (each cell is a button, reached with Tab), a click picks the
 * pair in the reachability panel.
 */
import { useState } from 'react';
import { useMatrix, type MatrixScope } from '@/lib/hooks/use-reachability';
import { checkInput } from '@/lib/schemas/common';
import { portParam } from '@/lib/schemas/reachability';

interface Props {
  scope: MatrixScope;
  port: number | null;
  version: string;
  onPick?: (fromId: string, toId: string) => void;
}

export function ReachMatrix({ scope, port, version, onPick }: Props) {
  const { data, error, isLoading } = useMatrix(scope, port, version);
  // The cell under the pointer or the keyboard focus, explained below the table.
  const [explained, setExplained] = useState<string | null>(null);
  if (error) return <p className="mt-1 text-xs text-red-700 dark:text-red-300" role="alert">Could not ask for the matrix: {(error as Error).message}</p>;
  if (!data) return <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{isLoading ? 'Asking…' : ''}</p>;
  const byPair = new Map(data.cells.map((c) => [c.from * data.containers.length + c.to, c]));
  const cell = (i: number, j: number) => byPair.get(i * data.containers.length + j);
  return (
    <div className="mt-1 overflow-x-auto" data-testid="reach-matrix">
      <table className="text-xs" aria-label={`Reachability matrix of ${data.scope.kind} ${data.scope.name}${port ? ` on port ${port}` : ''}: rows reach columns`}>
        <thead>
          <tr>
            <th className="p-1 text-left font-normal text-slate-600 dark:text-slate-400">from \ to</th>
            {data.containers.map((c) => <th key={c.id} scope="col" className="max-w-[6rem] truncate p-1 font-mono font-normal" title={c.name}>{c.name}</th>)}
          </tr>
        </thead>
        <tbody>
          {data.containers.map((a, i) => (
            <tr key={a.id}>
              <th scope="row" className="max-w-[8rem] truncate p-1 text-left font-mono font-normal" title={a.name}>{a.name}</th>
              {data.containers.map((b, j) => {
                if (i === j) return <td key={b.id} className="p-1 text-center text-slate-400">·</td>;
                const c = cell(i, j);
                if (!c) return <td key={b.id} />;
                const label = port !== null ? (c.port ? (c.byName ? `${port} by name` : `${port}`) : 'none') : c.byIp ? (c.byName ? 'IP + name' : 'IP') : 'none';
                const good = port !== null ? c.port : c.byIp;
                return (
                  <td key={b.id} className="p-0.5">
                    <button
                      type="button"
                      className={`w-full rounded px-1 py-0.5 font-semibold ${good ? 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100' : 'bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100'}`}
                      title={c.summary}
                      aria-label={`${label}: ${a.name} to ${b.name}: ${c.summary}`}
                      data-testid="matrix-cell" data-from={a.name} data-to={b.name} data-value={label}
                      onClick={() => onPick?.(a.id, b.id)}
                      onFocus={() => setExplained(c.summary)}
                      onMouseEnter={() => setExplained(c.summary)}
                    >{label}</button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-1 min-h-[1rem] text-xs text-slate-700 dark:text-slate-300" aria-live="polite" data-testid="matrix-explained">{explained ?? 'Point at or tab to a cell for why.'}</p>
      {data.unread.length ? <p className="mt-1 text-xs text-amber-700 dark:text-amber-300">Sockets not read for {data.unread.map((u) => u.name).join(', ')}: ports from the network rules only.</p> : null}
    </div>
  );
}

/** A matrix behind a toggle, with its own port field: for a network's members or a compose project. */
export function MatrixSection({ scope, what, version, count, onPick }: { scope: MatrixScope; what: string; version: string; count: number; onPick?: Props['onPick'] }) {
  const [open, setOpen] = useState(false);
  const [portText, setPortText] = useState('');
  const check = checkInput(portParam, portText.trim());
  if (count < 2) return null;
  return (
    <div className="mt-3" data-testid="matrix-section">
      <button type="button" className="text-xs font-semibold text-blue-700 underline dark:text-blue-300" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {open ? 'Hide' : 'Show'} who reaches whom in {what} ({count} containers)
      </button>
      {open ? (
        <div>
          <label className="mt-1 block text-xs font-semibold">on port
            <input className="ml-1 w-20 rounded border border-slate-300 bg-white px-1 py-0.5 text-xs font-normal dark:border-slate-600 dark:bg-slate-900" value={portText} inputMode="numeric" placeholder="any" aria-label={`Port for the matrix of ${what} (optional)`} aria-invalid={!check.ok} onChange={(e) => setPortText(e.target.value)} />
          </label>
          {!check.ok ? <p className="text-xs text-red-700 dark:text-red-300" role="alert">{check.problem.message}</p> : null}
          <ReachMatrix scope={scope} port={check.ok ? check.value : null} version={version} onPick={onPick} />
        </div>
      ) : null}
    </div>
  );
}
