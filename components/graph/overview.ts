/**
 * Level of detail for large graphs: zoomed out so far that Cytoscape would draw no label
 * (every label under MIN_LABEL_PX on screen), a graph of many nodes is drawn here instead, on a
 * canvas of its own over Cytoscape's: every node a box in its kind's colours, every edge a
 * line, the selection, its neighbourhood and the page's marks as coloured outlines. That is
 * one pass of plain fills and strokes (a few ms for thousands of elements), where Cytoscape's
 * canvas renderer spends most of a second on each frame of 5,000 nodes (its per-element
 * texture draws), and a software WebGL more.
 *
 * Cytoscape keeps everything else: the elements, their positions, events, hit testing,
 * dragging; the canvas ignores the pointer. Its own drawing is only held back while the
 * overview shows (its `render` is wrapped), and resumes as soon as the view is zoomed in
 * past the threshold, where it draws the part on screen.
 */
import type { Core, EdgeSingular, NodeSingular } from 'cytoscape';
import { MIN_LABEL_PX, NODE } from '@/lib/graph/geometry';
import { boxOf, type Box } from './boxes';

export interface OverviewColors {
  bg: string; edge: string; text: string;
  network: string; networkBorder: string; builtin: string; builtinBorder: string;
  internal: string; internalBorder: string; overlay: string; overlayBorder: string;
  container: string; containerBorder: string; stoppedBorder: string; running: string;
  host: string; project: string; projectBorder: string;
  link: string; shares: string; port: string; isolated: string; vethEdge: string; bridge: string; veth: string;
  selected: string; match: string; pending: string; changed: string;
}

export interface OverviewOptions {
  /** The overview is drawn from this many nodes up (below, Cytoscape's frames are cheap). */
  minNodes: number;
  /** Told when the overview comes on screen or goes. */
  onChange?: (on: boolean) => void;
}

/** Below this zoom no node label is drawn by Cytoscape (the smallest label font is the container's). */
export const OVERVIEW_ZOOM = MIN_LABEL_PX / NODE.container.font;
/** While passes add nodes, the overview paints at most one frame this often, ms. */
export const BUSY_FRAME_MS = 250;

export interface Overview {
  /** Whether the overview is what is on screen now. */
  active(): boolean;
  /** How long its last frame took to paint, ms. */
  paintMs(): number;
  /** The number of nodes the graph is getting (its element list's), while passes add them. */
  expect(nodes: number): void;
  /**
   * Whether passes of a large addition are under way: meanwhile a frame is painted at most
   * every BUSY_FRAME_MS (each paints every node; one per pass was a quarter of an "Unfold
   * all"'s main-thread time at 5,000 containers). The frame after the last pass is painted at once.
   */
  pace(busy: boolean): void;
  /**
   * While the overview is on screen, what it draws at a point of the graph (model
   * coordinates), as Cytoscape's hit test answers (overviewHit); null when it is not.
   */
  hit(x: number, y: number, isTouch: boolean): (NodeSingular | EdgeSingular)[] | null;
  detach(): void;
}

export function attachOverview(cy: Core, canvas: HTMLCanvasElement, colors: () => OverviewColors, opts: OverviewOptions): Overview {
  const ctx = canvas.getContext('2d');
  const renderer = (cy as unknown as { renderer: () => { render: (o: unknown) => void } }).renderer();
  const render = renderer.render;
  let on = false;
  let frame = 0;
  let lastPaintMs = 0;
  let busy = false;
  let lastPaintAt = -Infinity;
  let wait: ReturnType<typeof setTimeout> | null = null;
  // How many nodes the graph is getting (a large addition comes in passes): the overview
  // comes on for the graph being drawn, not for its first pass.
  let target = 0;
  // Cytoscape draws only while the overview is off; its frames asked for meanwhile are dropped
  // (a forced render on the way back draws the view as it then is).
  renderer.render = function (this: unknown, o: unknown) {
    if (!on) render.call(this, o);
  };

  // Nodes drawn, counted from add / remove events (a count of cy.nodes() walks every element).
  let nodes = cy.nodes().length;
  const wanted = () => !!ctx && Math.max(nodes, target) >= opts.minNodes && cy.zoom() < OVERVIEW_ZOOM;

  const draw = () => {
    frame = 0;
    if (!on || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    const W = Math.round(cy.width() * dpr), H = Math.round(cy.height() * dpr);
    if (canvas.width !== W || canvas.height !== H) {
      canvas.width = W;
      canvas.height = H;
    }
    const t0 = performance.now();
    paint(ctx, cy, colors(), dpr);
    lastPaintAt = performance.now();
    lastPaintMs = lastPaintAt - t0;
  };
  const schedule = () => {
    if (!on || frame || wait) return;
    const later = busy ? lastPaintAt + BUSY_FRAME_MS - performance.now() : 0;
    if (later > 0) {
      wait = setTimeout(() => {
        wait = null;
        schedule();
      }, later);
    } else frame = requestAnimationFrame(draw);
  };
  const check = () => {
    const want = wanted();
    if (want === on) {
      schedule();
      return;
    }
    on = want;
    canvas.hidden = !on;
    canvas.setAttribute('data-active', on ? '1' : '0');
    if (on) schedule();
    else cy.forceRender();
    opts.onChange?.(on);
  };

  const events = 'position data select unselect class style';
  const added = (e: { target: { isNode(): boolean } }) => {
    if (e.target.isNode()) nodes++;
    check();
  };
  const removed = (e: { target: { isNode(): boolean } }) => {
    if (e.target.isNode()) nodes--;
    check();
  };
  // Decided as the view changes, before Cytoscape's next frame: zooming out of the detail,
  // Cytoscape never draws a frame of thousands of nodes first.
  cy.on('viewport resize', check);
  cy.on(events, schedule);
  cy.on('add', added);
  cy.on('remove', removed);
  check();
  return {
    active: () => on,
    paintMs: () => lastPaintMs,
    expect: (n: number) => {
      target = n;
      check();
    },
    pace: (b: boolean) => {
      if (b === busy) return;
      busy = b;
      if (!busy && wait) {
        clearTimeout(wait);
        wait = null;
        schedule();
      }
    },
    hit: (x: number, y: number, isTouch: boolean) => (on ? overviewHit(cy, x, y, isTouch) : null),
    detach: () => {
      cy.off('viewport resize', check);
      cy.off(events, schedule);
      cy.off('add', added);
      cy.off('remove', removed);
      if (frame) cancelAnimationFrame(frame);
      if (wait) clearTimeout(wait);
      renderer.render = render;
    },
  };
}

/** One frame of the overview: edges, then compound boxes, then nodes, then marks. */
function paint(ctx: CanvasRenderingContext2D, cy: Core, c: OverviewColors, dpr: number) {
  const z = cy.zoom(), pan = cy.pan();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = c.bg;
  ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.setTransform(dpr * z, 0, 0, dpr * z, dpr * pan.x, dpr * pan.y);
  const ext = cy.extent();
  const px = 1 / z; // one screen pixel in model units
  const inView = (b: Box) => b.x2 >= ext.x1 && b.x1 <= ext.x2 && b.y2 >= ext.y1 && b.y1 <= ext.y2;

  // Compound parents (compose projects unfolded): the box around their children.
  const parentBoxes: [NodeSingular, Box][] = [];
  const leaves: NodeSingular[] = [];
  cy.nodes().forEach((n) => {
    if (n.isParent()) parentBoxes.push([n, childrenBox(n)]);
    else leaves.push(n);
  });

  // Edges: one path per colour.
  const paths = new Map<string, Path2D>();
  const marked: { edge: ReturnType<Core['edges']>[number]; color: string }[] = [];
  cy.edges().forEach((e) => {
    const s = e.source().position(), t = e.target().position();
    if (Math.max(s.x, t.x) < ext.x1 || Math.min(s.x, t.x) > ext.x2 || Math.max(s.y, t.y) < ext.y1 || Math.min(s.y, t.y) > ext.y2) return;
    const mark = markColor(e, c);
    if (mark) {
      marked.push({ edge: e, color: mark });
      return;
    }
    const color = edgeColor(e.data('kind') as string, e.classes(), c);
    let p = paths.get(color);
    if (!p) paths.set(color, (p = new Path2D()));
    p.moveTo(s.x, s.y);
    p.lineTo(t.x, t.y);
  });
  ctx.lineWidth = px;
  for (const [color, p] of paths) {
    ctx.strokeStyle = color;
    ctx.stroke(p);
  }
  ctx.lineWidth = 3 * px;
  for (const { edge, color } of marked) {
    const s = edge.source().position(), t = edge.target().position();
    ctx.strokeStyle = color;
    ctx.beginPath();
    ctx.moveTo(s.x, s.y);
    ctx.lineTo(t.x, t.y);
    ctx.stroke();
  }

  ctx.setLineDash([4 * px, 3 * px]);
  ctx.lineWidth = px;
  for (const [n, b] of parentBoxes) {
    if (!inView(b)) continue;
    ctx.globalAlpha = 0.6;
    ctx.fillStyle = c.project;
    ctx.fillRect(b.x1, b.y1, b.x2 - b.x1, b.y2 - b.y1);
    ctx.globalAlpha = 1;
    ctx.strokeStyle = markColor(n, c) ?? c.projectBorder;
    ctx.strokeRect(b.x1, b.y1, b.x2 - b.x1, b.y2 - b.y1);
  }
  ctx.setLineDash([]);

  // Nodes: a filled box with its border; marks drawn over them afterwards, thicker.
  const marks: [Box, string][] = [];
  for (const n of leaves) {
    const b = boxOf(n);
    if (!inView(b)) continue;
    const [fill, border] = nodeColors(n, c);
    ctx.globalAlpha = n.hasClass('faded') ? 0.2 : 1;
    ctx.fillStyle = fill;
    ctx.fillRect(b.x1, b.y1, b.x2 - b.x1, b.y2 - b.y1);
    ctx.strokeStyle = border;
    ctx.lineWidth = Math.max(px, 1.5);
    ctx.strokeRect(b.x1, b.y1, b.x2 - b.x1, b.y2 - b.y1);
    // The icon's place (left, 22 px square), in the icon's colour: a container's state.
    const icon = iconColor(n, c);
    if (icon) {
      ctx.fillStyle = icon;
      const cy0 = (b.y1 + b.y2) / 2;
      ctx.fillRect(b.x1 + 12, cy0 - 11, 22, 22);
    }
    const mark = markColor(n, c);
    if (mark) marks.push([b, mark]);
  }
  ctx.globalAlpha = 1;
  ctx.lineWidth = 3 * px;
  for (const [b, color] of marks) {
    ctx.strokeStyle = color;
    // At least a few pixels wide on screen, so a mark on a tiny node is still seen.
    const grow = 2 * px;
    ctx.strokeRect(b.x1 - grow, b.y1 - grow, b.x2 - b.x1 + 2 * grow, b.y2 - b.y1 + 2 * grow);
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
}

/**
 * What the overview draws at a point (model coordinates), in the shape of Cytoscape's hit
 * test (`findNearestElements`: at most one node, else at most one edge): a node's box (the
 * last drawn, on top), else the nearest edge's line, else the innermost compound box, each
 * within Cytoscape's own distances for mouse or touch. It reads positions and the known node
 * sizes only (./boxes), so it costs a walk over the elements, where Cytoscape's test first
 * measures every element moved since its last frame: after "Unfold all" at 5,000 containers,
 * that made the first press on the overview a task of 300-600 ms.
 */
export function overviewHit(cy: Core, x: number, y: number, isTouch: boolean): (NodeSingular | EdgeSingular)[] {
  const z = cy.zoom();
  const near = (isTouch ? 8 : 2) / z;
  const inside = (b: Box) => x >= b.x1 - near && x <= b.x2 + near && y >= b.y1 - near && y <= b.y2 + near;
  const nodes = cy.nodes();
  const parents: NodeSingular[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i]!;
    if (n.isParent()) parents.push(n);
    else if (inside(boxOf(n)) && takesEvents(n)) return [n];
  }
  const reach = ((isTouch ? 24 : 8) + 1) / z;
  let edge: EdgeSingular | null = null;
  let best = reach * reach;
  cy.edges().forEach((e) => {
    const s = e.source().position(), t = e.target().position();
    if (x < Math.min(s.x, t.x) - reach || x > Math.max(s.x, t.x) + reach || y < Math.min(s.y, t.y) - reach || y > Math.max(s.y, t.y) + reach) return;
    const d = sqDistToSegment(x, y, s.x, s.y, t.x, t.y);
    if (d <= best && takesEvents(e)) {
      best = d;
      edge = e;
    }
  });
  if (edge) return [edge];
  let inner: NodeSingular | null = null;
  let area = Infinity;
  for (const n of parents) {
    const b = childrenBox(n);
    const a = (b.x2 - b.x1) * (b.y2 - b.y1);
    if (a < area && inside(b) && takesEvents(n)) {
      area = a;
      inner = n;
    }
  }
  return inner ? [inner] : [];
}

/** Whether an element takes pointer events (Cytoscape has it; its typings leave it out). */
const takesEvents = (e: NodeSingular | EdgeSingular) => (e as unknown as { interactive(): boolean }).interactive();

function sqDistToSegment(x: number, y: number, x1: number, y1: number, x2: number, y2: number): number {
  const dx = x2 - x1, dy = y2 - y1;
  const len = dx * dx + dy * dy;
  const k = len === 0 ? 0 : Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / len));
  const px = x1 + k * dx - x, py = y1 + k * dy - y;
  return px * px + py * py;
}

/** A compound's box: its children's, with the stylesheet's padding (14). */
function childrenBox(n: NodeSingular): Box {
  const b = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };
  n.children().forEach((ch) => {
    const cb = boxOf(ch as NodeSingular);
    b.x1 = Math.min(b.x1, cb.x1);
    b.y1 = Math.min(b.y1, cb.y1);
    b.x2 = Math.max(b.x2, cb.x2);
    b.y2 = Math.max(b.y2, cb.y2);
  });
  const pad = 14;
  return Number.isFinite(b.x1) ? { x1: b.x1 - pad, y1: b.y1 - pad, x2: b.x2 + pad, y2: b.y2 + pad } : boxOf(n);
}

/** The outline an element's state asks for (as the stylesheet gives it), or null. */
function markColor(el: { selected(): boolean; hasClass(c: string): boolean }, c: OverviewColors): string | null {
  if (el.selected() || el.hasClass('nbr')) return c.selected;
  if (el.hasClass('path') || el.hasClass('match') || el.hasClass('drop-ok') || el.hasClass('drop-target')) return c.match;
  if (el.hasClass('changed')) return c.changed;
  if (el.hasClass('pending')) return c.pending;
  if (el.hasClass('drop-no')) return c.isolated;
  return null;
}

function nodeColors(n: NodeSingular, c: OverviewColors): [string, string] {
  switch (n.data('kind') as string) {
    case 'network':
      if (n.hasClass('none-net')) return [c.builtin, c.isolated];
      if (n.hasClass('internal')) return [c.internal, c.internalBorder];
      if (n.hasClass('overlay')) return [c.overlay, c.overlayBorder];
      if (n.hasClass('builtin')) return [c.builtin, c.builtinBorder];
      return [c.network, c.networkBorder];
    case 'container':
      if (n.hasClass('isolated')) return [c.container, c.isolated];
      if (n.hasClass('stopped')) return [c.container, c.stoppedBorder];
      if (n.hasClass('state-paused') || n.hasClass('state-restarting')) return [c.container, c.link];
      return [c.container, c.containerBorder];
    case 'host':
      return [c.host, c.host];
    case 'project':
      return [c.project, c.projectBorder];
    case 'bridge':
      return [c.bridge, c.vethEdge];
    case 'veth':
      return [c.veth, c.vethEdge];
    default:
      return [c.container, c.containerBorder];
  }
}

function iconColor(n: NodeSingular, c: OverviewColors): string | null {
  const kind = n.data('kind') as string;
  if (kind === 'network') return nodeColors(n, c)[1];
  if (kind !== 'container') return null;
  if (n.hasClass('stopped')) return c.stoppedBorder;
  if (n.hasClass('state-paused') || n.hasClass('state-restarting')) return c.link;
  return c.running;
}

function edgeColor(kind: string, classes: string[], c: OverviewColors): string {
  switch (kind) {
    case 'link': return c.link;
    case 'shares': return c.shares;
    case 'port': return c.port;
    case 'vip': return c.overlayBorder;
    case 'veth-ctr': case 'veth-bridge': case 'bridge-net': return c.vethEdge;
    case 'aggregate':
      if (classes.includes('agg-link')) return c.link;
      if (classes.includes('agg-shares')) return c.shares;
      if (classes.includes('agg-port')) return c.port;
      return c.edge;
    default: return c.edge;
  }
}
