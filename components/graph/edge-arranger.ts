/**
 * The edge arrangement (./edge-labels) kept up on a drawn graph: run again after positions
 * change (a layout, the last pass of an addition, a drag, an edge's new label), in slices of a
 * few milliseconds, a change meanwhile starting it again; and the tucked labels shown where they
 * are asked for: the pointer on their edge or at one of its ends (where a shortened node label's
 * full name is the graph's title), and all of them closer in than CLOSE_ZOOM. The graph's
 * `data-arranged` says when it is done, and what it did.
 */
import type { Core, EventObject } from 'cytoscape';
import { arrangeInSlices, CLOSE, CLOSE_ZOOM, PEEK, TUCKED } from './edge-labels';

/** One slice of the arrangement: well inside a frame. */
const SLICE_MS = 12;

export interface EdgeArranger {
  /** Arranges the edges for the positions now, from the next task. */
  arrange(): void;
  detach(): void;
}

export function attachEdgeArranger(cy: Core, container: HTMLElement): EdgeArranger {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: { cancel(): void } | null = null;
  let close = false;

  const closeUp = () => {
    const now = cy.zoom() >= CLOSE_ZOOM;
    if (now === close) return;
    close = now;
    if (now) cy.edges(`.${TUCKED}`).addClass(CLOSE);
    else cy.edges(`.${CLOSE}`).removeClass(CLOSE);
  };
  const arrange = () => {
    if (timer) return;
    // Gone while an arrangement is due or under way (tests wait for it: curves may still move).
    container.removeAttribute('data-arranged');
    timer = setTimeout(() => {
      timer = null;
      if (cy.destroyed()) return;
      running?.cancel();
      running = arrangeInSlices(cy, SLICE_MS, (done) => {
        running = null;
        closeUp();
        container.setAttribute('data-arranged', `${done.placed} placed, ${done.tucked} tucked, ${done.routed} curved, ${done.ms} ms`);
      });
    }, 0);
  };

  const peek = (e: EventObject) => { e.target.addClass(PEEK); };
  const unpeek = (e: EventObject) => { e.target.removeClass(PEEK); };
  const overNode = (e: EventObject) => {
    e.target.connectedEdges().addClass(PEEK);
    const name = e.target.data('name') as string | undefined;
    container.title = name && name !== String(e.target.data('label')).split('\n')[0] ? name : '';
  };
  const outNode = (e: EventObject) => {
    e.target.connectedEdges().removeClass(PEEK);
    container.title = '';
  };
  // [event, selector, handler]: bound now, unbound on detach.
  const bindings: [string, string | null, (e: EventObject) => void][] = [
    ['mouseover', 'edge', peek], ['mouseout', 'edge', unpeek], ['mouseover', 'node', overNode], ['mouseout', 'node', outNode],
    ['dragfree', 'node', arrange], ['data', 'edge', arrange], ['zoom', null, closeUp],
  ];
  for (const [ev, sel, fn] of bindings) {
    if (sel) cy.on(ev, sel, fn);
    else cy.on(ev, fn);
  }
  return {
    arrange,
    detach() {
      if (timer) clearTimeout(timer);
      running?.cancel();
      for (const [ev, sel, fn] of bindings) {
        if (sel) cy.off(ev, sel, fn);
        else cy.off(ev, fn);
      }
    },
  };
}
