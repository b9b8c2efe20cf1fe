'use client';
/**
 * The fleet page: every engine's networks and containers in one graph (GET /api/fleet/topology,
 * kept current by /api/fleet/events), each engine a group that folds past the size rule as a
 * compose project does, a swarm network once with the tasks of every engine on it, and tasks on
 * nodes Switchyard cannot reach drawn as such. Search runs across all engines; drag-to-connect
 * and disconnect work within an engine (lib/fleet/merge fleetRoute sends each change to its
 * engine). What is about one engine (traffic, reachability, activity, exposure) is on that
 * engine's page, one click away from the selection.
 */
import { startTransition, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { fleetRoute, parseFleetId, sameEngine, UNREACHABLE } from '@/lib/fleet/merge';
import { atLeast } from '@/lib/identity/roles';
import { useMe } from '@/lib/hooks/use-me';
import { checkConnect } from '@/lib/rewire/preflight';
import { toElements, type GraphElement } from '@/lib/graph/elements';
import { visibleTopology } from '@/lib/graph/filter';
import { FOLD_BUDGET } from '@/lib/graph/fold';
import { parseKnobs } from '@/lib/graph/view-state';
import { pageSearch } from '@/lib/hooks/page-url';
import { parseEndpointRef } from '@/lib/graph/ids';
import { drawnGraph } from '@/lib/graph/layers/layer';
import { pendingLayer } from '@/lib/graph/layers/marks';
import { neighbourhoodLayer } from '@/lib/graph/layers/neighbourhood';
import { searchLayer } from '@/lib/graph/layers/search';
import { elementIdOf, selectionOfElement, type Selection } from '@/lib/graph/selection';
import { useColorScheme } from '@/lib/hooks/use-color-scheme';
import { useEngineEvents } from '@/lib/hooks/use-engine-events';
import { useEngines } from '@/lib/hooks/use-engines';
import { useFolds } from '@/lib/hooks/use-folds';
import { useHealth } from '@/lib/hooks/use-health';
import { useTopology, useTopologySync } from '@/lib/hooks/use-topology';
import { FetchError } from '@/lib/hooks/fetcher';
import type { Topology } from '@/lib/topology/types';
import { StatusBanner } from './engine-status';
import { stateWord } from './engine-switcher';
import { CytoscapeGraph, type GraphHandle, type GraphSelection } from './graph/cytoscape-graph';
import { LiveBadge } from './live-badge';
import { RewireLayer, type RewireDialog } from './rewire/rewire-layer';

/** The fleet's topology, as SWR keys it (and the page's changes read it again by it). */
export const FLEET_TOPOLOGY_KEY = '/api/fleet/topology';
const FLEET_EVENTS = '/api/fleet/events';
const ROUTE = { route: fleetRoute, topologyKey: FLEET_TOPOLOGY_KEY };
const NO_ELEMENTS: GraphElement[] = [];
const NO_IDS: string[] = [];
/** Search matches up to this many are unfolded; more stay in their (highlighted) groups. */
const REVEAL_MAX = 60;

export function FleetView() {
  const { data: topology, error, isLoading, mutate } = useTopology(FLEET_TOPOLOGY_KEY);
  const { data: engines } = useEngines(5_000);
  const { data: health } = useHealth();
  const theme = useColorScheme();
  const graph = useRef<GraphHandle>(null);
  const [q, setQ] = useState('');
  const [hideStopped, setHideStopped] = useState(false);
  const [sel, setSel] = useState<Selection | null>(null);
  const [dialog, setDialog] = useState<RewireDialog | null>(null);
  const [pendingIds, setPendingIds] = useState<string[]>([]);
  // The URL's tuning knobs (`?fold=N`, `?renderer=`, `?overview=`), read once as the page opens.
  const [knobs] = useState(() => parseKnobs(pageSearch()));

  const sync = useTopologySync(mutate, FLEET_TOPOLOGY_KEY);
  const handlers = useMemo(() => ({ onReady: sync.onReady, onPatch: sync.onPatch, onDown: () => {} }), [sync]);
  const live = useEngineEvents(handlers, { trafficMs: null, path: FLEET_EVENTS });

  const filter = useMemo(() => ({ q, network: null, project: null, hideStopped, hideBuiltin: false }), [q, hideStopped]);
  const drawnFilter = useMemo(() => ({ ...filter, q: '' }), [filter]);
  const visible = useMemo(() => (topology ? visibleTopology(topology, filter) : null), [topology, filter]);
  // The size rule is applied again when an engine comes into the picture (or leaves it): the
  // first answer may come before a large engine is read, and its hundreds of containers then fold.
  const unreadKey = useMemo(() => topology?.warnings.filter((w) => w.code === 'engine_unreadable').map((w) => w.message.split(':')[0]).join(',') ?? '', [topology?.warnings]);
  const folds = useFolds('fleet', visible, `fleet|${hideStopped}|${unreadKey}`, null, knobs.fold ?? FOLD_BUDGET);
  const elements = useMemo(() => (topology ? toElements(topology, { ...drawnFilter, hostIfaces: false, layout: 'clusters', sel: null }, folds.collapsed) : NO_ELEMENTS), [topology, drawnFilter, folds.collapsed]);
  // ... and the picture is laid out afresh (the graph has reconciled by then).
  const lastUnread = useRef(unreadKey);
  useEffect(() => {
    if (lastUnread.current === unreadKey) return;
    lastUnread.current = unreadKey;
    graph.current?.relayout();
  }, [unreadKey, elements]);
  // A search unfolds the groups holding its matches, when they are few (as on an engine's page).
  const matchIds = useMemo(() => (visible?.matches && q.trim().length >= 2 ? visible.containers.filter((c) => visible.matches!.has(c.id)).map((c) => c.id) : NO_IDS), [visible, q]);
  // Once for each set of matches (a live update, or the user folding the group again, does not undo the user's folding).
  const matchKey = matchIds.length > 0 && matchIds.length <= REVEAL_MAX ? matchIds.join(',') : '';
  const reveal = useRef(folds.reveal);
  useEffect(() => { reveal.current = folds.reveal; });
  useEffect(() => {
    if (!matchKey) return;
    const t = setTimeout(() => reveal.current(matchKey.split(',')), 350);
    return () => clearTimeout(t);
  }, [matchKey]);
  const graphOf = useMemo(() => drawnGraph(elements), [elements]);
  const selectedId = elementIdOf(sel, topology);
  const layers = useMemo(() => [
    topology ? searchLayer.mark({ topology, filter, collapsed: folds.collapsed }, graphOf) : pendingLayer.mark(NO_IDS, graphOf),
    neighbourhoodLayer.mark(selectedId, graphOf),
    pendingLayer.mark(pendingIds, graphOf),
  ], [topology, filter, folds.collapsed, graphOf, selectedId, pendingIds]);

  const readOnly = health?.readOnly === true;
  // Each engine's own role: a drag or a disconnect is offered only where this principal is an operator.
  const { me } = useMe(null);
  const operatorOn = useCallback((fleetElementId: string) => {
    const engine = parseFleetId(fleetElementId)?.engine;
    const role = me?.roles.find((r) => r.engine === engine)?.role ?? null;
    return !!engine && !me?.readOnly && atLeast(role, 'operator');
  }, [me]);
  const canOperate = !readOnly && !!me && me.roles.some((r) => atLeast(r.role, 'operator'));
  const canJoin = useCallback((containerId: string, networkId: string) => {
    const n = topology?.networks.find((x) => x.id === networkId);
    const c = topology?.containers.find((x) => x.id === containerId);
    return !!topology && !!n && !!c && sameEngine(networkId, containerId) && operatorOn(networkId) && checkConnect(topology, n, c, { aliases: [], ipv4: null, ipv6: null }) === null;
  }, [topology, operatorOn]);
  const onDrop = useCallback((containerId: string, networkId: string) => setDialog({ kind: 'connect', networkId, containerId }), []);
  const onEndpointMenu = useCallback((ref: string) => {
    const e = parseEndpointRef(ref);
    if (e && parseFleetId(e.containerId) && operatorOn(e.containerId)) setDialog({ kind: 'disconnect', ...e });
  }, [operatorOn]);
  const onSelect = useCallback((g: GraphSelection | null) => setSel(g ? selectionOfElement(g.kind, g.ref) : null), []);

  const unreadable = topology?.warnings.filter((w) => w.code === 'engine_unreadable') ?? [];
  const aliases = topology?.warnings.filter((w) => w.code === 'engine_alias') ?? [];
  const matches = visible?.matches?.size ?? null;
  const fetchErr = error instanceof FetchError ? error : null;
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex flex-wrap items-center gap-4 border-b border-slate-200 px-4 py-2 dark:border-slate-800">
        <h1 className="text-lg font-semibold tracking-tight">Switchyard · fleet</h1>
        {/* Full navigations: each engine's page starts with its own data (lib/hooks/fetcher). */}
        {/* eslint-disable @next/next/no-html-link-for-pages */}
        <nav className="flex items-center gap-3 text-sm">
          <a className="text-sky-700 underline dark:text-sky-400" href="/engines">All engines</a>
          <a className="text-sky-700 underline dark:text-sky-400" href="/">This engine</a>
        </nav>
        {/* eslint-enable @next/next/no-html-link-for-pages */}
        {readOnly ? <span className="rounded bg-slate-200 px-2 py-0.5 text-xs font-semibold text-slate-700 dark:bg-slate-800 dark:text-slate-200">read-only</span> : null}
        <LiveBadge state={live} />
      </header>
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-2 text-sm dark:border-slate-800">
        <label className="flex items-center gap-1">
          <span>Search all engines</span>
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="name, IP, alias, subnet" data-testid="fleet-search"
            className="w-64 rounded border border-slate-300 bg-white px-2 py-0.5 dark:border-slate-700 dark:bg-slate-900" />
        </label>
        {matches !== null && q.trim() ? <span data-testid="fleet-matches">{matches} match{matches === 1 ? '' : 'es'}</span> : null}
        <label className="flex items-center gap-1"><input type="checkbox" checked={hideStopped} onChange={(e) => setHideStopped(e.target.checked)} /> Hide stopped</label>
        <ul className="flex flex-wrap gap-2" aria-label="Engines" data-testid="fleet-engines">
          {engines?.engines.map((e) => (
            <li key={e.name} data-engine={e.name} data-ok={e.ok} className={`rounded border px-2 py-0.5 text-xs ${e.ok ? 'border-emerald-300 dark:border-emerald-800' : 'border-red-300 dark:border-red-800'}`}>
              <a className="underline" href={`/?engine=${encodeURIComponent(e.name)}`}>{e.name}</a> · {stateWord(e)}{e.counts ? ` · ${e.counts.containers} containers` : ''}{e.swarm?.nodeId ? ` · node ${e.swarm.nodeId.slice(0, 10)}` : ''}
            </li>
          ))}
        </ul>
      </div>
      {aliases.length ? <p className="px-4 pt-1 text-xs text-slate-600 dark:text-slate-400" data-testid="fleet-aliases">{aliases.map((w) => w.message).join('; ')}</p> : null}
      {unreadable.length ? (
        <div className="px-4 pt-2"><StatusBanner tone="warn" title={`${unreadable.length} engine${unreadable.length === 1 ? '' : 's'} not in the picture`} detail={unreadable.map((w) => w.message).join('; ')} /></div>
      ) : null}
      <main className="flex min-h-0 flex-1 flex-col gap-4 p-4 lg:flex-row">
        <div className="flex min-w-0 flex-1 flex-col gap-2">
          {folds.autoFolded > 0 && folds.collapsed.size > 0 ? (
            <div className="flex flex-wrap items-center gap-2 rounded border border-sky-300 bg-sky-50 px-3 py-1.5 text-sm text-sky-950 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100" role="status" data-testid="fold-banner">
              <span>{visible?.containers.length} containers on {engines?.engines.length ?? '…'} engines: {folds.collapsed.size} of the largest groups are folded. Double-click one to open it; search unfolds what it finds.</span>
              <button type="button" className="rounded border border-sky-400 px-2 py-0.5 text-xs dark:border-sky-700" onClick={() => startTransition(() => folds.expandAll())}>Unfold all</button>
            </div>
          ) : null}
          <div className="relative h-[calc(100vh-12rem)] min-h-[480px] rounded border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950">
            <CytoscapeGraph ref={graph} elements={elements} layout="clusters" theme={theme} storageKey="fleet" selectedId={selectedId} focus={null} layers={layers}
              onSelect={onSelect} onToggleGroup={folds.toggle} canJoin={canJoin} onDropOnNetwork={canOperate ? onDrop : undefined} onEndpointMenu={canOperate ? onEndpointMenu : undefined} knobs={knobs} />
            {isLoading && !topology ? <Overlay><p aria-busy="true">Reading every engine…</p></Overlay> : null}
            {!topology && error ? <Overlay><StatusBanner tone="error" title={(error as Error).message} detail={fetchErr?.hint ?? 'Switchyard retries by itself.'} /></Overlay> : null}
          </div>
        </div>
        <aside className="w-full shrink-0 lg:w-[24rem]" aria-label="Selection">
          <div className="rounded border border-slate-200 p-3 text-sm dark:border-slate-800" data-testid="fleet-inspector">
            {topology ? <FleetSelection topology={topology} sel={sel} /> : <p>No data yet.</p>}
          </div>
        </aside>
      </main>
      {topology && canOperate ? <RewireLayer topology={topology} dialog={dialog} setDialog={setDialog} setPending={setPendingIds} route={ROUTE} /> : null}
    </div>
  );
}

function Overlay({ children }: { children: React.ReactNode }) {
  return <div className="pointer-events-none absolute inset-x-0 top-1/3 mx-auto max-w-lg rounded bg-white/90 p-4 text-center shadow dark:bg-slate-900/90">{children}</div>;
}

/** What is selected, and the way to its engine's page, where everything about it is. */
function FleetSelection({ topology, sel }: { topology: Topology; sel: Selection | null }) {
  if (!sel || (sel.kind !== 'container' && sel.kind !== 'network')) {
    return <p className="text-slate-600 dark:text-slate-400">Select a container or a network. Drag a container onto a network of its own engine to connect it.</p>;
  }
  const own = parseFleetId(sel.id);
  const open = own ? `/?engine=${encodeURIComponent(own.engine)}&sel=${encodeURIComponent(`${sel.kind}:${own.id}`)}` : null;
  if (sel.kind === 'network') {
    const n = topology.networks.find((x) => x.id === sel.id);
    if (!n) return <p>That network is gone.</p>;
    const members = topology.endpoints.filter((e) => e.networkId === n.id);
    return (
      <div className="space-y-1">
        <h2 className="font-semibold">{n.name}</h2>
        <p>{n.driver}, {n.scope} scope{own ? ` on ${own.engine}` : ': the same network on every engine of the swarm'} · {members.length} member{members.length === 1 ? '' : 's'}</p>
        <p>{n.subnets.map((s) => s.subnet).join(', ') || 'no subnet'}</p>
        {open ? <a className="text-sky-700 underline dark:text-sky-400" href={open}>Open on {own!.engine}</a> : null}
      </div>
    );
  }
  const c = topology.containers.find((x) => x.id === sel.id);
  if (!c) return <p>That container is gone.</p>;
  const eps = topology.endpoints.filter((e) => e.containerId === c.id);
  const netName = (id: string) => topology.networks.find((n) => n.id === id)?.name ?? id;
  return (
    <div className="space-y-1">
      <h2 className="font-semibold">{c.name}</h2>
      <p data-testid="fleet-selected-engine">{own ? `on ${own.engine}` : c.composeProject} · {c.state === UNREACHABLE ? c.status : c.state}</p>
      <ul className="list-disc pl-4">{eps.map((e) => <li key={e.networkId}>{netName(e.networkId)}{e.ipv4 ? `: ${e.ipv4}` : ''}</li>)}</ul>
      {open ? <a className="text-sky-700 underline dark:text-sky-400" href={open} data-testid="fleet-open-engine">Open on {own!.engine}</a> : null}
    </div>
  );
}
