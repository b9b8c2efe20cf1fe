'use client';
/**
 * The activity timeline: what changed, when and through whom, newest first and live. Each
 * entry selects what it is about in the graph; a change made through Switchyard can be undone
 * (its CLI equivalent shown first); "Changes since" marks what differs from that moment.
 */
import { useState } from 'react';
import { describeEntry } from '@/lib/activity/describe';
import { useActivity, useUndo, type ActivityEntry, type ActivityFilter } from '@/lib/hooks/use-activity';
import type { Selection } from '@/lib/graph/selection';
import { CopyValue } from './copy-value';
import { Buttons, CliLine, ErrorNote, Modal, useAction } from './rewire/modal';
import { CutsNote } from './rewire/cuts-note';

export interface ActivityPanelProps {
  /** The container or network selected on the page: "only this" filters by it. */
  selected: { kind: 'container' | 'network'; id: string; name: string } | null;
  /** Whether the page may offer to undo an entry of this kind (the role on this engine, and not read-only). */
  canUndo: (kind: ActivityEntry['kind']) => boolean;
  onSelect: (s: Selection) => void;
  /** The entry "changes since" is shown from (its time is the moment), or null. */
  since: { id: number; at: string } | null;
  onSince: (from: { id: number; at: string } | null) => void;
}

const SOURCES: { value: ActivityFilter['source']; label: string }[] = [
  { value: null, label: 'Everything' },
  { value: 'switchyard', label: 'Through Switchyard' },
  { value: 'engine', label: 'Outside Switchyard' },
];

export function ActivityPanel({ selected, canUndo, onSelect, since, onSince }: ActivityPanelProps) {
  const [source, setSource] = useState<ActivityFilter['source']>(null);
  const [actor, setActor] = useState('');
  const [onlySelected, setOnlySelected] = useState(false);
  const [undoing, setUndoing] = useState<ActivityEntry | null>(null);
  const only = onlySelected && selected ? selected : null;
  const filter: ActivityFilter = { source, container: only?.kind === 'container' ? only.id : null, network: only?.kind === 'network' ? only.id : null, actor: actor.trim() || null };
  const { data, error, more, canMore } = useActivity(filter);
  const entries = data?.entries ?? [];

  return (
    <section aria-label="Activity" data-testid="activity-panel">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-sm font-semibold">Activity</h2>
        <label className="text-xs">
          <span className="sr-only">Show</span>
          <select value={source ?? ''} onChange={(e) => setSource((e.target.value || null) as ActivityFilter['source'])} className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs dark:border-slate-600 dark:bg-slate-900" aria-label="Which activity">
            {SOURCES.map((s) => <option key={s.label} value={s.value ?? ''}>{s.label}</option>)}
          </select>
        </label>
        <label className={`flex items-center gap-1 text-xs ${selected ? '' : 'opacity-50'}`}>
          <input type="checkbox" checked={onlySelected} disabled={!selected} onChange={(e) => setOnlySelected(e.target.checked)} />
          only {selected ? selected.name : 'the selection'}
        </label>
        <label className="flex items-center gap-1 text-xs">
          by
          <input type="search" value={actor} onChange={(e) => setActor(e.target.value)} placeholder="anyone" aria-label="Only changes by (user or token)" data-testid="activity-actor"
            className="w-28 rounded border border-slate-300 bg-white px-1 py-0.5 text-xs dark:border-slate-600 dark:bg-slate-900" />
        </label>
      </div>
      {data?.store.notice ? <p role="status" className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-xs text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100" data-testid="activity-notice">{data.store.notice}</p> : null}
      {error ? <p role="alert" className="mt-2 text-xs text-red-700 dark:text-red-300">The timeline could not be read: {(error as Error).message}</p> : null}
      {data && entries.length === 0 ? <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">Nothing yet. Changes made here, and network changes made on the CLI, appear as they happen.</p> : null}
      <ol className="mt-2 max-h-[28rem] space-y-1 overflow-y-auto pr-1" data-testid="activity-list">
        {entries.map((e) => (
          <EntryRow key={e.id} entry={e} canUndo={canUndo(e.kind)} onSelect={onSelect} onActor={setActor} onUndo={() => setUndoing(e)} sinceHere={since?.id === e.id} onSince={() => onSince(since?.id === e.id ? null : { id: e.id, at: e.at })} />
        ))}
      </ol>
      {canMore ? <button type="button" onClick={more} className="mt-1 text-xs text-blue-700 underline dark:text-blue-300">Older entries</button> : null}
      {data ? <p className="mt-1 text-[11px] text-slate-600 dark:text-slate-400">{data.total} {data.total === 1 ? 'entry' : 'entries'}{data.store.kind === 'memory' ? ' · kept in memory only' : ''}</p> : null}
      {undoing ? <UndoDialog entry={undoing} onClose={() => setUndoing(null)} /> : null}
    </section>
  );
}

/** The live connections a disconnect cut, as its entry recorded them (lib/traffic/cuts). */
function cutText(e: ActivityEntry): string | null {
  const c = e.detail.cuts as { text?: string | null; connections?: number } | undefined;
  if (!c || !c.connections || !c.text) return null;
  return c.text.replace('will be cut', 'cut');
}

function EntryRow({ entry: e, canUndo, onSelect, onActor, onUndo, sinceHere, onSince }: {
  entry: ActivityEntry; canUndo: boolean; onSelect: (s: Selection) => void; onActor: (name: string) => void; onUndo: () => void; sinceHere: boolean; onSince: () => void;
}) {
  const actor = e.origin?.actor && e.origin.actor.kind !== 'loopback' ? e.origin.actor : null;
  const target: Selection | null = e.container && e.kind !== 'container-destroy' && e.kind !== 'agent-stop' ? { kind: 'container', id: e.container.id } : e.network && e.kind !== 'network-remove' ? { kind: 'network', id: e.network.id } : null;
  const time = new Date(e.at);
  const tone = e.result === 'done' ? '' : 'text-red-800 dark:text-red-300';
  return (
    <li className={`rounded border px-2 py-1 text-xs ${sinceHere ? 'border-fuchsia-500' : 'border-slate-200 dark:border-slate-800'}`} data-testid="activity-entry" data-entry-id={e.id} data-kind={e.kind} data-source={e.source} data-result={e.result}>
      <div className="flex items-baseline gap-2">
        <time dateTime={e.at} title={time.toLocaleString()} className="shrink-0 font-mono text-[11px] text-slate-600 dark:text-slate-400">{time.toLocaleTimeString()}</time>
        <span className={`min-w-0 flex-1 ${tone}`}>
          {target ? <button type="button" className="text-left hover:underline" onClick={() => onSelect(target)}>{describeEntry(e)}</button> : describeEntry(e)}
          {e.result !== 'done' ? <span className="ml-1 font-semibold">({e.result})</span> : null}
        </span>
        <span className={`shrink-0 rounded px-1 text-[10px] ${e.source === 'switchyard' ? 'bg-blue-100 text-blue-900 dark:bg-blue-950 dark:text-blue-100' : 'bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-200'}`}>
          {e.source === 'switchyard' ? `Switchyard · ${e.origin?.client === 'page' ? 'page' : 'API'}${e.origin && e.origin.via !== 'loopback' ? ` · ${e.origin.via}` : ''}` : 'engine'}
        </span>
        {actor ? (
          <button type="button" onClick={() => onActor(actor.name)} title={`${actor.kind === 'token' ? 'API token' : actor.kind === 'user' ? 'user' : 'access token'} ${actor.id}: show only theirs`}
            className="shrink-0 text-[11px] font-semibold text-slate-800 underline decoration-dotted dark:text-slate-200" data-testid="entry-actor">{actor.name}</button>
        ) : null}
      </div>
      {e.reason ? <p className={`mt-0.5 ${tone}`}>{e.reason}</p> : null}
      {cutText(e) ? <p className="mt-0.5 text-amber-800 dark:text-amber-300" data-testid="entry-cuts">{cutText(e)}</p> : null}
      {e.command ? <div className="mt-0.5"><CopyValue value={e.command} label="the command" /></div> : null}
      <div className="mt-0.5 flex gap-3">
        <button type="button" onClick={onSince} className="text-[11px] text-fuchsia-800 underline decoration-dotted dark:text-fuchsia-300" aria-pressed={sinceHere}>
          {sinceHere ? 'Hide changes since' : 'Changes since'}
        </button>
        {e.undo && canUndo ? <button type="button" onClick={onUndo} className="text-[11px] font-semibold text-blue-700 underline dark:text-blue-300" data-testid="undo-button">Undo</button> : null}
        {e.undoneBy !== null ? <span className="text-[11px] text-slate-600 dark:text-slate-400">undone (#{e.undoneBy})</span> : null}
        <span className="ml-auto text-[10px] text-slate-500 dark:text-slate-400">#{e.id}</span>
      </div>
    </li>
  );
}

function UndoDialog({ entry, onClose }: { entry: ActivityEntry; onClose: () => void }) {
  const undo = useUndo();
  const { pending, error, run } = useAction();
  return (
    <Modal title={`Undo: ${describeEntry(entry)}`} onClose={onClose} testId="undo-dialog">
      <form onSubmit={(ev) => { ev.preventDefault(); void run(() => undo(entry.id), onClose); }} className="text-sm">
        <p>Switchyard checks that the same container and network (by id) are still there as this change left them, then runs the opposite change. The undo is logged too.</p>
        {entry.kind === 'connect' && entry.network && entry.container ? <CutsNote networkId={entry.network.id} containerIds={[entry.container.id]} /> : null}
        <CliLine command={entry.undo?.command ?? ''} />
        <ErrorNote error={error} />
        <Buttons onCancel={onClose} confirm="Undo" pending={pending} />
      </form>
    </Modal>
  );
}
