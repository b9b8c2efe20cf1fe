'use client';
/** "Can it reach…?": pick another container, read why or why not, apply the fix. */
import { useState } from 'react';
import { explainReach } from '@/lib/reach/explain';
import type { Topology, TopoContainer } from '@/lib/topology/types';
import { CopyValue } from './copy-value';

interface Props {
  topology: Topology;
  from: TopoContainer;
  /** Opens the connect dialog for a fix; absent in read-only mode. */
  onConnect?: (networkId: string, containerId: string) => void;
}

export function ReachPanel({ topology, from, onConnect }: Props) {
  const [to, setTo] = useState('');
  const others = topology.containers.filter((c) => c.id !== from.id);
  const v = to ? explainReach(topology, from.id, to) : null;
  return (
    <section className="mt-3 rounded border border-slate-200 p-2 dark:border-slate-800" aria-label="Reachability" data-testid="reach-panel">
      <label className="text-sm font-semibold">Can {from.name} reach…
        <select className="ml-2 rounded border border-slate-300 bg-white px-1 py-0.5 text-sm font-normal dark:border-slate-600 dark:bg-slate-900" value={to} onChange={(e) => setTo(e.target.value)} aria-label={`Container for ${from.name} to reach`}>
          <option value="">choose a container</option>
          {others.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
      </label>
      {v ? (
        <div className="mt-2 text-sm" data-testid="reach-verdict" data-by-ip={v.byIp} data-by-name={v.byName}>
          <p className={`font-semibold ${v.byIp ? 'text-emerald-700 dark:text-emerald-300' : 'text-red-700 dark:text-red-300'}`}>{v.summary}</p>
          <ul className="mt-1 list-disc pl-5 text-xs">{v.reasons.map((r) => <li key={r}>{r}</li>)}</ul>
          {v.fixes.map((f) => (
            <div key={f.command} className="mt-2 rounded bg-slate-100 p-2 text-xs dark:bg-slate-800">
              <p>Fix: {f.text}</p>
              <CopyValue value={f.command} />
              {f.connect && onConnect ? (
                <button type="button" className="ml-2 rounded bg-blue-600 px-2 py-0.5 text-xs font-semibold text-white" onClick={() => onConnect(f.connect!.networkId, f.connect!.containerId)}>
                  Connect now…
                </button>
              ) : null}
            </div>
          ))}
        </div>
      ) : null}
    </section>
  );
}
