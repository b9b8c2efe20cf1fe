'use client';
/**
 * The one component that owns Cytoscape. Its div never re-renders; the graph (./controller)
 * is made once on mount and destroyed on unmount, and each prop is handed to it as it changes.
 * New elements are reconciled by id; nodes that appear get a position and nothing else moves
 * (./passes-driver). Layers (lib/graph/layers) come as marks and are painted as they are
 * (./layer-painter): this component never learns a layer's name. Selection is Cytoscape's own
 * `:selected`, driven by the page. Events leave as typed payloads (./instance).
 */
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import type { GraphElement } from '@/lib/graph/elements';
import type { LayerMarks } from '@/lib/graph/layers/layer';
import type { LayoutName, PageKnobs } from '@/lib/graph/view-state';
import { GraphController, type FocusRequest, type GraphCallbacks, type GraphDiagnostics } from './controller';
import type { GraphEvents, GraphSelection } from './instance';
import type { Theme } from './styles';

export type { GraphDiagnostics, GraphSelection };

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

interface Props extends GraphEvents {
  elements: readonly GraphElement[];
  layout: LayoutName;
  theme: Theme;
  /** Where node positions are kept in the browser (one key per engine), or null to keep none. */
  storageKey: string | null;
  /** Graph element id to mark as selected, or null. */
  selectedId: string | null;
  /** Elements to bring into view; a new token asks again. */
  focus: FocusRequest | null;
  /** What the layers mark (lib/graph/layers): painted in this order. */
  layers: readonly LayerMarks[];
  onDiagnostics?: (d: GraphDiagnostics) => void;
  /**
   * The width / height to pack the first layout for, instead of the graph's own: that of the
   * server-drawn first view, so Cytoscape puts every node where the preview showed it.
   */
  firstAspect?: number | null;
  /** The URL's renderer and overview knobs, as the page opened with them (read once, on mount). */
  knobs?: Pick<PageKnobs, 'renderer' | 'overview'>;
  ref?: Ref<GraphHandle>;
}

export function CytoscapeGraph(props: Props) {
  const { elements, layout, theme, storageKey, selectedId, focus, layers, ref } = props;
  const container = useRef<HTMLDivElement>(null);
  const minimap = useRef<HTMLCanvasElement>(null);
  const overviewCanvas = useRef<HTMLCanvasElement>(null);
  const graph = useRef<GraphController | null>(null);
  // The latest handlers and first props, for the graph made once on mount.
  const latest = useRef<Props>(props);
  useEffect(() => {
    latest.current = props;
  });

  useEffect(() => {
    const first = latest.current;
    const g = new GraphController(
      { container: container.current!, minimap: minimap.current, overview: overviewCanvas.current },
      { theme: first.theme, layout: first.layout, firstAspect: first.firstAspect ?? null, renderer: first.knobs?.renderer ?? null, overview: first.knobs?.overview ?? null },
      (): GraphCallbacks => latest.current,
    );
    graph.current = g;
    return () => {
      g.destroy();
      graph.current = null;
    };
  }, []);

  // The order matters where one waits for another: layers and selection are set before the
  // elements, so the pass that draws an element paints it at once.
  useEffect(() => graph.current?.setLayers(layers), [layers]);
  useEffect(() => graph.current?.select(selectedId), [selectedId]);
  useEffect(() => graph.current?.setElements(elements, storageKey), [elements, storageKey]);
  useEffect(() => graph.current?.setFocus(focus), [focus]);
  useEffect(() => graph.current?.setLayout(layout), [layout]);
  useEffect(() => graph.current?.setTheme(theme), [theme]);

  useImperativeHandle(ref, () => ({
    fit: () => graph.current?.fit(),
    fitWhenComplete: () => graph.current?.fitWhenComplete(),
    zoomBy: (factor: number) => graph.current?.zoomBy(factor),
    relayout: () => graph.current?.relayout(),
    png: () => graph.current?.png() ?? '',
    svg: async () => (await graph.current?.svg()) ?? '',
  }), []);

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
