'use client';
/** "What changed since": the differences the log gives between a moment and now, each linked to the graph. */
import type { ChangesAnswer } from '@/lib/hooks/use-activity';
import type { Selection } from '@/lib/graph/selection';
import { ids } from '@/lib/graph/ids';

/** The graph elements to mark: what was added or changed (what was removed is not drawn any more). */
export function changedElementIds(c: ChangesAnswer | undefined): string[] {
  if (!c) return [];
  return [
    ...c.added.networks.map((n) => ids.network(n.id)),
    ...c.added.containers.map((x) => ids.container(x.id)),
    ...c.changed.containers.map((x) => ids.container(x.id)),
    ...c.added.endpoints.map((e) => ids.endpoint(e.network.id, e.container.id)),
  ];
}

export function ChangesSince({ changes, error, onSelect, onClose }: { changes: ChangesAnswer | undefined; error: Error | null; onSelect: (s: Selection) => void; onClose: () => void }) {
  if (error) return <p role="alert" className="mt-2 text-xs text-red-700 dark:text-red-300">The changes could not be read: {error.message}</p>;
  if (!changes) return <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">Reading the changes…</p>;
  const { added, removed, changed } = changes;
  const count = added.networks.length + added.containers.length + added.endpoints.length + removed.networks.length + removed.containers.length + removed.endpoints.length + changed.containers.length;
  const ctr = (x: { id: string; name: string }, gone = false) => (gone ? <span key={x.id}>{x.name}</span> : <Pick key={x.id} onClick={() => onSelect({ kind: 'container', id: x.id })}>{x.name}</Pick>);
  const net = (x: { id: string; name: string }, gone = false) => (gone ? <span key={x.id}>{x.name}</span> : <Pick key={x.id} onClick={() => onSelect({ kind: 'network', id: x.id })}>{x.name}</Pick>);
  const link = (e: ChangesAnswer['added']['endpoints'][number], gone = false) => (
    <span key={`${e.network.id}:${e.container.id}`}>{ctr(e.container, gone)} on {net(e.network, gone)}</span>
  );
  const rows: [string, React.ReactNode[]][] = [
    ['Networks added', added.networks.map((n) => net(n))],
    ['Networks removed', removed.networks.map((n) => net(n, true))],
    ['Containers started', added.containers.map((c) => ctr(c))],
    ['Containers removed', removed.containers.map((c) => ctr(c, true))],
    ['Containers changed', changed.containers.map((c) => <span key={c.id}>{ctr(c)} ({c.from} → {c.to})</span>)],
    ['Connections made', added.endpoints.map((e) => link(e))],
    ['Connections removed', removed.endpoints.map((e) => link(e))],
  ];
  return (
    <div className="mt-2 rounded border border-fuchsia-400 bg-fuchsia-50 p-2 text-xs dark:border-fuchsia-800 dark:bg-fuchsia-950" data-testid="changes-since" role="region" aria-label="Changes since">
      <div className="flex items-baseline gap-2">
        <p className="flex-1 font-semibold">Since {new Date(changes.since).toLocaleTimeString()}: {count === 0 ? 'nothing changed' : `${count} change${count === 1 ? '' : 's'}`}{count ? ' (marked in the graph)' : ''}</p>
        <button type="button" onClick={onClose} className="underline">Close</button>
      </div>
      {!changes.complete ? <p className="mt-1">The log does not reach back that far: changes before its first entry are not known.</p> : null}
      <dl className="mt-1 grid grid-cols-[9rem_1fr] gap-x-2 gap-y-0.5">
        {rows.filter(([, items]) => items.length).map(([k, items]) => (
          <div key={k} className="contents" data-change={k}>
            <dt className="text-slate-700 dark:text-slate-300">{k}</dt>
            <dd className="flex flex-wrap gap-x-2">{items}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function Pick({ onClick, children }: { onClick: () => void; children: React.ReactNode }) {
  return <button type="button" onClick={onClick} className="text-blue-800 underline decoration-dotted dark:text-blue-200">{children}</button>;
}
