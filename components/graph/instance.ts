/**
 * The Cytoscape instance: made with the renderer the browser draws best (./renderer), the
 * patches of its internals (./patches), and its events turned into typed payloads at the edge.
 * Handlers are read when an event comes (`handlers()` answers the latest), so they are bound once.
 */
import cytoscape, { type Core, type EventObject, type StylesheetJson } from 'cytoscape';
import type { ElementKind } from '@/lib/graph/elements';
import { bindDragToConnect } from './drag-to-connect';
import { installPatches } from './patches';
import type { Overview } from './overview';
import { chooseRenderer, rendererOptions, type RendererName } from './renderer';

export interface GraphSelection {
  kind: ElementKind;
  /** The element's id in the graph. */
  elementId: string;
  /** The topology object it stands for. */
  ref: string;
}

/** What the graph tells the page. */
export interface GraphEvents {
  onSelect: (s: GraphSelection | null) => void;
  /** A double click (or Enter) on a network or project node: fold or unfold it. */
  onToggleGroup?: (elementId: string) => void;
  /** Whether a container may join a network (drop targets are marked by it). */
  canJoin?: (containerId: string, networkId: string) => boolean;
  /** A container node was dropped on a network node. */
  onDropOnNetwork?: (containerId: string, networkId: string) => void;
  /** Right-click (or long press) on an endpoint edge: its "networkId:containerId". */
  onEndpointMenu?: (endpointRef: string) => void;
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
    /** The measure of the picture as drawn (components/graph/picture), for e2e tests and the benchmark. */
    __switchyardPicture?: () => import('@/lib/graph/picture-metrics').Picture;
  }
}

export function createInstance(
  container: HTMLDivElement,
  /** The renderer the URL asks for (`?renderer=`), or null to choose. */
  asked: 'canvas' | 'webgl' | null,
  style: StylesheetJson,
  overviewHit: (x: number, y: number, isTouch: boolean) => unknown[] | null,
  handlers: () => GraphEvents,
  onMoved: () => void,
): { cy: Core; renderer: { name: RendererName; why: string } } {
  const chosen = chooseRenderer(asked);
  const cy = cytoscape({
    container,
    style,
    elements: [],
    minZoom: 0.02,
    maxZoom: 4,
    boxSelectionEnabled: false,
    selectionType: 'single',
    // @ts-expect-error -- the WebGL options are newer than @types/cytoscape
    renderer: rendererOptions(chosen.name),
  });
  installPatches(cy, overviewHit);
  performance.mark('switchyard:cy-created');
  window.cy = cy;
  cy.on('tap', (evt: EventObject) => {
    if (evt.target === cy) {
      handlers().onSelect(null);
      return;
    }
    const el = evt.target;
    handlers().onSelect({ kind: el.data('kind') as ElementKind, elementId: el.id(), ref: el.data('ref') as string });
  });
  cy.on('dbltap', 'node[kind = "network"], node[kind = "project"]', (evt: EventObject) => {
    handlers().onToggleGroup?.(evt.target.id());
  });
  cy.on('dragfree', 'node', () => onMoved());
  bindDragToConnect(cy, { get current() { return handlers(); } }, () => onMoved());
  cy.on('cxttap', 'edge[kind = "endpoint"]', (evt: EventObject) => {
    handlers().onEndpointMenu?.(evt.target.data('ref') as string);
  });
  return { cy, renderer: chosen };
}
