'use client';
/**
 * The topology as tables: each network with its members, then containers on no network.
 * Same selection as the graph; every row is a button, so it works from the keyboard and
 * with a screen reader.
 */
import { memo, useEffect, useState } from 'react';
import { allotRows, FIRST_ROWS, ROW_STEP, type ListedRows } from './list-rows';
import type { VisibleTopology } from '@/lib/graph/filter';
import { foldable } from '@/lib/graph/fold';
import { ids } from '@/lib/graph/ids';
import { isRunning } from '@/lib/graph/filter';
import { selectionKey, type Selection } from '@/lib/graph/selection';
import type { TopoContainer } from '@/lib/topology/types';

interface Props {
  visible: VisibleTopology;
  selection: Selection | null;
  onSelect: (s: Selection) => void;
  /** Group node ids folded in the graph, and the way to fold or unfold one. */
  folded: ReadonlySet<string>;
  onToggleFold: (groupId: string) => void;
  /** Absent in read-only mode. */
  onConnect?: (containerId: string) => void;
  onDisconnect?: (networkId: string, containerId: string) => void;
}

const actionClass = 'shrink-0 rounded px-1.5 text-xs text-blue-700 underline hover:bg-slate-100 dark:text-blue-300 dark:hover:bg-slate-800';

const rowClass = (selected: boolean) =>
  `w-full rounded px-2 py-1 text-left hover:bg-slate-100 focus:outline-2 focus:outline-blue-500 dark:hover:bg-slate-800 ${selected ? 'bg-amber-100 dark:bg-amber-950' : ''}`;

/** Memoised: the page re-renders for many reasons (diagnostics, dialogs) that change no row here. */
export const ListView = memo(function ListView({ visible, selection, onSelect, folded, onToggleFold, onConnect, onDisconnect }: Props) {
  const { networks, containers, endpoints, matches } = visible;
  const shown = (id: string) => matches === null || matches.has(id);
  const ctrById = new Map(containers.map((c) => [c.id, c]));
  const byNetwork = new Map<string, typeof endpoints>();
  for (const e of endpoints) {
    const list = byNetwork.get(e.networkId);
    if (list) list.push(e);
    else byNetwork.set(e.networkId, [e]);
  }
  const attached = new Set(endpoints.map((e) => e.containerId));
  const loose = containers.filter((c) => !attached.has(c.id) && shown(c.id));
  const selected = selection ? selectionKey(selection) : null;
  const isSel = (s: Selection) => selected !== null && selectionKey(s) === selected;
  const membersOf = new Map(networks.map((n) => [n.id, (byNetwork.get(n.id) ?? []).filter((e) => shown(e.containerId) || shown(n.id))]));
  // Rows listed: the members of every unfolded network, and the containers on none; thousands
  // come a step at a time (useListedRows).
  const rowsOf = new Map(networks.map((n) => [n.id, folded.has(ids.network(n.id)) ? 0 : membersOf.get(n.id)!.length]));
  const { rows: allowed, loose: looseAllowed, pending } = useListedRows(rowsOf, loose.length);

  return (
    <div data-testid="list-view" className="text-sm">
      {networks.map((n) => {
        const members = membersOf.get(n.id)!;
        if (!shown(n.id) && members.length === 0) return null;
        const sel: Selection = { kind: 'network', id: n.id };
        const group = ids.network(n.id);
        const isFolded = folded.has(group);
        return (
          // Laid out and painted only near the screen: thousands of rows (every network unfolded)
          // would otherwise be laid out again on every frame that changes the page.
          <section key={n.id} aria-label={`network ${n.name}`} className="mb-3" style={{ contentVisibility: 'auto', containIntrinsicSize: `auto ${28 + (isFolded ? 0 : Math.min(members.length, allowed.get(n.id) ?? 0) * 20)}px` }}>
            <div className="flex items-center gap-1">
              <button type="button" className={rowClass(isSel(sel))} aria-pressed={isSel(sel)} onClick={() => onSelect(sel)} data-network={n.name}>
                <span className="font-semibold">{n.name}</span>{' '}
                <span className="text-xs text-slate-600 dark:text-slate-400">
                  {n.driver}{n.internal ? ', internal' : ''}{n.builtin ? ', builtin' : ''} · {n.subnets.map((s) => s.subnet).join(', ') || 'no subnet'}{n.bridge ? ` · ${n.bridge}` : ''}
                </span>
              </button>
              {foldable(n) && members.length > 0 ? (
                <button type="button" className={actionClass} onClick={() => onToggleFold(group)} aria-expanded={!isFolded} data-fold={n.name}
                  aria-label={`${isFolded ? `Unfold (${members.length})` : 'Fold'} ${n.name} in the graph`}>
                  {isFolded ? `Unfold (${members.length})` : 'Fold'}
                </button>
              ) : null}
            </div>
            {isFolded ? null : (
            <table className="ml-4 w-[calc(100%-1rem)] text-xs">
              <thead className="sr-only"><tr><th>container</th><th>IP</th><th>aliases</th></tr></thead>
              <tbody>
                {members.slice(0, allowed.get(n.id) ?? 0).map((e) => (
                  <MemberRow key={e.containerId} network={n} e={e} c={ctrById.get(e.containerId)}
                    selected={isSel({ kind: 'endpoint', networkId: n.id, containerId: e.containerId })}
                    onSelect={onSelect} onConnect={onConnect} onDisconnect={onDisconnect} />
                ))}
              </tbody>
            </table>
            )}
          </section>
        );
      })}
      {loose.length ? (
        <section aria-label="containers on no network of their own" className="mb-3">
          <h3 className="px-2 font-semibold">No network of their own</h3>
          {loose.slice(0, looseAllowed).map((c) => (
            <div key={c.id} className="flex items-center gap-1">
              <LooseRow c={c} share={c.sharesNetworkWith ? ctrById.get(c.sharesNetworkWith) : undefined} selected={isSel({ kind: 'container', id: c.id })} onSelect={onSelect} />
              {onConnect ? <button type="button" className={actionClass} onClick={() => onConnect(c.id)} aria-label={`Connect to… a network: ${c.name}`}>Connect to…</button> : null}
            </div>
          ))}
        </section>
      ) : null}
      {pending ? <p className="px-2 text-xs text-slate-600 dark:text-slate-400" aria-busy="true" data-testid="list-pending">Listing the rest…</p> : null}
      {networks.length === 0 && containers.length === 0 ? <p className="px-2 text-slate-600 dark:text-slate-400">Nothing matches this view.</p> : null}
    </div>
  );
});

/**
 * The rows to list now (./list-rows): all of them soon, at most ROW_STEP new ones per task.
 * What a render lists becomes the base of the next step a task later; a render for any other
 * reason in between lists the same.
 */
function useListedRows(rowsOf: ReadonlyMap<string, number>, loose: number) {
  const [listed, setListed] = useState<ListedRows | null>(null);
  const out = allotRows(rowsOf, loose, listed, listed ? ROW_STEP : FIRST_ROWS);
  const { added, pending } = out;
  useEffect(() => {
    if (!added && !pending) return;
    const t = setTimeout(() => setListed({ rows: out.rows, loose: out.loose }), 0);
    return () => clearTimeout(t);
  });
  return out;
}

/**
 * One member of a network. Memoised: rows come a step at a time (useListedRows), and each step
 * re-renders the list; rows already there are then skipped, not rendered again.
 */
const MemberRow = memo(function MemberRow({ network: n, e, c, selected, onSelect, onConnect, onDisconnect }: {
  network: VisibleTopology['networks'][number];
  e: VisibleTopology['endpoints'][number];
  c: TopoContainer | undefined;
  selected: boolean;
  onSelect: (s: Selection) => void;
  onConnect?: (containerId: string) => void;
  onDisconnect?: (networkId: string, containerId: string) => void;
}) {
  const esel: Selection = { kind: 'endpoint', networkId: n.id, containerId: e.containerId };
  return (
    <tr>
      <td colSpan={3} className="flex items-center gap-1">
        <button type="button" className={rowClass(selected)} aria-pressed={selected} onClick={() => onSelect(esel)} data-endpoint={`${n.name}/${c?.name}`}>
          <span className={c && !isRunning(c) ? 'text-slate-500 dark:text-slate-400' : ''}>{c?.name ?? e.containerId.slice(0, 12)}</span>{' '}
          <span className="font-mono">{e.ipv4 ?? (e.staticIpv4 ? `${e.staticIpv4} (stopped)` : c && !isRunning(c) ? '(stopped)' : '')}</span>
          {e.aliases.length ? <span className="text-slate-600 dark:text-slate-400"> · aliases {e.aliases.join(', ')}</span> : null}
        </button>
        {onConnect ? <button type="button" className={actionClass} onClick={() => onConnect(e.containerId)} aria-label={`Connect to… another network: ${c?.name ?? ''}`}>Connect to…</button> : null}
        {onDisconnect && n.driver !== 'host' ? <button type="button" className={actionClass} onClick={() => onDisconnect(n.id, e.containerId)} aria-label={`Disconnect ${c?.name ?? ''} from ${n.name}`}>Disconnect</button> : null}
      </td>
    </tr>
  );
});

function LooseRow({ c, share, selected, onSelect }: { c: TopoContainer; share: TopoContainer | undefined; selected: boolean; onSelect: (s: Selection) => void }) {
  return (
    <button type="button" className={rowClass(selected)} aria-pressed={selected} onClick={() => onSelect({ kind: 'container', id: c.id })}>
      {c.name} <span className="text-xs text-slate-600 dark:text-slate-400">{share ? `shares ${share.name}'s namespace` : c.networkMode}</span>
    </button>
  );
}
