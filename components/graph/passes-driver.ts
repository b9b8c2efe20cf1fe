/**
 * Brings the drawn graph in line with the latest element list, in passes: each pass adds at
 * most a pass's worth of new nodes (steered by what the last one took: ./passes), so no task
 * styles and draws thousands of elements at once; while more is to add, the next pass runs
 * after the next frame (the one that draws this pass's nodes), on the latest elements.
 *
 * New nodes get a position (kept in the browser, else beside their network) and nothing else
 * moves. A full layout runs only on first sight of a small graph without kept positions. The
 * first pass fits the view; an "Unfold all" (fitWhenComplete) fits as it grows and at its end.
 */
import type { Collection, Core } from 'cytoscape';
import type { GraphElement } from '@/lib/graph/elements';
import { MAX_FIT_ZOOM } from '@/lib/graph/geometry';
import type { LayoutName } from '@/lib/graph/view-state';
import { SMALL_LAYOUT_MAX } from './layouts';
import type { Overview } from './overview';
import { clusterAnchors, clusterPositions, placeNew } from './placement';
import { FIRST_CHUNK, flushStyles, nextChunk, passTimer } from './passes';
import { reconcile } from './reconcile';
import { fitNodes, type KeptPositions } from './viewport';

/** What the driver asks of the graph around it. */
export interface PassHost {
  cy: Core;
  positions: KeptPositions;
  overview(): Overview | null;
  layout(): LayoutName;
  /** Whether a focus request waits (the first view then does not fit the whole graph). */
  focusing(): boolean;
  /** Classes the layers set: reconcile keeps them. */
  keep(): ReadonlySet<string>;
  /** A full layout of a small graph seen for the first time. */
  layoutAll(fit: boolean): void;
  /** After every pass: what it added, whether it was the first, and whether more is to come. */
  afterPass(p: { added: Collection; first: boolean; more: boolean; nodes: number }): void;
}

export class PassDriver {
  /** Whether the first pass has drawn something. */
  ready = false;
  /** Fit the view to the whole graph as the passes of the next addition arrive, and after. */
  fitWhenDone = false;
  private elements: readonly GraphElement[] = [];
  private reconciled: readonly GraphElement[] | null = null;
  private prepared: readonly GraphElement[] | null = null;
  private chunk = FIRST_CHUNK;
  private timer: { raf: number; timeout: ReturnType<typeof setTimeout> | null } | null = null;
  /** The width / height of the server-drawn first view, until the first view is drawn. */
  private firstAspect: number | null;

  constructor(private readonly host: PassHost, firstAspect: number | null) {
    this.firstAspect = firstAspect;
  }

  latest(): readonly GraphElement[] {
    return this.elements;
  }

  /** New elements: a pass already waiting picks them up; otherwise one runs (now, before the graph is up). */
  set(elements: readonly GraphElement[]): void {
    this.elements = elements;
    if (!this.ready && elements.length) performance.mark('switchyard:first-elements');
    if (this.timer) return;
    // Once the graph is up, in a task of its own: not in the one that rendered the page.
    if (this.ready) this.timer = { raf: 0, timeout: setTimeout(() => this.pass(), 0) };
    else this.pass();
  }

  stop(): void {
    const t = this.timer;
    if (t) {
      cancelAnimationFrame(t.raf);
      if (t.timeout) clearTimeout(t.timeout);
    }
    this.timer = null;
  }

  private pass(): void {
    const { cy, positions } = this.host;
    if (cy.destroyed()) return;
    const elapsed = passTimer();
    this.timer = null;
    const els = this.elements;
    const anchors = () => clusterAnchors(cy, els, this.firstAspect ?? undefined);
    const fresh = els !== this.reconciled;
    const unfolding = this.ready && this.fitWhenDone;
    if (fresh && unfolding && this.prepared !== els) {
      // "Unfold all" on a drawn graph: the layout of the whole list (linear in its size, and
      // kept for the passes that follow) takes a task of its own; the first pass comes next.
      this.prepared = els;
      anchors();
      this.timer = { raf: 0, timeout: setTimeout(() => this.pass(), 0) };
      return;
    }
    // The overview decides on the graph being drawn, not on its first pass.
    if (fresh) this.host.overview()?.expect(countNodes(els));
    // "Unfold all" on a drawn graph: its first pass only moves what is drawn to the new layout
    // (and diffs it), which is a pass's worth of work by itself; members follow from the next.
    if (fresh) this.chunk = unfolding ? 0 : FIRST_CHUNK;
    const { added, addedEles, more } = reconcile(cy, els, this.chunk, !fresh, (id) => anchors().get(id), this.host.keep());
    if (fresh && more && unfolding) {
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
    this.reconciled = els;
    if (!this.ready) performance.mark('switchyard:first-reconciled');
    // Every node drawn, once a pass (a collection of all of them is milliseconds at 5,000).
    const allNodes = cy.nodes();
    const first = !this.ready && allNodes.nonempty();
    let laidOut = false;
    if (first && !more && this.host.layout() !== 'clusters' && !added.some((id) => positions.saved.has(id)) && allNodes.length <= SMALL_LAYOUT_MAX) {
      this.host.layoutAll(!this.host.focusing());
      laidOut = true;
    } else if (added.length) {
      placeNew(cy, added, els, positions.saved, this.firstAspect ?? undefined);
      positions.persist();
    }
    // Style and measure what this pass added (and what it touched) now, in this task: left to
    // the next frame, that frame would take it on (Chrome draws before a timer that is due when a
    // task ran long), and thousands of elements added over many passes could be styled at once.
    // What the whole pass took sizes the next one.
    if (addedEles.nonempty()) flushStyles(cy, addedEles);
    if (more) this.chunk = this.chunk === 0 ? FIRST_CHUNK : nextChunk(this.chunk, elapsed());
    if ((this.ready || first) && !more) this.firstAspect = null; // the first view is drawn: from now on, the graph's own shape
    if (first) {
      this.ready = true;
      if (!laidOut && !this.host.focusing()) {
        fitNodes(cy, allNodes, MAX_FIT_ZOOM, more);
        this.fitWhenDone = more;
      }
    }
    if (more && this.fitWhenDone && !first) fitNodes(cy, allNodes, MAX_FIT_ZOOM, true);
    if (more) {
      const raf = requestAnimationFrame(() => {
        if (this.timer) this.timer.timeout = setTimeout(() => this.pass(), 0);
      });
      this.timer = { raf, timeout: null };
    } else if (this.fitWhenDone) {
      this.fitWhenDone = false;
      fitNodes(cy, allNodes, MAX_FIT_ZOOM, true);
    }
    this.host.overview()?.pace(more);
    this.host.afterPass({ added: addedEles, first, more, nodes: allNodes.length });
  }
}

function countNodes(els: readonly GraphElement[]): number {
  let n = 0;
  for (const e of els) if (e.group === 'nodes') n++;
  return n;
}
