'use client';
/**
 * The header's control for Switchyard's agent on a remote engine (lib/agent): whether it runs
 * and reads this engine's host, and a button to start or stop it. Nothing on an engine on this
 * machine (its host is read without one). It starts only when the button is pressed.
 */
import { useState } from 'react';
import useSWR from 'swr';
import type { AgentStatusBody } from '@/lib/schemas/engines';
import { fetchJson, requestJson, FetchError } from '@/lib/hooks/fetcher';

export function AgentControl({ engine, readOnly }: { engine: string | null; readOnly: boolean }) {
  const key = engine ? `/api/engines/${encodeURIComponent(engine)}/agent` : null;
  const { data, mutate } = useSWR<AgentStatusBody>(key, fetchJson, { refreshInterval: 10_000, keepPreviousData: true });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!key || !data || data.local) return null;
  const act = async (method: 'POST' | 'DELETE') => {
    setBusy(true);
    setError(null);
    try {
      const r = await requestJson<{ status: AgentStatusBody }>(key, { method, headers: { 'content-type': 'application/json' }, body: '{}' }, { timeoutMs: 320_000 });
      await mutate(r.status, { revalidate: false });
    } catch (err) {
      setError(err instanceof FetchError && err.hint ? `${err.message} (${err.hint})` : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const running = data.state === 'running';
  return (
    <span className="flex items-center gap-2 text-xs" data-testid="agent-control" data-state={data.state} data-reading={data.reading}>
      <span className="text-slate-600 dark:text-slate-400" title={`Switchyard's agent: a container from ${data.image} on this engine (--pid host, --network host, read-only, no port) that Switchyard asks, through the engine's API, for its host's veth pairs, bridges, sockets and traffic`}>
        {running ? (data.reading ? `Host read by Switchyard's agent (${data.asks} reads)` : 'Switchyard\'s agent runs (not read yet)') : data.state === 'stopped' ? 'Switchyard\'s agent is stopped' : 'This engine\'s host is not read (it is on another machine)'}
      </span>
      {readOnly ? null : running ? (
        <button type="button" className="rounded border border-slate-300 px-2 py-0.5 dark:border-slate-700" disabled={busy} onClick={() => void act('DELETE')}>{busy ? 'Stopping…' : 'Stop agent'}</button>
      ) : (
        <button type="button" className="rounded border border-sky-400 px-2 py-0.5 text-sky-900 dark:border-sky-700 dark:text-sky-100" disabled={busy} onClick={() => void act('POST')}>{busy ? 'Starting…' : 'Read its host with an agent'}</button>
      )}
      {error ? <span role="alert" className="text-red-700 dark:text-red-400" data-testid="agent-error">{error}</span> : null}
    </span>
  );
}
