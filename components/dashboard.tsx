'use client';
/** The main page: engine status, view controls, the graph with its inspector, and the list. */
import { useCallback, useMemo, useRef, useState } from 'react';
import { checkConnect } from '@/lib/rewire/preflight';
import { toElements } from '@/lib/graph/elements';
import { visibleTopology } from '@/lib/graph/filter';
import { elementIdOf, parseSelection, selectionKey, selectionOfElement, type Selection } from '@/lib/graph/selection';
import { download } from '@/lib/download';
import { useColorScheme } from '@/lib/hooks/use-color-scheme';
import { useEngineEvents, type EventsState } from '@/lib/hooks/use-engine-events';
import { useHealth } from '@/lib/hooks/use-health';
import { useTopology, useTopologySync } from '@/lib/hooks/use-topology';
import { useViewState } from '@/lib/hooks/use-view-state';
import { FetchError } from '@/lib/hooks/fetcher';
import { EngineStatus, StatusBanner } from './engine-status';
import dynamic from 'next/dynamic';
import type { GraphHandle, GraphSelection } from './graph/cytoscape-graph';
import { Inspector } from './inspector';
import { Legend } from './legend';
import { ListView } from './list-view';
import { Toolbar } from './toolbar';
import { RewireLayer, type RewireDialog } from './rewire/rewire-layer';

// Cytoscape and its plugins touch `window` when loaded: client only.
const CytoscapeGraph = dynamic(() => import('./graph/cytoscape-graph').then((m) => m.CytoscapeGraph), { ssr: false });

export function Dashboard() {
  const { data: health, error: healthError, mutate: recheckHealth } = useHealth();
  const { data: topology, error, isLoading, mutate } = useTopology();
  const [view, setView] = useViewState();
  const theme = useColorScheme();
  const graph = useRef<GraphHandle>(null);
  const [dialog, setDialog] = useState<RewireDialog | null>(null);
  const [pendingIds, setPendingIds] = useState<string[]>([]);

  const sync = useTopologySync(mutate);
  const eventHandlers = useMemo(() => ({
    onReady: (epoch: string, version: number) => {
      sync.onReady(epoch, version);
      void recheckHealth();
    },
    onPatch: sync.onPatch,
    onDown: () => void recheckHealth(),
  }), [sync, recheckHealth]);
  const live = useEngineEvents(eventHandlers);

  const elements = useMemo(() => (topology ? toElements(topology, view) : []), [topology, view]);
  const visible = useMemo(() => (topology ? visibleTopology(topology, view) : null), [topology, view]);
  const selection = parseSelection(view.sel);
  const select = useCallback((s: Selection | null) => setView({ sel: s ? selectionKey(s) : null }), [setView]);
  const onGraphSelect = useCallback((g: GraphSelection | null) => select(g ? selectionOfElement(g.kind, g.ref) : null), [select]);

  const canJoin = useCallback((containerId: string, networkId: string) => {
    const n = topology?.networks.find((x) => x.id === networkId);
    const c = topology?.containers.find((x) => x.id === containerId);
    return !!topology && !!n && !!c && checkConnect(topology, n, c, { aliases: [], ipv4: null, ipv6: null }) === null;
  }, [topology]);
  const onDrop = useCallback((containerId: string, networkId: string) => setDialog({ kind: 'connect', networkId, containerId }), []);
  const onEndpointMenu = useCallback((ref: string) => {
    const [networkId, containerId] = ref.split(':');
    if (networkId && containerId) setDialog({ kind: 'disconnect', networkId, containerId });
  }, []);
  const actions = useMemo(() => ({
    connect: (containerId: string) => setDialog({ kind: 'pick-network', containerId }),
    connectTo: (networkId: string, containerId: string) => setDialog({ kind: 'connect', networkId, containerId }),
    disconnect: (networkId: string, containerId: string) => setDialog({ kind: 'disconnect', networkId, containerId }),
    removeNetwork: (networkId: string) => setDialog({ kind: 'remove', networkId }),
  }), []);

  const readOnly = health?.readOnly === true;

  const onExport = (format: 'png' | 'svg' | 'json') => {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    if (format === 'json' && topology) download(`switchyard-topology-${stamp}.json`, JSON.stringify(topology, null, 2), 'application/json');
    if (format === 'png') download(`switchyard-${stamp}.png`, graph.current?.png() ?? '', 'image/png');
    if (format === 'svg') download(`switchyard-${stamp}.svg`, graph.current?.svg() ?? '', 'image/svg+xml');
  };

  const fetchErr = error instanceof FetchError ? error : null;
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex flex-wrap items-center gap-4 border-b border-slate-200 px-4 py-2 dark:border-slate-800">
        <h1 className="text-lg font-semibold tracking-tight">Switchyard</h1>
        <EngineStatus health={health} fetchError={healthError ? (healthError as Error).message : null} />
        {readOnly ? <span className="rounded bg-slate-200 px-2 py-0.5 text-xs font-semibold text-slate-700 dark:bg-slate-800 dark:text-slate-200" data-testid="read-only" title="SWITCHYARD_READ_ONLY is set: changes are turned off">read-only</span> : null}
        <LiveBadge state={live} />
      </header>
      <div className="border-b border-slate-200 px-4 py-2 dark:border-slate-800">
        <Toolbar
          view={view}
          networks={topology?.networks.map((n) => n.name) ?? []}
          projects={[...new Set(topology?.containers.map((c) => c.composeProject).filter((p): p is string => !!p) ?? [])].sort()}
          onChange={setView}
          onFit={() => graph.current?.fit()}
          onZoom={(f) => graph.current?.zoomBy(f)}
          onExport={onExport}
          onCreateNetwork={readOnly ? undefined : () => setDialog({ kind: 'create' })}
        />
      </div>
      {error && topology ? (
        <div className="px-4 pt-2">
          <StatusBanner tone="warn" title={`Showing the state as of ${topology.meta ? new Date(topology.meta.updatedAt ?? topology.meta.readAt).toLocaleTimeString() : 'earlier'}: ${(error as Error).message}`} detail={fetchErr?.hint ?? 'Switchyard keeps retrying and updates as soon as the engine answers.'} />
        </div>
      ) : null}
      <main className="flex min-h-0 flex-1 flex-col gap-4 p-4 lg:flex-row">
        <div className="flex min-w-0 flex-1 flex-col gap-4">
          <div className="relative h-[62vh] min-h-[420px] rounded border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950">
            <CytoscapeGraph
              ref={graph}
              elements={elements}
              layout={view.layout}
              theme={theme}
              selectedId={elementIdOf(selection, topology)}
              onSelect={onGraphSelect}
              canJoin={canJoin}
              onDropOnNetwork={readOnly ? undefined : onDrop}
              onEndpointMenu={readOnly ? undefined : onEndpointMenu}
              pendingIds={pendingIds}
            />
            <GraphOverlay loading={isLoading && !topology} error={!topology && error ? fetchErr ?? (error as Error) : null} empty={!!topology && topology.containers.length === 0} />
          </div>
          <section aria-label="List view" className="rounded border border-slate-200 p-2 dark:border-slate-800">
            <h2 className="mb-2 px-2 text-sm font-semibold">Networks and members</h2>
            {visible ? <ListView visible={visible} selection={selection} onSelect={select} onConnect={readOnly ? undefined : actions.connect} onDisconnect={readOnly ? undefined : actions.disconnect} /> : null}
          </section>
        </div>
        <aside className="w-full shrink-0 lg:w-[26rem]" aria-label="Inspector">
          <div className="rounded border border-slate-200 p-3 dark:border-slate-800">
            {topology ? <Inspector topology={topology} selection={selection} onSelect={select} actions={readOnly ? null : actions} /> : <p className="text-sm text-slate-500">No data yet.</p>}
          </div>
          <div className="mt-3 rounded border border-slate-200 p-3 dark:border-slate-800"><Legend /></div>
          {topology && topology.warnings.length ? <Warnings topology={topology} /> : null}
        </aside>
      </main>
      {topology && !readOnly ? <RewireLayer topology={topology} dialog={dialog} setDialog={setDialog} setPending={setPendingIds} /> : null}
    </div>
  );
}

function GraphOverlay({ loading, error, empty }: { loading: boolean; error: Error | null; empty: boolean }) {
  if (loading) return <Overlay><p aria-busy="true">Reading networks and containers from the engine…</p></Overlay>;
  if (error) {
    const hint = error instanceof FetchError ? error.hint : null;
    return <Overlay><StatusBanner tone="error" title={error.message} detail={hint ?? 'Switchyard retries by itself; this page updates when the engine answers.'} /></Overlay>;
  }
  if (empty) {
    return (
      <Overlay>
        <p className="font-semibold">No containers yet.</p>
        <p className="text-sm">Start one (<code>docker run -d --name web busybox httpd -f</code>) or bring up the demo lab with <code>npm run lab</code>; it appears here by itself.</p>
      </Overlay>
    );
  }
  return null;
}

function Overlay({ children }: { children: React.ReactNode }) {
  return <div className="pointer-events-none absolute inset-x-0 top-1/3 mx-auto max-w-lg rounded bg-white/90 p-4 text-center shadow dark:bg-slate-900/90" data-testid="graph-overlay">{children}</div>;
}

function LiveBadge({ state }: { state: EventsState }) {
  const text = { connecting: 'connecting…', live: 'live', 'engine-down': 'engine down, retrying', reconnecting: 'reconnecting…' }[state];
  const dot = state === 'live' ? 'bg-emerald-500' : state === 'engine-down' ? 'bg-red-500' : 'bg-amber-500';
  return (
    <span className="ml-auto flex items-center gap-1 text-xs text-slate-500" data-testid="live-state" data-state={state}>
      <span className={`inline-block size-2 rounded-full ${dot}`} aria-hidden /> {text}
    </span>
  );
}

function Warnings({ topology }: { topology: { warnings: { code: string; message: string }[] } }) {
  return (
    <details className="mt-3 rounded border border-amber-300 p-3 text-xs dark:border-amber-800" data-testid="warnings">
      <summary className="cursor-pointer">{topology.warnings.length} note{topology.warnings.length === 1 ? '' : 's'} from the engine and host</summary>
      <ul className="mt-2 list-disc pl-4">{topology.warnings.map((w) => <li key={w.code + w.message}>{w.message}</li>)}</ul>
    </details>
  );
}
