'use client';
/** The main page: engine status, view controls, the graph with its inspector, and the list. */
import { startTransition, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { checkConnect } from '@/lib/rewire/preflight';
import { toElements, type GraphElement } from '@/lib/graph/elements';
import { ids, parseEndpointRef, parseNodeId } from '@/lib/graph/ids';
import { visibleTopology } from '@/lib/graph/filter';
import { drawnGraph, noMarks } from '@/lib/graph/layers/layer';
import { changedLayer, pathLayer, pendingLayer } from '@/lib/graph/layers/marks';
import { neighbourhoodLayer } from '@/lib/graph/layers/neighbourhood';
import { searchLayer } from '@/lib/graph/layers/search';
import { useTrafficLayer, useTrafficStream } from '@/lib/hooks/use-traffic';
import { useExposure, useExposureLayer } from '@/lib/hooks/use-exposure';
import { useDrift, useDriftLayer } from '@/lib/hooks/use-drift';
import { FOLD_BUDGET } from '@/lib/graph/fold';
import { elementIdOf, parseSelection, selectionKey, selectionOfElement, type Selection } from '@/lib/graph/selection';
import { download } from '@/lib/download';
import { useColorScheme } from '@/lib/hooks/use-color-scheme';
import { useEngineEvents } from '@/lib/hooks/use-engine-events';
import { hasFoldOverrides, useFolds } from '@/lib/hooks/use-folds';
import { useHealth } from '@/lib/hooks/use-health';
import { useTopology, useTopologySync } from '@/lib/hooks/use-topology';
import { useViewState } from '@/lib/hooks/use-view-state';
import { foldFilterKey } from '@/lib/graph/view-state';
import { engineKey } from '@/lib/graph/browser-keys';
import { FIRST_VIEW_FILTER_KEY, isEarlyView, type FirstView } from '@/lib/first-view/page';
import { regroup } from '@/lib/graph/grouping';
import { FetchError } from '@/lib/hooks/fetcher';
import { useActivityRefresh, useChangesSince } from '@/lib/hooks/use-activity';
import { undoNeedsAdmin } from '@/lib/identity/can';
import { useMe } from '@/lib/hooks/use-me';
import { UserBadge } from './user-badge';
import { ActivityPanel } from './activity-panel';
import { ChangesSince, changedElementIds } from './activity-changes';
import { EngineStatus, StatusBanner } from './engine-status';
import { LiveBadge } from './live-badge';
import { AgentControl } from './agent-control';
import { EngineSwitcher } from './engine-switcher';
import { CytoscapeGraph, type GraphDiagnostics, type GraphHandle, type GraphSelection } from './graph/cytoscape-graph';
import { Inspector } from './inspector';
import { Legend } from './legend';
import { ListView } from './list-view';
import { MatrixSection } from './reach-matrix';
import { topologyVersion } from '@/lib/hooks/use-reachability';
import { GraphControls, Toolbar } from './toolbar';
import { RewireLayer, type RewireDialog } from './rewire/rewire-layer';
import { TrafficPanel } from './traffic-panel';
import { ExposurePanel } from './exposure-panel';
import { DriftPanel } from './compose/drift-panel';
import { PlanPanel } from './plan-panel';
import { usePlan } from '@/lib/hooks/use-plan';

// Cytoscape is part of the page's first bundle, not a chunk loaded once the page has hydrated:
// the graph mounts as the page hydrates and draws the first view's elements at once. (Its
// module only defines things; `cy` is made in the component's mount effect, in the browser.)

export function Dashboard({ preview = null }: { preview?: FirstView | null }) {
  const { data: health, error: healthError, mutate: recheckHealth } = useHealth();
  const { data: topology, error, isLoading, mutate } = useTopology();
  const [view, setView, opened] = useViewState();
  const { knobs } = opened;
  const theme = useColorScheme();
  const graph = useRef<GraphHandle>(null);
  const [dialog, setDialog] = useState<RewireDialog | null>(null);
  const [pendingIds, setPendingIds] = useState<string[]>([]);
  const plan = usePlan();
  // The path a reachability verdict drew, for the selection it was drawn for (another selection clears it).
  const [pathFor, setPathFor] = useState<{ sel: string | null; ids: string[] }>({ sel: null, ids: [] });

  const sync = useTopologySync(mutate);
  const stream = useTrafficStream(view.traffic);
  const refreshActivity = useActivityRefresh();
  // Why the server had dropped this page's live updates, if it did (shown by the live badge).
  const [droppedNote, setDroppedNote] = useState<string | null>(null);
  const eventHandlers = useMemo(() => ({
    onReady: (epoch: string, version: number) => {
      sync.onReady(epoch, version);
      void recheckHealth();
    },
    onPatch: sync.onPatch,
    onDown: () => void recheckHealth(),
    onActivity: refreshActivity,
    onTraffic: stream.onTraffic,
    onTrafficPatch: stream.onTrafficPatch,
    onDropped: setDroppedNote,
  }), [sync, recheckHealth, refreshActivity, stream.onTraffic, stream.onTrafficPatch]);
  const live = useEngineEvents(eventHandlers, { trafficMs: view.traffic ? view.trafficEvery * 1000 : null });

  // Only what the graph draws from: a change of selection or layout recomputes nothing.
  const { q, network, project, hideStopped, hideBuiltin, hostIfaces, group } = view;
  // Grouped by swarm service or node, the graph draws a regrouped topology (lib/graph/grouping),
  // the project filter already applied; the inspector and the list keep the engine's own.
  const drawn = useMemo(() => (topology ? regroup(topology, group, project) : undefined), [topology, group, project]);
  // What the graph's elements are made from: the filter without the search, which is a layer (below).
  const drawnFilter = useMemo(() => ({ q: '', network, project: drawn === topology ? project : null, hideStopped, hideBuiltin, hostIfaces }), [network, project, hideStopped, hideBuiltin, hostIfaces, drawn, topology]);
  const filter = useMemo(() => ({ ...drawnFilter, q }), [drawnFilter, q]);
  const visible = useMemo(() => (drawn ? visibleTopology(drawn, filter) : null), [drawn, filter]);
  // Until the topology has arrived (a few MB on a large host), the graph draws the first view's
  // elements from the page's HTML: the same ones it computes then, unless the user's own folds
  // make another graph. The server folded that topology already: the page takes its fold set
  // (the size rule is applied once per engine and filter), and its elements while the topology
  // is the very version they were made from.
  // The server folded by the default budget: another one asked in the URL (`?fold=`) folds here.
  const foldBudget = knobs.fold ?? FOLD_BUDGET;
  const [early] = useState(() => (preview && typeof window !== 'undefined' && foldBudget === FOLD_BUDGET && !hasFoldOverrides(engineKey(preview.engineId, view.engine)!) ? preview : null));
  const filterKey = foldFilterKey(view);
  const folds = useFolds(engineKey(topology?.engine.id ?? null, view.engine), visible, filterKey, early ? { engine: early.engineId, filterKey: FIRST_VIEW_FILTER_KEY, collapsed: early.collapsed } : null, foldBudget);
  // The search does not change the elements: it is a layer (below).
  const elements = useMemo(() => {
    if (!drawn) return early?.elements ?? NO_ELEMENTS;
    if (early && isEarlyView(early, drawn, filterKey, hostIfaces, folds.collapsed)) return early.elements;
    return toElements(drawn, { ...drawnFilter, layout: 'clusters', sel: null }, folds.collapsed);
  }, [drawn, drawnFilter, folds.collapsed, early, filterKey, hostIfaces]);
  // Another grouping is another picture: lay it out afresh (the graph has reconciled by now).
  const lastGroup = useRef(group);
  useEffect(() => {
    if (lastGroup.current === group) return;
    lastGroup.current = group;
    graph.current?.relayout();
  }, [group, elements]);
  const selection = useMemo(() => parseSelection(view.sel), [view.sel]);
  const [diagnostics, setDiagnostics] = useState<GraphDiagnostics | null>(null);
  const [focus, setFocus] = useState<{ ids: string[]; token: number } | null>(null);
  const focusOn = useCallback((elementIds: string[]) => setFocus((f) => ({ ids: elementIds, token: (f?.token ?? 0) + 1 })), []);

  /**
   * Unfolds what hides a selection and brings it into view. One function for the page's life
   * (it reads the latest topology and folds when called): the list's thousands of rows take it
   * as a prop, and a new one would render every row again (120 ms at 5,000 containers).
   */
  const latest = useRef({ topology, folds, visible });
  useEffect(() => { latest.current = { topology, folds, visible }; });
  const show = useCallback((sel: Selection | null) => {
    const { topology: t, folds: f } = latest.current;
    if (!sel || !t) return;
    if (sel.kind === 'container') f.reveal([sel.id]);
    if (sel.kind === 'endpoint') f.reveal([sel.containerId]);
    const el = elementIdOf(sel, t);
    if (el) focusOn([el]);
  }, [focusOn]);
  const pathIds = pathFor.sel === view.sel ? pathFor.ids : NO_IDS;
  // A search is a selection of containers: who reaches whom among them (the list offers the matrix).
  const matchedContainers = useMemo(() => (visible?.matches ? visible.containers.filter((c) => visible.matches!.has(c.id)).map((c) => c.id) : NO_IDS), [visible]);
  /** Draws a verdict's path: unfolds what hides A and B, highlights the elements, brings them into view. */
  const showPath = useCallback((elementIds: string[]) => {
    setPathFor({ sel: view.sel, ids: elementIds });
    const containers = elementIds.map(parseNodeId).filter((x) => x?.kind === 'container').map((x) => x!.ref);
    if (containers.length) folds.reveal(containers);
    if (elementIds.length) focusOn(elementIds);
  }, [view.sel, folds, focusOn]);
  const onGraphSelect = useCallback((g: GraphSelection | null) => setView({ sel: g ? selectionKeyOrNull(selectionOfElement(g.kind, g.ref)) : null }), [setView]);
  // A selection made outside the graph (the list, the inspector) is shown in the graph.
  const select = useCallback((s: Selection | null) => {
    setView({ sel: s ? selectionKey(s) : null });
    show(s);
  }, [setView, show]);
  // So is one in the URL the page opened with (a deep link).
  const hasTopology = !!topology;
  const openedWith = opened.view.sel;
  useEffect(() => {
    if (!hasTopology) return;
    const t = setTimeout(() => show(parseSelection(openedWith)), 0);
    return () => clearTimeout(t);
  }, [hasTopology, show, openedWith]);

  // A search unfolds the groups holding its matches (when they are few) and shows them: once
  // for each search typed (it reads the latest topology when it runs; a live update does not
  // move the view again).
  useEffect(() => {
    const { topology, visible, folds } = latest.current;
    if (!hasTopology || !topology || !visible?.matches || q.trim().length < 2) return;
    const t = setTimeout(() => {
      const matches = [...(visible.matches ?? [])];
      const containerIds = new Set(visible.containers.map((c) => c.id));
      const ctrIds = matches.filter((id) => containerIds.has(id));
      if (ctrIds.length <= REVEAL_MAX) folds.reveal(ctrIds);
      focusOn(matches.map((id) => (containerIds.has(id) ? ids.container(id) : elementIdOf({ kind: 'network', id }, topology)!)));
    }, 350);
    return () => clearTimeout(t);
  }, [q, hasTopology, focusOn]);

  const canJoin = useCallback((containerId: string, networkId: string) => {
    const n = topology?.networks.find((x) => x.id === networkId);
    const c = topology?.containers.find((x) => x.id === containerId);
    return !!topology && !!n && !!c && checkConnect(topology, n, c, { aliases: [], ipv4: null, ipv6: null }) === null;
  }, [topology]);
  const onDrop = useCallback((containerId: string, networkId: string) => setDialog({ kind: 'connect', networkId, containerId }), []);
  const onEndpointMenu = useCallback((ref: string) => {
    const e = parseEndpointRef(ref);
    if (e) setDialog({ kind: 'disconnect', ...e });
  }, []);
  const actions = useMemo(() => ({
    connect: (containerId: string) => setDialog({ kind: 'pick-network', containerId }),
    connectTo: (networkId: string, containerId: string) => setDialog({ kind: 'connect', networkId, containerId }),
    disconnect: (networkId: string, containerId: string) => setDialog({ kind: 'disconnect', networkId, containerId }),
    removeNetwork: (networkId: string) => setDialog({ kind: 'remove', networkId }),
  }), []);

  const readOnly = health?.readOnly === true;
  // What this principal's role allows on this engine: the page offers only that (the server refuses the rest).
  const { me, role, can } = useMe(health?.name ?? null);
  const allowed = useMemo(() => ({ ...actions, removeNetwork: can.administer ? actions.removeNetwork : undefined, admin: can.administer }), [actions, can.administer]);

  // The timeline's "changes since": asked again as the topology changes, marked in the graph.
  const [since, setSince] = useState<{ id: number; at: string } | null>(null);
  const changes = useChangesSince(since?.at ?? null, topology ? topologyVersion(topology) : '');
  const changedIds = useMemo(() => (since ? changedElementIds(changes.data) : NO_IDS), [since, changes.data]);

  // The graph's layers (lib/graph/layers): each marks elements from its own data; the graph paints the marks.
  const selectedId = elementIdOf(selection, topology);
  const graphOf = useMemo(() => drawnGraph(elements), [elements]);
  const searchMarks = useMemo(() => (drawn ? searchLayer.mark({ topology: drawn, filter, collapsed: folds.collapsed }, graphOf) : NO_SEARCH), [drawn, filter, folds.collapsed, graphOf]);
  const nbrMarks = useMemo(() => neighbourhoodLayer.mark(selectedId, graphOf), [selectedId, graphOf]);
  const pathMarks = useMemo(() => pathLayer.mark(pathIds, graphOf), [pathIds, graphOf]);
  // What a change in flight touches, and in plan mode what the staged steps touch.
  const stagedIds = useMemo(() => (plan.on ? plan.staged.flatMap((s) => s.elementIds) : NO_IDS), [plan.on, plan.staged]);
  const pendingMarks = useMemo(() => pendingLayer.mark([...pendingIds, ...stagedIds], graphOf), [pendingIds, stagedIds, graphOf]);
  const changedMarks = useMemo(() => changedLayer.mark(changedIds, graphOf), [changedIds, graphOf]);
  // The Traffic layer adds edges and nodes of its own (an id the graph has already wins).
  const traffic = useTrafficLayer(stream.traffic, drawn, elements, graphOf);
  const exposure = useExposure(view.exposure, topology ? topologyVersion(topology) : '');
  const exposureMarks = useExposureLayer(exposure.data, view.exposure, drawn, graphOf);
  const drift = useDrift(view.drift, topology ? topologyVersion(topology) : '', view.project);
  const driftMarks = useDriftLayer(drift.data, view.drift, drawn, graphOf);
  const layers = useMemo(() => [searchMarks, nbrMarks, pathMarks, pendingMarks, changedMarks, traffic.marks, exposureMarks, driftMarks], [searchMarks, nbrMarks, pathMarks, pendingMarks, changedMarks, traffic.marks, exposureMarks, driftMarks]);
  const selectedObject = useMemo(() => {
    if (!topology || !selection) return null;
    if (selection.kind === 'container') { const c = topology.containers.find((x) => x.id === selection.id); return c ? { kind: 'container' as const, id: c.id, name: c.name } : null; }
    if (selection.kind === 'network') { const n = topology.networks.find((x) => x.id === selection.id); return n ? { kind: 'network' as const, id: n.id, name: n.name } : null; }
    return null;
  }, [topology, selection]);

  const onExport = (format: 'png' | 'svg' | 'json') => {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    if (format === 'json' && topology) download(`switchyard-topology-${stamp}.json`, JSON.stringify(topology, null, 2), 'application/json');
    if (format === 'png') download(`switchyard-${stamp}.png`, graph.current?.png() ?? '', 'image/png');
    if (format === 'svg') void graph.current?.svg().then((svg) => download(`switchyard-${stamp}.svg`, svg, 'image/svg+xml'));
  };

  const fetchErr = error instanceof FetchError ? error : null;
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex flex-wrap items-center gap-4 border-b border-slate-200 px-4 py-2 dark:border-slate-800">
        <h1 className="text-lg font-semibold tracking-tight">Switchyard</h1>
        <EngineSwitcher engine={view.engine} />
        <EngineStatus health={health} fetchError={healthError ? (healthError as Error).message : null} />
        {readOnly ? <span className="rounded bg-slate-200 px-2 py-0.5 text-xs font-semibold text-slate-700 dark:bg-slate-800 dark:text-slate-200" data-testid="read-only" title="SWITCHYARD_READ_ONLY is set: changes are turned off">read-only</span> : null}
        <AgentControl engine={health?.name ?? null} readOnly={!can.administer} />
        <LiveBadge state={live} dropped={droppedNote} />
        <UserBadge me={me} role={role} manageAccess={can.manageAccess} />
      </header>
      <div className="border-b border-slate-200 px-4 py-2 dark:border-slate-800">
        <Toolbar
          view={view}
          nodeCount={diagnostics?.nodes ?? 0}
          networks={topology?.networks.map((n) => n.name) ?? []}
          projects={[...new Set(topology?.containers.map((c) => c.composeProject).filter((p): p is string => !!p) ?? [])].sort()}
          onChange={setView}
          swarm={!!topology?.swarm}
          onExport={onExport}
          onCreateNetwork={can.administer ? () => setDialog({ kind: 'create' }) : undefined}
          plan={can.operate ? { on: plan.on, setOn: plan.setOn } : undefined}
        />
      </div>
      {error && topology ? (
        <div className="px-4 pt-2">
          <StatusBanner tone="warn" title={`Showing the state as of ${topology.meta ? new Date(topology.meta.updatedAt ?? topology.meta.readAt).toLocaleTimeString() : 'earlier'}: ${(error as Error).message}`} detail={fetchErr?.hint ?? 'Switchyard keeps retrying and updates as soon as the engine answers.'} />
        </div>
      ) : null}
      <main className="flex min-h-0 flex-1 flex-col gap-4 p-4 lg:flex-row">
        <div className="flex min-w-0 flex-1 flex-col gap-4">
          {(folds.autoFolded > 0 && folds.collapsed.size > 0 && visible) || (!visible && preview && preview.folded > 0) ? (
            <FoldBanner containers={visible?.containers.length ?? preview?.containers ?? 0} folded={visible ? folds.collapsed.size : preview?.folded ?? 0} onExpandAll={() => {
              graph.current?.fitWhenComplete();
              // Thousands of members come into the list and the graph's elements: rendered as a
              // transition (in slices), not in the task of the click.
              startTransition(() => folds.expandAll());
            }} onReset={folds.reset} />
          ) : null}
          {plan.on && can.operate ? <PlanPanel plan={plan} /> : null}
          {view.drift ? <DriftPanel data={drift.data} error={(drift.error as Error | undefined) ?? null} onSelect={(id) => select({ kind: 'container', id })} canWrite={can.administer} /> : null}
          {view.exposure ? <ExposurePanel data={exposure.data} error={(exposure.error as Error | undefined) ?? null} onSelect={(id) => select({ kind: 'container', id })} /> : null}
          {view.traffic ? <TrafficPanel traffic={stream.traffic} askedMs={view.trafficEvery * 1000} inside={traffic.inside} onConnect={can.operate ? actions.connectTo : undefined} onSelect={(id) => select({ kind: 'container', id })} /> : null}
          <div className="relative h-[calc(100vh-10rem)] min-h-[480px] rounded border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950">
            <CytoscapeGraph
              ref={graph}
              elements={traffic.elements}
              layout={view.layout}
              theme={theme}
              storageKey={engineKey(topology?.engine.id ?? (early ? preview?.engineId ?? null : null), view.engine)}
              selectedId={selectedId}
              focus={focus}
              onSelect={onGraphSelect}
              onToggleGroup={folds.toggle}
              onDiagnostics={setDiagnostics}
              canJoin={canJoin}
              onDropOnNetwork={can.operate ? onDrop : undefined}
              onEndpointMenu={can.operate ? onEndpointMenu : undefined}
              layers={layers}
              firstAspect={preview?.aspect ?? null}
              knobs={knobs}
            />
            {preview && !(diagnostics && diagnostics.nodes > 0) ? <div dangerouslySetInnerHTML={{ __html: preview.html }} /> : null}
            <GraphOverlay loading={isLoading && !topology && !preview} error={!topology && error ? fetchErr ?? (error as Error) : null} empty={!!topology && topology.containers.length === 0} />
          </div>
          <div className="-mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 px-1">
            <GraphControls onFit={() => graph.current?.fit()} onZoom={(f) => graph.current?.zoomBy(f)} onRelayout={() => graph.current?.relayout()} />
            {diagnostics ? (
              <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="diagnostics" data-renderer={diagnostics.renderer}>
                Renderer: {diagnostics.renderer === 'webgl' ? 'WebGL' : 'canvas'} ({diagnostics.why}) · {diagnostics.nodes} nodes · {diagnostics.edges} edges
                {diagnostics.layoutMs !== null ? ` · last layout ${diagnostics.layoutMs} ms` : ''}
                {diagnostics.overview ? ' · overview: zoomed out this far, nodes are drawn as plain boxes (zoom in for labels and icons)' : ''} · double-click a network or project to fold or unfold it
              </p>
            ) : null}
          </div>
          <section aria-label="List view" className="rounded border border-slate-200 p-2 dark:border-slate-800">
            <h2 className="mb-2 px-2 text-sm font-semibold">Networks and members</h2>
            {topology && matchedContainers.length >= 2 ? (
              <div className="mb-2 px-2">
                <MatrixSection scope={{ containers: matchedContainers }} what={`the containers matching "${q.trim()}"`} count={matchedContainers.length} version={topologyVersion(topology)} onPick={(a) => select({ kind: 'container', id: a })} />
              </div>
            ) : null}
            {visible ? <ListView visible={visible} selection={selection} onSelect={select} folded={folds.collapsed} onToggleFold={folds.toggle} onConnect={can.operate ? actions.connect : undefined} onDisconnect={can.operate ? actions.disconnect : undefined} /> : null}
          </section>
        </div>
        <aside className="w-full shrink-0 lg:w-[26rem]" aria-label="Inspector">
          <div className="rounded border border-slate-200 p-3 dark:border-slate-800">
            {topology ? <Inspector topology={topology} selection={selection} onSelect={select} actions={can.operate ? allowed : null} folds={{ isFolded: (id) => folds.collapsed.has(id), toggle: folds.toggle }} onPath={showPath} /> : <p className="text-sm text-slate-600 dark:text-slate-400">No data yet.</p>}
          </div>
          <div className="mt-3 rounded border border-slate-200 p-3 dark:border-slate-800">
            {since ? <ChangesSince changes={changes.data} error={changes.error ? (changes.error as Error) : null} onSelect={select} onClose={() => setSince(null)} /> : null}
            <ActivityPanel selected={selectedObject} canUndo={(kind) => (undoNeedsAdmin(kind) ? can.administer : can.operate)} onSelect={select} since={since} onSince={setSince} />
          </div>
          <div className="mt-3 rounded border border-slate-200 p-3 dark:border-slate-800"><Legend /></div>
          {topology && topology.warnings.length ? <Warnings topology={topology} /> : null}
        </aside>
      </main>
      {topology && can.operate ? <RewireLayer topology={topology} dialog={dialog} setDialog={setDialog} setPending={setPendingIds} stage={plan.on ? plan.add : undefined} /> : null}
    </div>
  );
}

const NO_ELEMENTS: GraphElement[] = [];
const NO_IDS: string[] = [];
const NO_SEARCH = noMarks(searchLayer);

/** Search matches up to this many are unfolded; more stay in their (highlighted) groups. */
const REVEAL_MAX = 60;

const selectionKeyOrNull = (s: Selection | null) => (s ? selectionKey(s) : null);

function FoldBanner({ containers, folded, onExpandAll, onReset }: { containers: number; folded: number; onExpandAll: () => void; onReset: () => void }) {
  return (
    <div className="flex flex-wrap items-center gap-2 rounded border border-sky-300 bg-sky-50 px-3 py-1.5 text-sm text-sky-950 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100" data-testid="fold-banner" role="status">
      <span>
        {containers} containers: {folded} of the largest networks and projects are folded so the graph stays readable.
        Double-click one (or use Unfold in the list or the inspector) to open it; search unfolds what it finds.
      </span>
      <button type="button" className="rounded border border-sky-400 px-2 py-0.5 text-xs dark:border-sky-700" onClick={onExpandAll}>Unfold all</button>
      <button type="button" className="rounded border border-sky-400 px-2 py-0.5 text-xs dark:border-sky-700" onClick={onReset}>Fold as at first</button>
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

function Warnings({ topology }: { topology: { warnings: { code: string; message: string }[] } }) {
  return (
    <details className="mt-3 rounded border border-amber-300 p-3 text-xs dark:border-amber-800" data-testid="warnings">
      <summary className="cursor-pointer">{topology.warnings.length} note{topology.warnings.length === 1 ? '' : 's'} from the engine and host</summary>
      <ul className="mt-2 list-disc pl-4">{topology.warnings.map((w) => <li key={w.code + w.message}>{w.message}</li>)}</ul>
    </details>
  );
}
