'use client';
/**
 * The Exposure view: every published port, riskiest first, with who can connect (loopback only,
 * whoever routes to one address, every machine that reaches this host), each of the host's
 * interfaces with what the firewall does there (naming the rule), and the fixes: the `-p` and
 * compose YAML that bind to loopback, or the DOCKER-USER rule.
 */
import { useState } from 'react';
import { hostPortText } from '@/lib/net/cidr';
import type { ExposureAnswer } from '@/lib/schemas/exposure';

type Port = ExposureAnswer['ports'][number];

const RISK: { min: number; label: string; tone: string }[] = [
  { min: 3, label: 'every machine', tone: 'border-red-600 bg-red-50 text-red-950 dark:border-red-500 dark:bg-red-950 dark:text-red-100' },
  { min: 2, label: 'some machines', tone: 'border-amber-600 bg-amber-50 text-amber-950 dark:border-amber-500 dark:bg-amber-950 dark:text-amber-100' },
  { min: 1, label: 'narrowed', tone: 'border-sky-700 bg-sky-50 text-sky-950 dark:border-sky-500 dark:bg-sky-950 dark:text-sky-100' },
  { min: 0, label: 'this host only', tone: 'border-slate-400 bg-slate-50 text-slate-900 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100' },
];
const riskOf = (p: Port) => RISK.find((r) => p.risk >= r.min)!;

const VERDICT: Record<Port['interfaces'][number]['verdict'], string> = { open: 'open', narrowed: 'narrowed', dropped: 'dropped', unknown: 'unknown' };

export function ExposurePanel({ data, error, onSelect }: { data: ExposureAnswer | undefined; error: Error | null; onSelect: (containerId: string) => void }) {
  const [open, setOpen] = useState<string | null>(null);
  if (error && !data) return <p role="alert" className="text-xs text-red-800 dark:text-red-300" data-testid="exposure-panel">Exposure could not be read: {error.message}</p>;
  if (!data) return <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="exposure-panel" aria-busy="true">Reading the published ports, the host&apos;s interfaces and firewall…</p>;
  const beyond = data.ports.filter((p) => p.scope !== 'loopback');
  const wide = data.ports.filter((p) => p.risk >= 3).length;
  return (
    <section className="max-h-[40vh] overflow-auto rounded border border-slate-200 px-3 py-2 text-xs dark:border-slate-800" data-testid="exposure-panel" aria-label="Exposure">
      <p className="text-slate-700 dark:text-slate-300">
        Exposure: {data.ports.length} published port{data.ports.length === 1 ? '' : 's'}, {beyond.length} beyond loopback, {wide} open to every machine that reaches this host
        {' · '}firewall {data.firewall.read ? 'read' : <>not read <span className="text-slate-600 dark:text-slate-400">({data.firewall.reason})</span></>}
        {data.interfaces.length ? <> · interfaces: {data.interfaces.map((i) => `${i.name} (${i.addresses.join(', ')})`).join('; ')}</> : null}
      </p>
      {data.ports.length === 0 ? <p className="mt-1 text-slate-600 dark:text-slate-400">No container publishes a port.</p> : (
        <ul className="mt-1 space-y-1" aria-label="Published ports, riskiest first">
          {data.ports.map((p) => {
            const key = `${p.containerId}:${p.hostIp}:${p.hostPort}:${p.containerPort}/${p.protocol}`;
            const r = riskOf(p);
            const expanded = open === key;
            return (
              <li key={key} className={`rounded border-l-4 px-2 py-1 ${r.tone}`} data-testid="exposed-port" data-risk={p.risk} data-scope={p.scope}>
                <div className="flex flex-wrap items-baseline gap-x-2">
                  <span className="rounded bg-white/70 px-1 font-semibold dark:bg-black/40">{r.label}</span>
                  <button type="button" className="font-semibold underline-offset-2 hover:underline" onClick={() => onSelect(p.containerId)}>{p.containerName}</button>
                  <span className="font-mono">{hostPortText(p.hostIp, p.hostPort)} → {p.containerPort}/{p.protocol}</span>
                  <button type="button" className="ml-auto underline underline-offset-2" aria-expanded={expanded} onClick={() => setOpen(expanded ? null : key)}>{expanded ? 'Less' : 'Why, and the fix'}</button>
                </div>
                <p>{p.summary}</p>
                {p.interfaces.some((i) => i.verdict !== 'open') ? (
                  <ul className="mt-0.5">
                    {p.interfaces.filter((i) => i.verdict !== 'open').map((i) => <li key={i.name}>from {i.name}: <strong>{VERDICT[i.verdict]}</strong>{i.firewall ? <> — {i.firewall.text}</> : null}</li>)}
                  </ul>
                ) : null}
                {expanded ? (
                  <div className="mt-1 space-y-1" data-testid="exposure-detail">
                    <ul className="list-disc pl-4">{p.reasons.map((x) => <li key={x}>{x}</li>)}</ul>
                    {p.fixes.map((f) => (
                      <div key={f.text}>
                        <p>Fix: {f.text}</p>
                        {f.command ? <code className="block whitespace-pre-wrap rounded bg-white/70 px-1 dark:bg-black/40">{f.command}</code> : null}
                        {f.compose ? <pre className="mt-0.5 whitespace-pre-wrap rounded bg-white/70 px-1 dark:bg-black/40">{f.compose}</pre> : null}
                      </div>
                    ))}
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
