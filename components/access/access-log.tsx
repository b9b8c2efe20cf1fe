'use client';
/** The access log: sign-ins, failed sign-ins, sign-outs, token use and refusals, tokens made and revoked; filtered by who. */
import { useState } from 'react';
import { useAccessLog } from '@/lib/hooks/use-access';

const WORDS: Record<string, string> = {
  'sign-in': 'signed in', 'sign-in-failed': 'sign-in failed', 'sign-out': 'signed out', 'token-used': 'token used',
  'token-refused': 'token refused', 'token-created': 'token made', 'token-revoked': 'token revoked',
};

function detailText(d: Record<string, unknown>): string {
  if (typeof d.why === 'string') return d.why;
  if (Array.isArray(d.roles)) return `roles: ${d.roles.join(', ')}`;
  if (typeof d.request === 'string') return d.request;
  if (typeof d.name === 'string') return `${d.name}${typeof d.role === 'string' ? ` (${d.role}${d.engine ? ` on ${String(d.engine)}` : ''})` : ''}`;
  return '';
}

export function AccessLog() {
  const [actor, setActor] = useState('');
  const { data, error } = useAccessLog(actor);
  return (
    <section aria-label="Sign-ins and token use" className="rounded border border-slate-200 p-3 dark:border-slate-800" data-testid="access-log">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-sm font-semibold">Sign-ins and token use</h2>
        <label className="text-xs">by <input type="search" value={actor} onChange={(e) => setActor(e.target.value)} placeholder="anyone" aria-label="Only records of (user or token)"
          className="w-32 rounded border border-slate-300 bg-white px-1 py-0.5 text-xs dark:border-slate-600 dark:bg-slate-900" data-testid="access-actor" /></label>
      </div>
      {error ? <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">{(error as Error).message}</p> : null}
      <ol className="mt-2 max-h-[32rem] space-y-1 overflow-y-auto text-xs" tabIndex={0} aria-label="Access records">
        {(data?.entries ?? []).map((e) => (
          <li key={e.id} className="flex gap-2 rounded border border-slate-200 px-2 py-1 dark:border-slate-800" data-testid="access-entry" data-kind={e.kind}>
            <time dateTime={e.at} className="shrink-0 font-mono text-[11px] text-slate-600 dark:text-slate-400">{new Date(e.at).toLocaleString()}</time>
            <span className={e.kind.endsWith('failed') || e.kind === 'token-refused' ? 'font-semibold text-red-800 dark:text-red-300' : ''}>{WORDS[e.kind] ?? e.kind}</span>
            {e.actor ? <button type="button" className="underline decoration-dotted" onClick={() => setActor(e.actor!.name)}>{e.actor.name}</button> : <span className="text-slate-600 dark:text-slate-400">unknown</span>}
            <span className="min-w-0 flex-1 truncate text-slate-700 dark:text-slate-300" title={detailText(e.detail)}>{detailText(e.detail)}</span>
            {e.address ? <span className="shrink-0 font-mono text-[11px] text-slate-600 dark:text-slate-400">{e.address}</span> : null}
          </li>
        ))}
      </ol>
      {data && data.entries.length === 0 ? <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">Nothing recorded{actor ? ` for ${actor}` : ''}.</p> : null}
    </section>
  );
}
