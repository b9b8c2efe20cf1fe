'use client';
/** Every engine with its health, version, counts and swarm role; each row opens that engine's graph. */
import { useEngines } from '@/lib/hooks/use-engines';
import { engineHref, stateWord } from './engine-switcher';
import { StatusBanner } from './engine-status';

const SOURCE = { default: 'DOCKER_HOST / local socket', context: 'docker context', file: 'SWITCHYARD_ENGINES' } as const;

export function EnginesOverview() {
  const { data, error } = useEngines(3000);
  return (
    <main className="mx-auto max-w-6xl p-4">
      <header className="mb-4 flex items-baseline gap-4">
        <h1 className="text-lg font-semibold tracking-tight">Switchyard · engines</h1>
        {/* A full navigation, not a client-side one: each engine's page starts with its own data (lib/hooks/fetcher). */}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
        <a className="text-sm text-sky-700 underline dark:text-sky-400" href="/">Back to the graph</a>
        <a className="text-sm text-sky-700 underline dark:text-sky-400" href="/fleet" data-testid="fleet-link">Fleet graph</a>
      </header>
      {error ? <StatusBanner tone="error" title="Switchyard's server does not answer" detail={(error as Error).message} /> : null}
      {!data && !error ? <p aria-busy="true" className="text-sm">Asking every engine…</p> : null}
      {data ? (
        <>
          <table className="w-full border-collapse text-left text-sm" data-testid="engines-table">
            <caption className="sr-only">Engines Switchyard knows</caption>
            <thead className="border-b border-slate-300 dark:border-slate-700">
              <tr>
                <th scope="col" className="py-1 pr-3">Engine</th>
                <th scope="col" className="py-1 pr-3">Health</th>
                <th scope="col" className="py-1 pr-3">Version</th>
                <th scope="col" className="py-1 pr-3">Containers</th>
                <th scope="col" className="py-1 pr-3">Networks</th>
                <th scope="col" className="py-1 pr-3">Swarm</th>
                <th scope="col" className="py-1 pr-3">Where</th>
              </tr>
            </thead>
            <tbody>
              {data.engines.map((e) => (
                <tr key={e.name} data-engine={e.name} data-state={stateWord(e)} className="border-b border-slate-200 align-top dark:border-slate-800">
                  <th scope="row" className="py-1.5 pr-3 font-medium">
                    <a className="text-sky-700 underline dark:text-sky-400" href={engineHref(e.name, e.current)}>{e.name}</a>
                    {e.current ? <span className="ml-1 text-xs text-slate-600 dark:text-slate-400">(current)</span> : null}
                    <div className="text-xs font-normal text-slate-600 dark:text-slate-400">{e.description ?? SOURCE[e.source]}</div>
                  </th>
                  <td className="py-1.5 pr-3">
                    <span className={`mr-1 inline-block size-2 rounded-full ${e.ok ? 'bg-emerald-500' : 'bg-red-500'}`} aria-hidden />
                    {stateWord(e)}
                    {e.error ? <div className="max-w-sm text-xs text-red-800 dark:text-red-300" data-testid="engine-error">{e.error.message}{e.error.hint ? ` — ${e.error.hint}` : ''}</div> : null}
                  </td>
                  <td className="py-1.5 pr-3">{e.version ? `${e.version} (API ${e.apiVersion})` : '–'}</td>
                  <td className="py-1.5 pr-3">{e.counts ? `${e.counts.containers} (${e.counts.running} running)` : '–'}</td>
                  <td className="py-1.5 pr-3">{e.counts ? e.counts.networks : '–'}</td>
                  <td className="py-1.5 pr-3">{e.swarm ? (e.swarm.role === 'none' ? 'not in a swarm' : e.swarm.role) : '–'}</td>
                  <td className="py-1.5 pr-3"><code className="text-xs">{e.endpoint}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.problems.length ? (
            <section className="mt-4" aria-label="Configuration problems">
              <h2 className="text-sm font-semibold">Not used</h2>
              <ul className="list-disc pl-5 text-sm">{data.problems.map((p) => <li key={p}>{p}</li>)}</ul>
            </section>
          ) : null}
        </>
      ) : null}
    </main>
  );
}
