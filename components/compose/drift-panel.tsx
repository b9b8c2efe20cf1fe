'use client';
/**
 * Compose drift: the view's panel (every project: its files, whether Switchyard could read them,
 * what stops `up`, and each container that differs from its files, with what compose will do)
 * and the inspector's section for one container.
 */
import { useState } from 'react';
import type { DriftAnswer } from '@/lib/schemas/compose';
import { MakeLastDialog } from './make-last-dialog';

type ContainerDrift = DriftAnswer['containers'][number];

const TONE: Record<ContainerDrift['status'], string> = {
  drift: 'border-purple-600 bg-purple-50 text-purple-950 dark:border-purple-400 dark:bg-purple-950 dark:text-purple-100',
  unknown: 'border-slate-400 bg-slate-50 text-slate-900 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-100',
  orphan: 'border-amber-600 bg-amber-50 text-amber-950 dark:border-amber-500 dark:bg-amber-950 dark:text-amber-100',
  same: 'border-emerald-600 bg-emerald-50 text-emerald-950 dark:border-emerald-500 dark:bg-emerald-950 dark:text-emerald-100',
};
const LABEL: Record<ContainerDrift['status'], string> = { drift: 'differs', unknown: 'cannot tell', orphan: 'orphan', same: 'as the files say' };

const where = (c: Pick<ContainerDrift, 'file' | 'line'>) => (c.file ? `${c.file}${c.line ? `:${c.line}` : ''}` : null);

/** "Make it last…" for a container that differs from its files; its owner keeps the dialog (the row goes once the file says it). */
function MakeLast({ c, onOpen }: { c: ContainerDrift; onOpen: (c: ContainerDrift) => void }) {
  if (c.status !== 'drift') return null;
  return <button type="button" className="mt-1 rounded border border-current px-2 py-0.5 font-semibold" onClick={() => onOpen(c)} data-testid="make-last">Make it last…</button>;
}

/** The dialog for the container asked for, while it is open. */
function useMakeLast(canWrite: boolean) {
  const [open, setOpen] = useState<ContainerDrift | null>(null);
  const dialog = open ? <MakeLastDialog containerId={open.containerId} name={open.name} canWrite={canWrite} onClose={() => setOpen(null)} /> : null;
  return { onOpen: setOpen, dialog };
}

function Items({ c }: { c: ContainerDrift }) {
  if (!c.items.length) return null;
  return <ul className="mt-0.5 list-disc pl-4" aria-label={`How ${c.name} differs`}>{c.items.map((i) => <li key={`${i.kind}:${i.network?.name ?? ''}`} data-kind={i.kind}>{i.text}</li>)}</ul>;
}

export function DriftPanel({ data, error, onSelect, canWrite }: { data: DriftAnswer | undefined; error: Error | null; onSelect: (containerId: string) => void; canWrite: boolean }) {
  const makeLast = useMakeLast(canWrite);
  if (error && !data) return <p role="alert" className="text-xs text-red-800 dark:text-red-300" data-testid="drift-panel">Compose drift could not be read: {error.message}</p>;
  if (!data) return <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="drift-panel" aria-busy="true">Reading the compose projects&apos; files…</p>;
  const drifted = data.containers.filter((c) => c.status === 'drift').length;
  return (
    <section className="max-h-[40vh] overflow-auto rounded border border-slate-200 px-3 py-2 text-xs dark:border-slate-800" data-testid="drift-panel" aria-label="Compose drift">
      <p className="text-slate-700 dark:text-slate-300">
        Compose drift: {data.projects.length} project{data.projects.length === 1 ? '' : 's'}, {data.containers.length} container{data.containers.length === 1 ? '' : 's'}, {drifted} differ{drifted === 1 ? 's' : ''} from {drifted === 1 ? 'its' : 'their'} files
        {data.available ? null : <> · <span className="text-slate-600 dark:text-slate-400">{data.reason}</span></>}
      </p>
      {data.projects.length === 0 ? <p className="mt-1 text-slate-600 dark:text-slate-400">No container on this engine was made by compose.</p> : (
        <ul className="mt-1 space-y-2">
          {data.projects.map((p) => (
            <li key={p.project} data-testid="drift-project" data-project={p.project} data-read={p.read}>
              <p><strong>{p.project}</strong>{' '}{p.read ? <span className="font-mono text-slate-600 dark:text-slate-400">{p.files.join(' + ')}</span> : <span className="text-slate-600 dark:text-slate-400">files not read: {p.reason}</span>}</p>
              {p.issues.map((i) => <p key={i.network} role="alert" className="rounded bg-red-50 px-1 text-red-900 dark:bg-red-950 dark:text-red-100">{i.message}</p>)}
              {p.assumptions.map((a) => <p key={a} className="text-slate-600 dark:text-slate-400">Assumed: {a}</p>)}
              <ul className="mt-0.5 space-y-1">
                {data.containers.filter((c) => c.project === p.project && c.status !== 'same' && (p.read || c.status !== 'unknown')).map((c) => (
                  <li key={c.containerId} className={`rounded border-l-4 px-2 py-1 ${TONE[c.status]}`} data-testid="drift-container" data-status={c.status} data-up={c.up ?? ''}>
                    <div className="flex flex-wrap items-baseline gap-x-2">
                      <span className="rounded bg-white/70 px-1 font-semibold dark:bg-black/40">{LABEL[c.status]}</span>
                      <button type="button" className="font-semibold underline-offset-2 hover:underline" onClick={() => onSelect(c.containerId)}>{c.name}</button>
                      {where(c) ? <span className="font-mono">{where(c)}</span> : null}
                    </div>
                    <p>{c.summary}</p>
                    <Items c={c} />
                    <MakeLast c={c} onOpen={makeLast.onOpen} />
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {makeLast.dialog}
    </section>
  );
}

/** The inspector's word on one compose container. */
export function DriftSection({ data, error, canWrite }: { data: DriftAnswer | undefined; error: Error | null; canWrite: boolean }) {
  const c = data?.containers[0];
  const makeLast = useMakeLast(canWrite);
  return (
    <div className="mt-3 text-xs" data-testid="drift-section">
      <h3 className="text-sm font-semibold">Compose file</h3>
      {error && !data ? <p role="alert" className="text-red-800 dark:text-red-300">Its compose files could not be compared: {error.message}</p>
        : !c ? <p className="text-slate-600 dark:text-slate-400" aria-busy="true">Comparing with its compose files…</p>
          : (
            <div className={`mt-1 rounded border-l-4 px-2 py-1 ${TONE[c.status]}`} data-status={c.status}>
              {where(c) ? <p className="font-mono">{where(c)}</p> : null}
              <p>{c.status === 'same' || c.status === 'drift' ? c.summary : c.reason}</p>
              <Items c={c} />
              <MakeLast c={c} onOpen={makeLast.onOpen} />
            </div>
          )}
      {makeLast.dialog}
    </div>
  );
}
