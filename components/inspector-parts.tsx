'use client';
/** The inspector's small parts, shared by its sections (components/inspector, components/swarm-details). */
import type { ReactNode } from 'react';

/** Folding from the inspector: whether a group is folded, and fold or unfold it. */
export interface InspectorFolds {
  isFolded: (groupId: string) => boolean;
  toggle: (groupId: string) => void;
}

export function FoldButton({ groupId, count, folds }: { groupId: string; count: number; folds?: InspectorFolds }) {
  if (!folds || count === 0) return null;
  const folded = folds.isFolded(groupId);
  return (
    <button type="button" onClick={() => folds.toggle(groupId)} aria-expanded={!folded} data-testid="fold-toggle"
      className="mt-2 mr-2 rounded border border-slate-300 px-2 py-0.5 text-xs dark:border-slate-700">
      {folded ? `Unfold in the graph (${count} member${count === 1 ? '' : 's'})` : 'Fold into one node'}
    </button>
  );
}

export function Gone({ what }: { what: string }) {
  return <p className="text-sm text-slate-600 dark:text-slate-400">This {what} is no longer on the engine.</p>;
}

export function LinkButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return <button type="button" onClick={onClick} className="text-blue-700 underline decoration-dotted hover:decoration-solid dark:text-blue-300">{children}</button>;
}

export function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="mt-2 grid grid-cols-[8rem_1fr] gap-x-2 gap-y-1 text-sm">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-600 dark:text-slate-400">{k}</dt>
          <dd className="min-w-0" data-fact={k}>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
