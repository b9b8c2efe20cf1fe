'use client';
/**
 * The one component that owns Cytoscape. Its div never re-renders; `cy` is made once on
 * mount and destroyed on unmount. New elements are reconciled by id in a batch; the layout
 * runs only when the set of nodes changes (or the layout is changed), and nodes the user has
 * dragged stay where they were put. Events leave as typed payloads.
 */
import cytoscape, { type Core, type EventObject, type NodeSingular } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import svg from 'cytoscape-svg';
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import type { ElementKind, GraphElement } from '@/lib/graph/elements';
import type { LayoutName } from '@/lib/graph/view-state';
import { layoutOptions } from './layouts';
import { reconcile } from './reconcile';
import { graphStyle, type Theme } from './styles';

let registered = false;
function registerPlugins() {
  if (registered) return;
  cytoscape.use(fcose);
  cytoscape.use(svg);
  registered = true;
}
registerPlugins();

export interface GraphSelection {
  kind: ElementKind;
  /** The element's id in the graph. */
  elementId: string;
  /** The topology object it stands for. */
  ref: string;
}

export interface GraphHandle {
  fit(): void;
  zoomBy(factor: number): void;
  png(): string;
  svg(): string;
}

interface Props {
  elements: readonly GraphElement[];
  layout: LayoutName;
  theme: Theme;
  /** Graph element id to mark as selected, or null. */
  selectedId: string | null;
  onSelect: (s: GraphSelection | null) => void;
  /** Whether a container may join a network (drop targets are marked by it). */
  canJoin?: (containerId: string, networkId: string) => boolean;
  /** A container node was dropped on a network node. */
  onDropOnNetwork?: (containerId: string, networkId: string) => void;
  /** Right-click (or long press) on an endpoint edge: its "networkId:containerId". */
  onEndpointMenu?: (endpointRef: string) => void;
  /** Graph element ids with an action under way. */
  pendingIds?: readonly string[];
  ref?: Ref<GraphHandle>;
}

declare global {
  interface Window {
    /** The Cytoscape instance, for e2e tests and curious users. */
    cy?: Core;
  }
}

export function CytoscapeGraph({ elements, layout, theme, selectedId, onSelect, canJoin, onDropOnNetwork, onEndpointMenu, pendingIds, ref }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const dragged = useRef(new Set<string>());
  const laidOut = useRef(false);
  const onSelectRef = useRef(onSelect);
  const layoutRef = useRef(layout);
  const dropRef = useRef({ canJoin, onDropOnNetwork, onEndpointMenu });
  useEffect(() => {
    onSelectRef.current = onSelect;
    dropRef.current = { canJoin, onDropOnNetwork, onEndpointMenu };
  }, [onSelect, canJoin, onDropOnNetwork, onEndpointMenu]);

  const runLayout = (cy: Core, name: LayoutName) => {
    if (cy.nodes().empty()) return;
    const first = !laidOut.current;
    laidOut.current = true;
    const locked = cy.nodes().filter((n) => dragged.current.has(n.id()));
    locked.lock();
    cy.layout(layoutOptions(name, { fit: first, randomize: first })).run();
    locked.unlock();
  };

  useEffect(() => {
    const cy = cytoscape({
      container: container.current,
      style: graphStyle(theme),
      elements: [],
      minZoom: 0.1,
      maxZoom: 4,
      boxSelectionEnabled: false,
    });
    cyRef.current = cy;
    laidOut.current = false; // a fresh instance (React may mount twice in development)
    window.cy = cy;
    cy.on('tap', (evt: EventObject) => {
      if (evt.target === cy) {
        onSelectRef.current(null);
        return;
      }
      const el = evt.target;
      onSelectRef.current({ kind: el.data('kind') as ElementKind, elementId: el.id(), ref: el.data('ref') as string });
    });
    cy.on('dragfree', 'node', (evt: EventObject) => {
      dragged.current.add(evt.target.id());
    });
    bindDragToConnect(cy, dropRef, dragged.current);
    cy.on('cxttap', 'edge[kind = "endpoint"]', (evt: EventObject) => {
      dropRef.current.onEndpointMenu?.(evt.target.data('ref') as string);
    });
    // The page around the graph reflows (banners, wrapping toolbars): keep Cytoscape's idea of
    // its size and position in step, or pointer events land on the wrong nodes.
    // (The body is watched too: a reflow above the graph moves it without resizing it.)
    const resize = new ResizeObserver(() => cy.resize());
    if (container.current) resize.observe(container.current);
    resize.observe(document.body);
    return () => {
      resize.disconnect();
      cy.destroy();
      cyRef.current = null;
      if (window.cy === cy) delete window.cy;
    };
    // cy is made once; theme changes are applied by the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const changed = reconcile(cy, elements);
    if (changed || !laidOut.current) runLayout(cy, layoutRef.current);
     
  }, [elements]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || layoutRef.current === layout) return;
    layoutRef.current = layout;
    dragged.current.clear();
    laidOut.current = false;
    runLayout(cy, layout);
     
  }, [layout]);

  useEffect(() => {
    cyRef.current?.style(graphStyle(theme));
  }, [theme]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.elements('.pending').removeClass('pending');
      for (const id of pendingIds ?? []) cy.getElementById(id).addClass('pending');
    });
  }, [pendingIds, elements]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.elements('.selected').removeClass('selected');
      if (selectedId) cy.getElementById(selectedId).addClass('selected');
    });
  }, [selectedId, elements]);

  useImperativeHandle(ref, () => ({
    fit: () => cyRef.current?.fit(undefined, 30),
    zoomBy: (factor: number) => {
      const cy = cyRef.current;
      if (!cy) return;
      cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    },
    png: () => cyRef.current?.png({ full: true, scale: 2, bg: theme === 'dark' ? '#020617' : '#ffffff' }) ?? '',
    svg: () => (cyRef.current as unknown as { svg: (o: object) => string } | null)?.svg({ full: true, bg: theme === 'dark' ? '#020617' : '#ffffff' }) ?? '',
  }), [theme]);

  return <div ref={container} data-drop-help="drag a container onto a network to connect it; right-click a connection to disconnect it" className="h-full w-full" data-testid="graph" role="img" aria-label="Network topology graph; the list view below has the same content" />;
}

type DropHandlers = { current: Pick<Props, 'canJoin' | 'onDropOnNetwork'> };

/**
 * Dragging a container over the networks marks those it may join and the one under it;
 * dropping it on a network asks to connect, and the node goes back where it was (the graph
 * shows the new edge once the engine has it).
 */
function bindDragToConnect(cy: Core, handlers: DropHandlers, dragged: Set<string>) {
  let drag: { node: NodeSingular; start: { x: number; y: number }; over: NodeSingular | null } | null = null;
  const networks = () => cy.nodes('[kind = "network"]');
  cy.on('grab', 'node[kind = "container"]', (evt: EventObject) => {
    if (!handlers.current.onDropOnNetwork) return; // read-only: dragging only moves nodes
    const node = evt.target as NodeSingular;
    drag = { node, start: { ...node.position() }, over: null };
    const can = handlers.current.canJoin;
    networks().forEach((n) => {
      n.addClass(can && !can(node.data('ref') as string, n.data('ref') as string) ? 'drop-no' : 'drop-ok');
    });
  });
  cy.on('drag', 'node[kind = "container"]', (evt: EventObject) => {
    if (!drag) return;
    const p = (evt.target as NodeSingular).position();
    const over = networks().filter((n) => {
      const b = n.boundingBox();
      return p.x >= b.x1 && p.x <= b.x2 && p.y >= b.y1 && p.y <= b.y2;
    }).first() as NodeSingular;
    if (drag.over && (over.empty() || drag.over.id() !== over.id())) drag.over.removeClass('drop-target');
    drag.over = over.nonempty() ? (over.addClass('drop-target') as NodeSingular) : null;
  });
  cy.on('free', 'node[kind = "container"]', () => {
    if (!drag) return;
    const { node, start, over } = drag;
    drag = null;
    networks().removeClass('drop-ok drop-no drop-target');
    if (!over) return;
    node.position(start);
    dragged.delete(node.id());
    handlers.current.onDropOnNetwork?.(node.data('ref') as string, over.data('ref') as string);
  });
}
