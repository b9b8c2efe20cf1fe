'use client';
import { useHealth } from '@/lib/hooks/use-health';
import { EngineStatus } from './engine-status';

/** The main page: header with the engine's state, then the topology. */
export function Dashboard() {
  const { data: health, error } = useHealth();
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex flex-wrap items-center gap-4 border-b border-slate-200 px-4 py-2 dark:border-slate-800">
        <h1 className="text-lg font-semibold tracking-tight">Switchyard</h1>
        <EngineStatus health={health} fetchError={error ? (error as Error).message : null} />
      </header>
      <main className="flex-1 p-4" />
    </div>
  );
}
