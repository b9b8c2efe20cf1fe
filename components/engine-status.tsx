'use client';
import type { HealthBody } from '@/lib/schemas/health';

interface Props {
  health: HealthBody | undefined;
  /** Set when Switchyard's own server did not answer. */
  fetchError: string | null;
}

/** The engine line in the header: version and endpoint, or why there is no engine and what to do. */
export function EngineStatus({ health, fetchError }: Props) {
  if (fetchError) {
    return <StatusBanner tone="error" title="Switchyard's server does not answer" detail={fetchError} testId="engine-status" />;
  }
  if (!health) {
    return <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="engine-status" aria-busy="true">Checking the Docker engine…</p>;
  }
  if (!health.ok || !health.engine) {
    return (
      <StatusBanner
        tone="error"
        title={`Engine ${health.name}: ${health.error?.message ?? 'the Docker engine does not answer'}`}
        detail={health.error?.hint ?? null}
        testId="engine-status"
      />
    );
  }
  const e = health.engine;
  return (
    <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="engine-status">
      <span className="mr-1 inline-block size-2 rounded-full bg-emerald-500" aria-hidden />
      Docker Engine <strong data-testid="engine-version">{e.serverVersion}</strong> · API {e.apiVersion}
      {e.apiVersion !== e.serverApiVersion ? ` (engine up to ${e.serverApiVersion})` : ''} · {e.os}/{e.arch} ·{' '}
      <code className="text-xs">{health.endpoint}</code>
    </p>
  );
}

export function StatusBanner({ tone, title, detail, testId }: { tone: 'error' | 'warn'; title: string; detail: string | null; testId?: string }) {
  const colours = tone === 'error'
    ? 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100'
    : 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100';
  return (
    <div role="alert" data-testid={testId} className={`rounded border px-3 py-2 text-sm ${colours}`}>
      <p className="font-semibold">{title}</p>
      {detail ? <p className="mt-0.5">{detail}</p> : null}
    </div>
  );
}
