'use client';
/**
 * Beside the graph while the Traffic layer is on: what the flows are read from (or why they
 * cannot be), how many there are, and each failing one with the reachability explainer's
 * reason and its fix (a connect the dashboard can make itself has a button).
 */
import type { Traffic } from '@/lib/schemas/traffic';

export function TrafficPanel({ traffic, askedMs, inside = [], onConnect, onSelect }: { traffic: Traffic | null; askedMs: number; inside?: readonly { name: string; label: string }[]; onConnect?: (networkId: string, containerId: string) => void; onSelect: (containerId: string) => void }) {
  if (!traffic) return <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="traffic-panel" aria-busy="true">Reading the containers&apos; connections…</p>;
  const failing = traffic.flows.filter((f) => f.state === 'no-answer' || f.state === 'refused');
  const open = traffic.flows.reduce((n, f) => n + f.connections, 0);
  return (
    <section className="rounded border border-slate-200 px-3 py-2 text-xs dark:border-slate-800" data-testid="traffic-panel" aria-label="Traffic" data-basis={traffic.basis}>
      <p className="text-slate-700 dark:text-slate-300">
        {traffic.basis === 'none'
          ? <>No traffic can be read: {traffic.reason}</>
          : <>Traffic: {traffic.flows.length} flows, {open} open connections, {failing.length} failing · read every {traffic.intervalMs / 1000} s{traffic.intervalMs !== askedMs ? ` (asked: every ${askedMs / 1000} s; ${traffic.intervalMs < askedMs ? 'another page or client watching this engine asks for less' : 'stretched to stay within its CPU share'})` : ''} from {traffic.basis === 'sockets' ? 'each container\'s sockets' : 'each container\'s sockets and the host\'s connection tracking'}{traffic.reason ? <span className="text-slate-500 dark:text-slate-400"> ({traffic.reason})</span> : null}{traffic.unread.length ? <span className="text-slate-500 dark:text-slate-400"> · {traffic.unread.length} not read: {traffic.unread.slice(0, 3).map((u) => `${u.name} (${u.reason})`).join('; ')}</span> : null}</>}
      </p>
      {inside.length ? <p className="text-slate-700 dark:text-slate-300" data-testid="traffic-inside">Inside folded groups: {inside.map((g) => `${g.name} (${g.label})`).join('; ')}.</p> : null}
      {failing.length ? (
        <ul className="mt-1 space-y-1" aria-label="Failing connections">
          {failing.map((f) => (
            <li key={f.id} className="rounded border-l-4 border-red-600 bg-red-50 px-2 py-1 text-red-950 dark:border-red-500 dark:bg-red-950 dark:text-red-100" data-testid="failing-flow" data-flow={f.id}>
              <button type="button" className="font-semibold underline-offset-2 hover:underline" onClick={() => f.client.containerId && onSelect(f.client.containerId)}>{f.client.name} → {f.server.name}:{f.server.port}</button>
              {' '}{f.state === 'refused' ? `refused (${f.attempts} in the last 10 s)` : 'no answer'}
              {f.reason ? <>: {f.reason.summary.replace(/^.*? (and gets no answer|and is refused): /, '')}</> : null}
              {f.reason?.fix ? (
                <span className="mt-0.5 block">
                  Fix: <code className="rounded bg-white/70 px-1 dark:bg-black/40">{f.reason.fix.command}</code>
                  {f.reason.fix.connect && onConnect ? <button type="button" className="ml-2 rounded border border-red-700 px-1.5 py-0.5 dark:border-red-400" onClick={() => onConnect(f.reason!.fix!.connect!.networkId, f.reason!.fix!.connect!.containerId)}>Connect…</button> : null}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
