'use client';
/**
 * A container's live peers in the inspector (GET /api/traffic?container=, every 2 s while it
 * is shown): peer, port, network, state, connections, rate, since; and a small chart of its
 * connections and failing attempts over the last 15 minutes (GET /api/traffic/history of its
 * busiest flows, summed).
 */
import { useMemo } from 'react';
import useSWR from 'swr';
import type { Flow, FlowHistory } from '@/lib/schemas/traffic';
import type { Topology, TopoContainer } from '@/lib/topology/types';
import { fetchJson } from '@/lib/hooks/fetcher';
import { useTrafficOf } from '@/lib/hooks/use-traffic';
import { formatRate } from '@/lib/traffic/apply';

const CHART_FLOWS = 6;

const rate = (b: number | null) => (b === null ? '—' : formatRate(b));
const ago = (iso: string, now: number) => {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  return s < 90 ? `${s} s` : s < 5400 ? `${Math.round(s / 60)} min` : `${Math.round(s / 3600)} h`;
};

export function LivePeers({ c, t }: { c: TopoContainer; t: Topology }) {
  const running = c.state === 'running';
  const { data, error } = useTrafficOf(running ? { container: c.id } : null);
  const flows = useMemo(() => [...(data?.flows ?? [])].sort((a, b) => b.connections + b.attempts - (a.connections + a.attempts) || (a.id < b.id ? -1 : 1)), [data]);
  const busiest = flows.slice(0, CHART_FLOWS).map((f) => f.id);
  const netName = (id: string | null) => (id ? t.networks.find((n) => n.id === id)?.name ?? id.slice(0, 12) : '—');
  if (!running) return null;
  return (
    <section className="mt-3" aria-label="Live peers" data-testid="live-peers">
      <h3 className="text-sm font-semibold">Live peers{data ? ` (${flows.length})` : ''}</h3>
      {error ? <p className="text-xs text-red-700 dark:text-red-400">{(error as Error).message}</p> : null}
      {data?.basis === 'none' ? <p className="text-xs text-slate-600 dark:text-slate-400">Not read: {data.reason}</p> : null}
      {data && data.basis !== 'none' && flows.length === 0 ? <p className="text-xs text-slate-600 dark:text-slate-400">No connections now.{data.unread.some((u) => u.containerId === c.id) ? ` (${data.unread.find((u) => u.containerId === c.id)!.reason})` : ''}</p> : null}
      {flows.length ? (
        <>
          <HistoryChart ids={busiest} />
          <table className="mt-1 w-full text-left text-xs">
            <thead><tr className="text-slate-600 dark:text-slate-400"><th className="font-normal">peer</th><th className="font-normal">port</th><th className="font-normal">network</th><th className="font-normal">state</th><th className="font-normal">conn.</th><th className="font-normal">rate</th><th className="font-normal">since</th></tr></thead>
            <tbody>
              {flows.map((f) => <PeerRow key={f.id} f={f} self={c} net={netName(f.networkId)} now={Date.parse(data!.at)} />)}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}

function PeerRow({ f, self, net, now }: { f: Flow; self: TopoContainer; net: string; now: number }) {
  const outgoing = f.client.containerId !== null && (f.client.containerId === self.id || f.client.containerId === self.sharesNetworkWith);
  const peer = outgoing ? f.server.name : f.client.name;
  const failing = f.state === 'no-answer' || f.state === 'refused';
  return (
    <tr className={failing ? 'text-red-700 dark:text-red-400' : ''} data-testid="peer-row" data-state={f.state}>
      <td title={outgoing ? `${self.name} connects to ${peer}` : `${peer} connects to ${self.name}`}>{outgoing ? '→' : '←'} {peer}</td>
      <td>{f.server.port}{f.server.containerPort !== null ? `→${f.server.containerPort}` : ''}</td>
      <td>{net}</td>
      <td title={f.reason?.summary}>{f.state}</td>
      <td>{f.connections}{f.attempts ? ` (+${f.attempts} failing)` : ''}</td>
      <td>{rate(f.bytesPerSecond)}</td>
      <td>{ago(f.since, now)}</td>
    </tr>
  );
}

/** Connections (and failing attempts, in red) over the last 15 minutes, summed over the flows given. */
function HistoryChart({ ids }: { ids: string[] }) {
  const key = ids.length ? `history:${ids.join(',')}` : null;
  const { data } = useSWR<FlowHistory[]>(key, () => Promise.all(ids.map((id) => fetchJson<FlowHistory>(`/api/traffic/history?flow=${encodeURIComponent(id)}`).catch(() => null))).then((h) => h.filter((x): x is FlowHistory => x !== null)), { refreshInterval: 10_000, keepPreviousData: true });
  if (!data?.length) return null;
  const n = data[0]!.points.length;
  const conns = Array.from({ length: n }, (_, i) => data.reduce((s, h) => s + (h.points[i]?.connections ?? 0), 0));
  const fails = Array.from({ length: n }, (_, i) => data.reduce((s, h) => s + (h.points[i]?.attempts ?? 0), 0));
  const max = Math.max(1, ...conns, ...fails);
  const W = 360, H = 48;
  const path = (v: number[]) => v.map((y, i) => `${i ? 'L' : 'M'}${((i / (n - 1)) * W).toFixed(1)},${(H - 2 - (y / max) * (H - 6)).toFixed(1)}`).join(' ');
  return (
    <figure className="mt-1" data-testid="peer-chart">
      <svg viewBox={`0 0 ${W} ${H}`} className="h-12 w-full text-cyan-700 dark:text-cyan-300" role="img" aria-label={`Connections over the last 15 minutes: now ${conns[n - 1]}, at most ${Math.max(...conns)}${Math.max(...fails) ? `; failing attempts up to ${Math.max(...fails)}` : ''}`}>
        <path d={path(conns)} fill="none" stroke="currentColor" strokeWidth="1.5" />
        {Math.max(...fails) > 0 ? <path d={path(fails)} fill="none" stroke="#dc2626" strokeWidth="1.5" strokeDasharray="4 3" /> : null}
      </svg>
      <figcaption className="text-[11px] text-slate-600 dark:text-slate-400">last 15 min · connections{Math.max(...fails) ? ' · failing attempts (red)' : ''} · peak {max}</figcaption>
    </figure>
  );
}
