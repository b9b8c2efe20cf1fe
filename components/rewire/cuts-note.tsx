'use client';
/**
 * What a disconnect, a network's removal or an undo would cut: the live connections over that
 * network at that container (GET /api/traffic?network=, read while the dialog is open).
 */
import { useMemo } from 'react';
import { useTrafficOf } from '@/lib/hooks/use-traffic';
import { describeCuts, flowsThrough } from '@/lib/traffic/apply';

export function CutsNote({ networkId, containerIds }: { networkId: string; containerIds: readonly string[] | null }) {
  const { data, error } = useTrafficOf({ network: networkId });
  const cuts = useMemo(() => (data ? flowsThrough(data.flows, networkId, containerIds) : []), [data, networkId, containerIds]);
  if (error) return null;
  if (!data) return <p className="mt-2 text-xs text-slate-600 dark:text-slate-400" data-testid="cuts-note" aria-busy="true">Looking for live connections…</p>;
  if (data.basis === 'none') return <p className="mt-2 text-xs text-slate-600 dark:text-slate-400" data-testid="cuts-note">Live connections cannot be read here: {data.reason}</p>;
  const text = describeCuts(cuts);
  if (!text) return <p className="mt-2 text-xs text-slate-600 dark:text-slate-400" data-testid="cuts-note" data-cuts="0">No open connection would be cut (read {new Date(data.at).toLocaleTimeString()}).</p>;
  return <p className="mt-2 rounded border-l-4 border-amber-500 bg-amber-50 px-2 py-1 text-xs text-amber-950 dark:bg-amber-950 dark:text-amber-100" data-testid="cuts-note" data-cuts={cuts.reduce((n, f) => n + f.connections, 0)} role="status">{text}.</p>;
}
