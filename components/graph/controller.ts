/**
 * The graph behind components/graph/cytoscape-graph: one Cytoscape instance and its parts,
 * made once when the component mounts and destroyed when it unmounts. The component hands it
 * what the page says (elements, layers, selection, focus, layout, theme); it calls back with
 * typed payloads (./instance). No React here: each part is a plain object with one job.
 *
 *   ./instance        the Cytoscape instance, its patches, and its events as typed payloads
 *   ./passes-driver   elements -> drawn graph, in passes (reconcile, placement, first fit)
 *   ./layer-painter   the layers' marks (lib/graph/layers) on the drawn elements
 *   ./viewport        fit, zoom, full layouts, kept positions, the first view's aspect
 *   ./minimap, ./overview   the small map, and the zoomed-out renderer of large graphs
 *   ./edge-arranger   edge labels where they are clear, curves round containers (./edge-labels), after positions change
 */
import type { Collection, Core } from 'cytoscape';
import type { GraphElement } from '@/lib/graph/elements';
import type { LayerMarks } from '@/lib/graph/layers/layer';
import type { LayoutName, PageKnobs } from '@/lib/graph/view-state';
import { attachEdgeArranger, type EdgeArranger } from './edge-arranger';
import { createInstance, type GraphEvents } from './instance';
import { LayerPainter } from './layer-painter';
import { attachMinimap } from './minimap';
import { attachOverview, type Overview } from './overview';
import { PassDriver } from './passes-driver';
import { pictureOf } from './picture';
import { setTextureOnViewport, svgOf } from './patches';
import { plugin } from './plugins';
import type { RendererName } from './renderer';
import { graphStyle, minimapColors, overviewColors, type Theme } from './styles';
import { FOCUS_ZOOM, fitView, KeptPositions, layoutAll, rememberAspect, zoomBy } from './viewport';

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

/** A request to bring elements into view; a new token asks again. */
export interface FocusRequest { ids: readonly string[]; token: number }

export interface GraphDom {
  container: HTMLDivElement;
  minimap: HTMLCanvasElement | null;
  overview: HTMLCanvasElement | null;
}

export interface GraphCallbacks extends GraphEvents {
  onDiagnostics?: (d: GraphDiagnostics) => void;
}

/** The minimap shows from this many nodes up: below, the whole graph fits on screen anyway. */
const MINIMAP_MIN = 60;
/**
 * From this many nodes up, zoomed out past the point where no label is drawn, the overview
 * (boxes and lines of our own) is drawn instead of Cytoscape's frames (`?overview=N|off`).
 */
const OVERVIEW_MIN = 300;
/** Past this many nodes, the canvas renderer draws a snapshot while the view moves. */
const CANVAS_TEXTURE_MIN = 800;

export class GraphController {
  readonly cy: Core;
  private readonly dom: GraphDom;
  private readonly painter = new LayerPainter();
  private readonly positions: KeptPositions;
  private readonly driver: PassDriver;
  private readonly overview: Overview | null;
  private readonly detach: (() => void)[] = [];
  private diag: GraphDiagnostics;
  private theme: Theme;
  private layout: LayoutName;
  private selection: { id: string | null; drawn: boolean } = { id: null, drawn: false };
  private focus: FocusRequest | null = null;
  private focused = 0;
  private readonly edges: EdgeArranger;

  constructor(dom: GraphDom, opts: { theme: Theme; layout: LayoutName; firstAspect: number | null } & Pick<PageKnobs, 'renderer' | 'overview'>, private readonly callbacks: () => GraphCallbacks) {
    this.dom = dom;
    this.theme = opts.theme;
    this.layout = opts.layout;
    const made = createInstance(dom.container, opts.renderer, graphStyle(opts.theme), (x, y, isTouch) => this.overview?.hit(x, y, isTouch) ?? null, callbacks, () => this.positions.persist());
    const cy = this.cy = made.cy;
    this.diag = { renderer: made.renderer.name, why: made.renderer.why, nodes: 0, edges: 0, layoutMs: null, overview: false };
    this.positions = new KeptPositions(cy);
    // The page around the graph reflows (banners, wrapping toolbars): keep Cytoscape's idea of
    // its size and position in step, or pointer events land on the wrong nodes.
    // (The body is watched too: a reflow above the graph moves it without resizing it.)
    const resize = new ResizeObserver(() => {
      cy.resize();
      if (this.driver.ready) rememberAspect(cy);
    });
    resize.observe(dom.container);
    resize.observe(document.body);
    this.detach.push(() => resize.disconnect());
    if (dom.minimap) this.detach.push(attachMinimap(cy, dom.minimap, () => minimapColors(this.theme)));
    const overview = this.overview = dom.overview
      ? attachOverview(cy, dom.overview, () => overviewColors(this.theme), { minNodes: opts.overview === 'off' ? Infinity : opts.overview ?? OVERVIEW_MIN, onChange: (on) => this.report({ overview: on }) })
      : null;
    if (overview) {
      window.__switchyardOverview = overview;
      this.detach.push(() => {
        overview.detach();
        if (window.__switchyardOverview === overview) delete window.__switchyardOverview;
      });
    }
    this.edges = attachEdgeArranger(cy, dom.container);
    this.detach.push(() => this.edges.detach());
    window.__switchyardPicture = () => pictureOf(cy);
    this.detach.push(() => { if (window.__switchyardPicture) delete window.__switchyardPicture; });
    this.driver = new PassDriver({
      cy,
      positions: this.positions,
      overview: () => this.overview,
      layout: () => this.layout,
      focusing: () => !!this.focus?.ids.length,
      keep: () => this.painter.keep(),
      layoutAll: (fit) => this.layoutAll(fit),
      afterPass: (p) => this.afterPass(p),
    }, opts.firstAspect);
  }

  destroy(): void {
    this.driver.stop();
    this.positions.stop();
    for (const d of this.detach.splice(0)) d();
    this.cy.destroy();
    if (window.cy === this.cy) delete window.cy;
  }

  /** New elements to draw, and where the browser keeps their positions (null: nowhere). */
  setElements(elements: readonly GraphElement[], storageKey: string | null): void {
    this.positions.use(storageKey);
    this.driver.set(elements);
  }

  setLayers(layers: readonly LayerMarks[]): void {
    this.painter.show(this.cy, layers);
  }

  setLayout(layout: LayoutName): void {
    if (layout === this.layout) return;
    this.layout = layout;
    this.layoutAll(true);
  }

  /** A new stylesheet restyles every element: only when the theme really changed. */
  setTheme(theme: Theme): void {
    if (theme === this.theme) return;
    this.theme = theme;
    this.cy.style(graphStyle(theme));
  }

  /**
   * One selection: Cytoscape's, set from the page's (the URL's) and nothing else. Once it is
   * drawn, a later pass of an addition leaves it be (looking for `:selected` walks every element).
   */
  select(id: string | null): void {
    const cy = this.cy;
    const last = this.selection;
    if (last.id === id && (!id || (last.drawn && cy.getElementById(id).selected()))) return;
    cy.batch(() => {
      cy.$(':selected').unselect();
      this.selection = { id, drawn: false };
      if (!id) return;
      const el = cy.getElementById(id);
      if (el.empty()) return;
      el.select();
      this.selection = { id, drawn: true };
    });
  }

  /** Each focus request is carried out once, as soon as what it points at is drawn (an unfold may have to add it first). */
  setFocus(focus: FocusRequest | null): void {
    this.focus = focus;
    this.tryFocus();
  }

  fit(): void {
    fitView(this.cy);
  }

  fitWhenComplete(): void {
    this.driver.fitWhenDone = true;
  }

  zoomBy(factor: number): void {
    zoomBy(this.cy, factor);
  }

  /** Lays everything out afresh with the current layout, forgetting kept positions. */
  relayout(): void {
    this.layoutAll(true);
  }

  png(): string {
    return this.cy.png({ full: true, scale: 2, bg: this.background() });
  }

  async svg(): Promise<string> {
    await plugin('svg');
    return this.cy.destroyed() ? '' : svgOf(this.cy, { full: true, bg: this.background() });
  }

  private background(): string {
    return this.theme === 'dark' ? '#020617' : '#ffffff';
  }

  private tryFocus(): void {
    const f = this.focus;
    if (!f?.ids.length || this.focused === f.token) return;
    const eles: Collection = this.cy.collection();
    for (const id of f.ids) eles.merge(this.cy.getElementById(id));
    if (eles.empty()) return;
    this.focused = f.token;
    this.driver.fitWhenDone = false;
    fitView(this.cy, eles, FOCUS_ZOOM);
  }

  private layoutAll(fit: boolean): void {
    layoutAll(this.cy, this.layout, this.driver.latest(), (ms) => {
      this.report({ layoutMs: ms });
      if (fit) fitView(this.cy);
      this.positions.persist();
      this.edges.arrange();
    });
  }

  private afterPass({ added, first, more, nodes }: { added: Collection; first: boolean; more: boolean; nodes: number }): void {
    const cy = this.cy;
    this.painter.added(cy, added);
    if (this.diag.renderer === 'canvas') setTextureOnViewport(cy, nodes > CANVAS_TEXTURE_MIN);
    // The page hears of the counts once a large addition is complete (each report re-renders it).
    if (first || !more) this.report();
    if (this.dom.minimap) this.dom.minimap.hidden = nodes <= MINIMAP_MIN;
    if (!more) this.edges.arrange();
    if (first) {
      rememberAspect(cy);
      window.__switchyardGraph = { readyAt: performance.now(), renderer: this.diag.renderer };
      this.dom.container.setAttribute('data-ready', '1');
    }
    this.dom.container.setAttribute('data-complete', more ? '0' : '1');
    // What waits for elements to be drawn: the selection (again, should a pass have redrawn it), a focus request.
    if (this.selection.id) this.select(this.selection.id);
    this.tryFocus();
  }

  private report(patch: Partial<GraphDiagnostics> = {}): void {
    this.diag = { ...this.diag, ...patch, nodes: this.cy.nodes().length, edges: this.cy.edges().length };
    this.callbacks().onDiagnostics?.(this.diag);
  }
}
