'use client';
/**
 * The one component that owns Cytoscape. Its div never re-renders; `cy` is made once on
 * mount and destroyed on unmount. New elements are reconciled by id in a batch; nodes that
 * appear get a position (kept in the browser, else beside their network) and nothing else
 * moves. A full layout runs only on first sight without kept positions, on a change of
 * layout, or when asked ("Re-layout"). Selection is Cytoscape's own `:selected`, driven by
 * the page. Events leave as typed payloads.
 */
import cytoscape, { type Collection, type Core, type EdgeSingular, type NodeCollection, type EventObject } from 'cytoscape';
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import type { ElementKind, GraphElement } from '@/lib/graph/elements';
import { ASPECT_COOKIE, isKeptAspect } from '@/lib/graph/browser-keys';
import { MAX_FIT_ZOOM } from '@/lib/graph/geometry';
import { boxOfNodes } from './boxes';
import { nodesParam, type LayoutName } from '@/lib/graph/view-state';
import { bindDragToConnect } from './drag-to-connect';
import { layoutOptions, SMALL_LAYOUT_MAX } from './layouts';
import { attachMinimap } from './minimap';
import { attachOverview, type Overview } from './overview';
import { clusterAnchors, clusterPositions, placeNew } from './placement';
import { loadPositions, savePositions, type Positions } from './positions-store';
import { FIRST_CHUNK, flushStyles, nextChunk, passTimer } from './passes';
import { patchStyleCache } from './style-cache-patch';
import { patchHitTest } from './hit-test-patch';
import { reconcile } from './reconcile';
import { chooseRenderer, rendererOptions, type RendererName } from './renderer';
import { graphStyle, minimapColors, overviewColors, type Theme } from './styles';

/*
 * Plugins load when first needed (fcose for its layout, svg for an SVG export): the page's
 * first view compiles less JavaScript. Each registers once, at module level.
 */
const plugins = new Map<string, Promise<void>>();
function plugin(name: 'fcose' | 'svg'): Promise<void> {
  let p = plugins.get(name);
  if (!p) {
    p = (name === 'fcose' ? import('cytoscape-fcose') : import('cytoscape-svg')).then((m) => {
      cytoscape.use(m.default);
    });
    plugins.set(name, p);
  }
  return p;
}

export interface GraphSelection {
  kind: ElementKind;
  /** The element's id in the graph. */
  elementId: string;
  /** The topology object it stands for. */
  ref: string;
}

export interface GraphDiagnostics {
  renderer: RendererName;
  /** Why that renderer. */
  why: string;
  nodes: number;
  edges: number;
  /** Time of the last full layout, ms. */
  layoutMs: number | null;
  /** Whether the zoomed-out overview (boxes and lines, components/graph/overview) is on screen. */
  overview: boolean;
}

export interface GraphHandle {
  fit(): void;
  /** Fits the view to the whole graph as the elements of the next update arrive, and after. */
  fitWhenComplete(): void;
  zoomBy(factor: number): void;
  /** Lays everything out afresh with the current layout, forgetting kept positions. */
  relayout(): void;
  png(): string;
  svg(): Promise<string>;
}

interface Props {
  elements: readonly GraphElement[];
  layout: LayoutName;
  theme: Theme;
  /** Where node positions are kept in the browser (one key per engine), or null to keep none. */
  storageKey: string | null;
  /** Graph element id to mark as selected, or null. */
  selectedId: string | null;
  /** Elements to bring into view; a new token asks again. */
  focus: { ids: readonly string[]; token: number } | null;
  onSelect: (s: GraphSelection | null) => void;
  /** A double click (or Enter) on a network or project node: fold or unfold it. */
  onToggleGroup?: (elementId: string) => void;
  /** Whether a container may join a network (drop targets are marked by it). */
  canJoin?: (containerId: string, networkId: string) => boolean;
  /** A container node was dropped on a network node. */
  onDropOnNetwork?: (containerId: string, networkId: string) => void;
  /** Right-click (or long press) on an endpoint edge: its "networkId:containerId". */
  onEndpointMenu?: (endpointRef: string) => void;
  /** Graph element ids with an action under way. */
  pendingIds?: readonly string[];
  /** Graph element ids drawn as a path (a reachability verdict's). */
  pathIds?: readonly string[];
  /** Elements added or changed since the moment the timeline's "changes since" picked. */
  changedIds?: readonly string[];
  onDiagnostics?: (d: GraphDiagnostics) => void;
  /**
   * The width / height to pack the first layout for, instead of the graph's own: that of the
   * server-drawn first view, so Cytoscape puts every node where the preview showed it.
   */
  firstAspect?: number | null;
  ref?: Ref<GraphHandle>;
}

declare global {
  interface Window {
    /** The Cytoscape instance, for e2e tests and curious users. */
    cy?: Core;
    /** When the graph first became usable (performance.now()), and with which renderer. */
    __switchyardGraph?: { readyAt: number; renderer: RendererName };
    /** The zoomed-out overview (components/graph/overview), for the benchmark and e2e tests. */
    __switchyardOverview?: Overview;
    /** When the server-drawn first view was on screen (components/graph/preview-svg), and its node count. */
    __switchyardPreview?: { parsed: number; at: number; nodes: number };
  }
}

/** The minimap shows from this many nodes up: below, the whole graph fits on screen anyway. */
const MINIMAP_MIN = 60;
/** Focusing on one node brings it this close: its label well readable. */
const FOCUS_ZOOM = 1.1;
/**
 * From this many nodes up, zoomed out past the point where no label is drawn, the overview
 * (boxes and lines of our own) is drawn instead of Cytoscape's frames.
 */
const OVERVIEW_MIN = 300;
/** Past this many nodes, the canvas renderer draws a snapshot while the view moves. */
const CANVAS_TEXTURE_MIN = 800;

export function CytoscapeGraph(props: Props) {
  const { elements, layout, theme, storageKey, selectedId, focus, pendingIds, pathIds, changedIds, ref } = props;
  const container = useRef<HTMLDivElement>(null);
  const minimap = useRef<HTMLCanvasElement>(null);
  const overviewCanvas = useRef<HTMLCanvasElement>(null);
  const overviewRef = useRef<Overview | null>(null);
  const cyRef = useRef<Core | null>(null);
  const ready = useRef(false);
  const saved = useRef<Positions>(new Map());
  const savedKey = useRef<string | null>(null);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const diag = useRef<GraphDiagnostics>({ renderer: 'canvas', why: '', nodes: 0, edges: 0, layoutMs: null, overview: false });
  const handlers = useRef(props);
  const layoutRef = useRef(layout);
  const themeRef = useRef(theme);
  const elementsRef = useRef(elements);
  const focusRef = useRef(focus);
  const firstAspect = useRef(props.firstAspect ?? null);
  useEffect(() => {
    handlers.current = props;
    themeRef.current = theme;
    focusRef.current = focus;
  });

  const report = (cy: Core, patch: Partial<GraphDiagnostics> = {}) => {
    diag.current = { ...diag.current, ...patch, nodes: cy.nodes().length, edges: cy.edges().length };
    handlers.current.onDiagnostics?.(diag.current);
  };

  /** Positions of every drawn node go to the browser's storage, a moment after the last move. */
  const persist = () => {
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => {
      const cy = cyRef.current;
      const key = savedKey.current;
      if (!cy || !key) return;
      cy.nodes().forEach((n) => {
        if (n.isParent()) return;
        saved.current.delete(n.id()); // re-insert: most recent last, so the bound drops the oldest
        saved.current.set(n.id(), { ...n.position() });
      });
      savePositions(key, saved.current);
    }, 400);
  };

  const runLayout = (cy: Core, name: LayoutName, fit: boolean) => layoutAll(cy, name, elementsRef.current, (ms) => {
    report(cy, { layoutMs: ms });
    if (fit) fitView(cy);
    persist();
  });

  useEffect(() => {
    const chosen = chooseRenderer(window.location.search);
    const cy = cytoscape({
      container: container.current,
      style: graphStyle(themeRef.current),
      elements: [],
      minZoom: 0.02,
      maxZoom: 4,
      boxSelectionEnabled: false,
      selectionType: 'single',
      // @ts-expect-error -- the WebGL options are newer than @types/cytoscape
      renderer: rendererOptions(chosen.name),
    });
    cyRef.current = cy;
    patchStyleCache(cy);
    patchHitTest(cy, (x, y, isTouch) => overviewRef.current?.hit(x, y, isTouch) ?? null);
    performance.mark('switchyard:cy-created');
    ready.current = false;
    diag.current = { ...diag.current, renderer: chosen.name, why: chosen.why };
    window.cy = cy;
    cy.on('tap', (evt: EventObject) => {
      if (evt.target === cy) {
        handlers.current.onSelect(null);
        return;
      }
      const el = evt.target;
      handlers.current.onSelect({ kind: el.data('kind') as ElementKind, elementId: el.id(), ref: el.data('ref') as string });
    });
    cy.on('dbltap', 'node[kind = "network"], node[kind = "project"]', (evt: EventObject) => {
      handlers.current.onToggleGroup?.(evt.target.id());
    });
    cy.on('dragfree', 'node', () => persist());
    bindDragToConnect(cy, handlers, () => persist());
    cy.on('cxttap', 'edge[kind = "endpoint"]', (evt: EventObject) => {
      handlers.current.onEndpointMenu?.(evt.target.data('ref') as string);
    });
    // The page around the graph reflows (banners, wrapping toolbars): keep Cytoscape's idea of
    // its size and position in step, or pointer events land on the wrong nodes.
    // (The body is watched too: a reflow above the graph moves it without resizing it.)
    const resize = new ResizeObserver(() => {
      cy.resize();
      if (ready.current) rememberAspect(cy);
    });
    if (container.current) resize.observe(container.current);
    resize.observe(document.body);
    const detachMinimap = minimap.current ? attachMinimap(cy, minimap.current, () => minimapColors(themeRef.current)) : () => {};
    const overview = overviewRef.current = overviewCanvas.current
      ? attachOverview(cy, overviewCanvas.current, () => overviewColors(themeRef.current), { minNodes: overviewMin(window.location.search), onChange: (on) => report(cy, { overview: on }) })
      : null;
    if (overview) window.__switchyardOverview = overview;
    return () => {
      overview?.detach();
      overviewRef.current = null;
      if (window.__switchyardOverview === overview) delete window.__switchyardOverview;
      detachMinimap();
      resize.disconnect();
      if (saveTimer.current) clearTimeout(saveTimer.current);
      cy.destroy();
      cyRef.current = null;
      if (window.cy === cy) delete window.cy;
    };
    // cy is made once; theme changes are applied by the effect below.
  }, []);

  /*
   * One pass of bringing the graph in line with elementsRef: at most `chunk` new nodes (steered
   * by what the last pass took: ./passes), so no task styles and draws thousands of elements at once. While more is to add, the next
   * pass runs after the next frame (the one that draws this pass's nodes), on the latest
   * elements. `drawn` counts passes, for what waits on an element being drawn.
   */
  const chunkTimer = useRef<{ raf: number; timeout: ReturnType<typeof setTimeout> | null } | null>(null);
  const fitWhenDone = useRef(false);
  const reconciled = useRef<readonly GraphElement[] | null>(null);
  const [drawn, setDrawn] = useState(0);
  const chunk = useRef(FIRST_CHUNK);
  const prepared = useRef<readonly GraphElement[] | null>(null);
  const draw = () => {
    const cy = cyRef.current;
    if (!cy) return;
    const elapsed = passTimer();
    chunkTimer.current = null;
    const els = elementsRef.current;
    const anchors = () => clusterAnchors(cy, els, firstAspect.current ?? undefined);
    const fresh = els !== reconciled.current;
    if (fresh && ready.current && fitWhenDone.current && prepared.current !== els) {
      // "Unfold all" on a drawn graph: the layout of the whole list (linear in its size, and
      // kept for the passes that follow) takes a task of its own; the first pass comes next.
      prepared.current = els;
      anchors();
      chunkTimer.current = { raf: 0, timeout: setTimeout(draw, 0) };
      return;
    }
    // The overview decides on the graph being drawn, not on its first pass.
    if (fresh) overviewRef.current?.expect(countNodes(els));
    // "Unfold all" on a drawn graph: its first pass only moves what is drawn to the new layout
    // (and diffs it), which is a pass's worth of work by itself; members follow from the next.
    if (fresh) chunk.current = ready.current && fitWhenDone.current ? 0 : FIRST_CHUNK;
    const { added, addedEles, more } = reconcile(cy, els, chunk.current, !fresh, (id) => anchors().get(id));
    if (fresh && more && fitWhenDone.current && ready.current) {
      // "Unfold all": the whole graph is laid out afresh. What is drawn already (the groups,
      // now unfolded) moves to its place first, so each member that follows lands in its card,
      // not over a neighbour's (offsets from where the folded view had put its network).
      const pos = clusterPositions(cy, els);
      const addedSet = new Set(added);
      cy.batch(() => cy.nodes().forEach((n) => {
        const p = pos.get(n.id());
        if (p && !addedSet.has(n.id()) && !n.isParent()) n.position(p);
      }));
    }
    reconciled.current = els;
    if (!ready.current) performance.mark('switchyard:first-reconciled');
    // Every node drawn, once a pass (a collection of all of them is milliseconds at 5,000).
    const allNodes = cy.nodes();
    const first = !ready.current && allNodes.nonempty();
    let laidOut = false;
    if (first && !more && layoutRef.current !== 'clusters' && !added.some((id) => saved.current.has(id)) && allNodes.length <= SMALL_LAYOUT_MAX) {
      runLayout(cy, layoutRef.current, !focusRef.current?.ids.length);
      laidOut = true;
    } else if (added.length) {
      placeNew(cy, added, els, saved.current, firstAspect.current ?? undefined);
      persist();
    }
    // Style and measure what this pass added (and what it touched) now, in this task: left to
    // the next frame, that frame would take it on (Chrome draws before a timer that is due when a
    // task ran long), and thousands of elements added over many passes could be styled at once.
    // What the whole pass took sizes the next one.
    if (addedEles.nonempty()) flushStyles(cy, addedEles);
    if (more) chunk.current = chunk.current === 0 ? FIRST_CHUNK : nextChunk(chunk.current, elapsed());
    if ((ready.current || first) && !more) firstAspect.current = null; // the first view is drawn: from now on, the graph's own shape
    if (diag.current.renderer === 'canvas') {
      const r = (cy as unknown as { renderer: () => { textureOnViewport: boolean } }).renderer();
      r.textureOnViewport = allNodes.length > CANVAS_TEXTURE_MIN;
    }
    // The page hears of the counts once a large addition is complete (each report re-renders it).
    if (first || !more) report(cy);
    if (minimap.current) minimap.current.hidden = allNodes.length <= MINIMAP_MIN;
    if (first) {
      ready.current = true;
      rememberAspect(cy);
      if (!laidOut && !focusRef.current?.ids.length) {
        fitNodes(cy, allNodes, MAX_FIT_ZOOM, more);
        fitWhenDone.current = more;
      }
      markReady(diag.current.renderer);
      container.current?.setAttribute('data-ready', '1');
    }
    if (more && fitWhenDone.current && !first) fitNodes(cy, allNodes, MAX_FIT_ZOOM, true);
    if (more) {
      const raf = requestAnimationFrame(() => {
        if (chunkTimer.current) chunkTimer.current.timeout = setTimeout(draw, 0);
      });
      chunkTimer.current = { raf, timeout: null };
    } else if (fitWhenDone.current) {
      fitWhenDone.current = false;
      fitNodes(cy, allNodes, MAX_FIT_ZOOM, true);
    }
    overviewRef.current?.pace(more);
    container.current?.setAttribute('data-complete', more ? '0' : '1');
    setDrawn((d) => d + 1);
  };

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    elementsRef.current = elements;
    if (!ready.current && elements.length) performance.mark('switchyard:first-elements');
    if (storageKey !== savedKey.current) {
      savedKey.current = storageKey;
      saved.current = storageKey ? loadPositions(storageKey) : new Map();
    }
    // A pass already waiting picks up these elements; otherwise one runs now.
    // Once the graph is up, in a task of its own: not in the one that rendered the page.
    if (!chunkTimer.current) {
      if (ready.current) chunkTimer.current = { raf: 0, timeout: setTimeout(draw, 0) };
      else draw();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [elements, storageKey]);

  useEffect(() => () => {
    const t = chunkTimer.current;
    if (t) {
      cancelAnimationFrame(t.raf);
      if (t.timeout) clearTimeout(t.timeout);
    }
    chunkTimer.current = null;
  }, []);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || layoutRef.current === layout) return;
    layoutRef.current = layout;
    runLayout(cy, layout, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layout]);

  // A new stylesheet restyles every element: only when the theme really changed since the
  // one the graph was made with (on mount this runs too, with the same theme).
  const styled = useRef(theme);
  useEffect(() => {
    if (styled.current === theme) return;
    styled.current = theme;
    cyRef.current?.style(graphStyle(theme));
  }, [theme]);

  // Classes the page sets on elements (again after each pass, for elements drawn since).
  const marked = useRef(new Map<string, Collection>());
  useEffect(() => markOnly(cyRef.current, marked.current, 'pending', pendingIds), [pendingIds, drawn]);
  useEffect(() => markOnly(cyRef.current, marked.current, 'path', pathIds), [pathIds, drawn]);
  useEffect(() => markOnly(cyRef.current, marked.current, 'changed', changedIds), [changedIds, drawn]);

  // One selection: Cytoscape's, set from the page's (the URL's) and nothing else. Once it is
  // drawn, a later pass of an addition leaves it be (looking for `:selected` walks every element).
  const shownSel = useRef<{ id: string | null; drawn: boolean }>({ id: null, drawn: false });
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const last = shownSel.current;
    if (last.id === selectedId && (!selectedId || (last.drawn && cy.getElementById(selectedId).selected()))) return;
    cy.batch(() => {
      cy.$(':selected').unselect();
      cy.elements('.nbr').removeClass('nbr');
      shownSel.current = { id: selectedId, drawn: false };
      if (!selectedId) return;
      const el = cy.getElementById(selectedId);
      if (el.empty()) return;
      el.select();
      (el.isNode() ? el.closedNeighborhood() : (el as unknown as EdgeSingular).connectedNodes()).not(el).addClass('nbr');
      shownSel.current = { id: selectedId, drawn: true };
    });
  }, [selectedId, drawn]);

  // Each focus request is carried out once, as soon as what it points at is drawn (an unfold
  // may have to add it first).
  const focused = useRef(0);
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !focus?.ids.length || focused.current === focus.token) return;
    const eles = cy.collection();
    for (const id of focus.ids) eles.merge(cy.getElementById(id));
    if (eles.empty()) return;
    focused.current = focus.token;
    fitWhenDone.current = false;
    fitView(cy, eles, FOCUS_ZOOM);
  }, [focus, drawn]);

  useImperativeHandle(ref, () => ({
    fit: () => {
      if (cyRef.current) fitView(cyRef.current);
    },
    fitWhenComplete: () => {
      fitWhenDone.current = true;
    },
    zoomBy: (factor: number) => {
      const cy = cyRef.current;
      if (!cy) return;
      cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    },
    relayout: () => {
      if (cyRef.current) runLayout(cyRef.current, layoutRef.current, true);
    },
    png: () => cyRef.current?.png({ full: true, scale: 2, bg: theme === 'dark' ? '#020617' : '#ffffff' }) ?? '',
    svg: async () => {
      await plugin('svg');
      return (cyRef.current as unknown as { svg: (o: object) => string } | null)?.svg({ full: true, bg: theme === 'dark' ? '#020617' : '#ffffff' }) ?? '';
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }), [theme]);

  return (
    <div className="relative h-full w-full">
      <div
        ref={container}
        className="h-full w-full"
        data-testid="graph"
        data-drop-help="drag a container onto a network to connect it; right-click a connection to disconnect it"
        role="img"
        aria-label="Network topology graph; the list view has the same content"
      />
      <canvas
        ref={overviewCanvas}
        hidden
        className="pointer-events-none absolute inset-0 h-full w-full"
        data-testid="graph-overview"
        aria-hidden="true"
      />
      <canvas
        ref={minimap}
        hidden
        width={200}
        height={130}
        className="absolute bottom-2 right-2 h-[130px] w-[200px] cursor-crosshair rounded border border-slate-300 shadow-sm dark:border-slate-700"
        data-testid="minimap"
        aria-label="Overview of the whole graph: click to move the view there"
        role="img"
      />
    </div>
  );
}

/**
 * Lays every node out with a layout: clusters (always for large graphs), or one of
 * Cytoscape's (fcose loads first). `after` gets the time it took.
 */
function layoutAll(cy: Core, name: LayoutName, elements: readonly GraphElement[], after: (ms: number) => void) {
  if (cy.nodes().empty()) return;
  const t0 = performance.now();
  if (name === 'clusters' || cy.nodes().length > SMALL_LAYOUT_MAX) {
    const pos = clusterPositions(cy, elements);
    cy.batch(() => cy.nodes().forEach((n) => {
      const p = pos.get(n.id());
      if (p && !n.isParent()) n.position(p);
    }));
    after(Math.round(performance.now() - t0));
    return;
  }
  const run = () => {
    if (cy.destroyed()) return;
    cy.layout(layoutOptions(name, { fit: false, randomize: true })).run();
    after(Math.round(performance.now() - t0));
  };
  if (name === 'fcose') void plugin('fcose').then(run);
  else run();
}

/**
 * Exactly these elements carry the class `cls` (they are listed in reconcile's LOCAL classes).
 * What was marked last time is remembered, so a pass of a large addition does not search
 * every element for the class.
 */
function markOnly(cy: Core | null, marked: Map<string, Collection>, cls: string, elementIds: readonly string[] | undefined) {
  if (!cy) return;
  const before = marked.get(cls);
  if (!elementIds?.length && !before?.length) return;
  cy.batch(() => {
    before?.removeClass(cls);
    const now = cy.collection();
    for (const id of elementIds ?? []) now.merge(cy.getElementById(id));
    now.addClass(cls);
    marked.set(cls, now);
  });
}

/** Keeps the graph's shape in a cookie, so the server packs the next first view to it (lib/first-view/server). */
function rememberAspect(cy: Core) {
  const a = cy.height() > 0 ? Math.round((cy.width() / cy.height()) * 100) / 100 : 0;
  if (isKeptAspect(a)) document.cookie = `${ASPECT_COOKIE}=${a}; path=/; max-age=31536000; samesite=strict`;
}

/** Says when the graph first became usable (for the benchmark and curious users). */
function markReady(renderer: RendererName) {
  window.__switchyardGraph = { readyAt: performance.now(), renderer };
}

/** The overview's threshold: OVERVIEW_MIN nodes, or `?overview=<nodes>|off` in the page's URL. */
function overviewMin(search: string): number {
  return new URLSearchParams(search).get('overview') === 'off' ? Infinity : nodesParam(search, 'overview', OVERVIEW_MIN);
}

function countNodes(els: readonly GraphElement[]): number {
  let n = 0;
  for (const e of els) if (e.group === 'nodes') n++;
  return n;
}

/** Past this many nodes a fit measures boxes from positions and the known node sizes (./boxes). */
const LARGE_FIT = 300;

/**
 * Fits the view to elements (all by default), never closer than `maxZoom`. The box is the
 * nodes' own, without labels: node labels sit inside their nodes, and measuring every label
 * (what cy.fit does) takes most of a second on a few thousand elements. `byPositions` takes the
 * box from positions and sizes (./boxes) whatever the size: while an addition is drawn in
 * passes, Cytoscape's box would first style every node the last pass added.
 */
function fitView(cy: Core, eles?: Collection, maxZoom = MAX_FIT_ZOOM, byPositions = false) {
  // The whole graph is its nodes (an edge's ends are among them): no union of collections,
  // which at 5,000 nodes is most of the cost of a fit.
  fitNodes(cy, eles ? eles.nodes().union(eles.edges().connectedNodes()) : cy.nodes(), maxZoom, byPositions);
}

/** fitView of these nodes. */
function fitNodes(cy: Core, nodes: NodeCollection, maxZoom: number, byPositions: boolean) {
  if (nodes.empty()) return;
  const bb = (byPositions || nodes.length > LARGE_FIT ? boxOfNodes(nodes) : null) ?? nodes.boundingBox({ includeLabels: false, includeOverlays: false, includeEdges: false });
  const pad = 24;
  const w = cy.width(), h = cy.height();
  if (!(w > 2 * pad && h > 2 * pad)) return;
  const fit = Math.min((w - 2 * pad) / Math.max(bb.w, 1), (h - 2 * pad) / Math.max(bb.h, 1));
  const zoom = Math.max(cy.minZoom(), Math.min(maxZoom, cy.maxZoom(), fit));
  cy.viewport({ zoom, pan: { x: (w - zoom * (bb.x1 + bb.x2)) / 2, y: (h - zoom * (bb.y1 + bb.y2)) / 2 } });
}
