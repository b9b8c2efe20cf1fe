/**
 * The "clusters" layout: each network (and the host) with its members beside it as one
 * card, cards packed in rows to the viewport's shape. Deterministic, linear in the number of
 * nodes, and pure, so it runs on any size without blocking the page, gives the same picture
 * for the same topology, and can tell where a new node belongs (next to its network).
 *
 * A container's card is that of one of its networks: the one most of its compose project is
 * on (so a project's box stays in one card), then the one with the fewest members (the most
 * specific). A container in another's namespace sits right after that container.
 */
import type { GraphElement } from './elements';
import { nodeSize } from './geometry';

export interface Point { x: number; y: number }

export interface ClusterLayout {
  positions: Map<string, Point>;
  /** Node id -> the anchor (network or host node) whose card it is in; null for anchors and loose nodes. */
  anchorOf: Map<string, string | null>;
}

const GAP_X = 124; // between an anchor and its members: room for an address label (up to ~120 units), level, beside the network (lib/graph/label-place)
const ROW = 50; // one member's row
const COL = 244; // one member's column, in a grid (a container and a gap)
const FAN_MAX = 8; // up to this many members: one column; more: a grid
const CARD_GAP = 44;
const PROJECT_GAP = 36; // extra room where a compose project's box starts: its padding (14) and title above it
const LABEL_LINE = 30; // one more line of a group's label
const VETH_W = 130;

type Node = GraphElement & { group: 'nodes' };

interface Card {
  anchor: Node | null;
  members: Node[];
  w: number;
  h: number;
  /** Positions relative to the card's top-left corner. */
  local: Map<string, Point>;
}

const byId = (a: { data: { id: string } }, b: { data: { id: string } }) => (a.data.id < b.data.id ? -1 : a.data.id > b.data.id ? 1 : 0);

export function clusterLayout(elements: readonly GraphElement[], opts: { aspect?: number } = {}): ClusterLayout {
  const aspect = opts.aspect ?? 1.6;
  const nodes = elements.filter((e): e is Node => e.group === 'nodes');
  const edges = elements.filter((e) => e.group === 'edges');
  const node = new Map(nodes.map((n) => [n.data.id, n]));
  const isAnchor = (n: Node | undefined) => !!n && (n.data.kind === 'network' || n.data.kind === 'host' || n.data.kind === 'peer');
  const isMember = (n: Node) => n.data.kind === 'container' || (n.data.kind === 'project' && n.classes.includes('collapsed'));
  const folded = (n: Node) => n.classes.includes('collapsed');

  // Anchors each member is attached to, and how many members each anchor has.
  const anchorsOf = new Map<string, string[]>();
  const memberCount = new Map<string, number>();
  const sharesWith = new Map<string, string>();
  const vethsOf = new Map<string, string[]>();
  const bridgeOf = new Map<string, string>();
  for (const e of edges) {
    const { kind, source, target } = e.data;
    if (!source || !target) continue;
    if ((kind === 'endpoint' || (kind === 'aggregate' && e.data.via === 'members')) && isAnchor(node.get(target))) {
      anchorsOf.set(source, [...(anchorsOf.get(source) ?? []), target]);
      memberCount.set(target, (memberCount.get(target) ?? 0) + 1);
    } else if (kind === 'shares') sharesWith.set(source, target);
    else if (kind === 'veth-ctr') vethsOf.set(source, [...(vethsOf.get(source) ?? []), target]);
    else if (kind === 'bridge-net') bridgeOf.set(target, source);
  }

  // Per project, how many of its members are on each anchor.
  const projectOn = new Map<string, Map<string, number>>();
  const projectOf = (n: Node) => (n.data.parent as string | undefined) ?? null;
  // Room above a group's box for its label: a line more for each line more than one (a swarm
  // service says its mode and tasks, a node its role).
  const gapOf = (p: string) => PROJECT_GAP + (String(node.get(p)?.data.label ?? '').split('\n').length - 1) * LABEL_LINE;
  for (const n of nodes) {
    const p = projectOf(n);
    if (!p) continue;
    const m = projectOn.get(p) ?? new Map<string, number>();
    for (const a of anchorsOf.get(n.data.id) ?? []) m.set(a, (m.get(a) ?? 0) + 1);
    projectOn.set(p, m);
  }
  // By name, then id: the same picture on every host that has the same networks (ids differ).
  const nameOf = (id: string) => String(node.get(id)?.data.name ?? node.get(id)?.data.label ?? id);
  const byName = (a: string, b: string) => { const na = nameOf(a), nb = nameOf(b); return na < nb ? -1 : na > nb ? 1 : a < b ? -1 : 1; };
  const home = (n: Node): string | null => {
    const as = anchorsOf.get(n.data.id);
    if (!as?.length) return null;
    const p = projectOf(n);
    const inProject = p ? projectOn.get(p) : undefined;
    return [...as].sort((a, b) => (inProject ? (inProject.get(b) ?? 0) - (inProject.get(a) ?? 0) : 0)
      || (memberCount.get(a) ?? 0) - (memberCount.get(b) ?? 0) || byName(a, b))[0]!;
  };

  const cards = new Map<string, Card>();
  const cardFor = (anchorId: string | null): Card => {
    const key = anchorId ?? '';
    let c = cards.get(key);
    if (!c) {
      c = { anchor: anchorId ? node.get(anchorId)! : null, members: [], w: 0, h: 0, local: new Map() };
      cards.set(key, c);
    }
    return c;
  };
  for (const n of nodes) if (isAnchor(n)) cardFor(n.data.id);
  const homeOf = new Map<string, string | null>();
  const followers = new Map<string, Node[]>();
  for (const n of [...nodes].sort(byId)) {
    if (!isMember(n)) continue;
    const shared = sharesWith.get(n.data.id);
    if (shared && node.has(shared) && !anchorsOf.has(n.data.id)) {
      followers.set(shared, [...(followers.get(shared) ?? []), n]);
      continue;
    }
    const h = home(n);
    homeOf.set(n.data.id, h);
    cardFor(h).members.push(n);
  }
  // Followers of a follower, or of a node not placed: give them a card of their own kind.
  const placedFollower = new Set<string>();

  for (const card of cards.values()) {
    // Project siblings together, then by name; followers right after whom they follow.
    card.members.sort((a, b) => {
      const pa = projectOf(a) ?? '', pb = projectOf(b) ?? '';
      if (pa !== pb) return pa < pb ? -1 : 1;
      const na = String(a.data.name ?? a.data.label), nb = String(b.data.name ?? b.data.label);
      return na < nb ? -1 : na > nb ? 1 : byId(a, b);
    });
    const expanded: Node[] = [];
    const add = (n: Node) => {
      expanded.push(n);
      for (const f of followers.get(n.data.id) ?? []) {
        if (placedFollower.has(f.data.id)) continue;
        placedFollower.add(f.data.id);
        homeOf.set(f.data.id, card.anchor?.data.id ?? null);
        add(f);
      }
    };
    card.members.forEach(add);
    card.members = expanded;
    placeCard(card, { folded, projectOf, vethsOf, bridgeOf, gapOf });
  }
  // Anyone still unplaced (following a node that is not drawn) goes in the loose card.
  for (const [, fs] of followers) {
    for (const f of fs) {
      if (placedFollower.has(f.data.id)) continue;
      const loose = cardFor(null);
      loose.members.push(f);
      homeOf.set(f.data.id, null);
      placeCard(loose, { folded, projectOf, vethsOf, bridgeOf, gapOf });
    }
  }

  // Edges between cards: the packing puts cards of the same size where these are shortest.
  const cardOfNode = new Map<string, Card>();
  for (const c of cards.values()) for (const id of c.local.keys()) cardOfNode.set(id, c);
  const between: [string, string][] = [];
  for (const e of edges) {
    const { source, target } = e.data;
    if (source && target && cardOfNode.has(source) && cardOfNode.has(target) && cardOfNode.get(source) !== cardOfNode.get(target)) between.push([source, target]);
  }
  const positions = pack([...cards.values()].filter((c) => c.anchor || c.members.length), aspect, between, cardOfNode);
  const anchorOf = new Map<string, string | null>();
  for (const n of nodes) {
    if (isAnchor(n)) anchorOf.set(n.data.id, null);
    else if (isMember(n)) anchorOf.set(n.data.id, homeOf.get(n.data.id) ?? null);
  }
  // Bridges and veths sit next to what they belong to.
  for (const [net, br] of bridgeOf) anchorOf.set(br, net);
  for (const [ctr, vs] of vethsOf) for (const v of vs) anchorOf.set(v, anchorOf.get(ctr) ?? null);
  return { positions, anchorOf };
}

interface CardCtx {
  folded: (n: Node) => boolean;
  projectOf: (n: Node) => string | null;
  gapOf: (project: string) => number;
  vethsOf: Map<string, string[]>;
  bridgeOf: Map<string, string>;
}

/** Places a card's nodes relative to its top-left corner and sets its size. */
function placeCard(card: Card, ctx: CardCtx) {
  const local = new Map<string, Point>();
  const a = card.anchor;
  const aSize = a ? nodeSize(String(a.data.kind), ctx.folded(a)) : { w: 0, h: 0 };
  const bridge = a ? ctx.bridgeOf.get(a.data.id) : undefined;
  const bridgeW = bridge ? nodeSize('bridge', false).w + 30 : 0;
  const m = card.members;
  const maxVeths = Math.max(0, ...m.map((n) => ctx.vethsOf.get(n.data.id)?.length ?? 0));
  // A column is as wide as its widest member (a container grows with its name: lib/graph/elements).
  const widthOf = (n: Node) => nodeSize(String(n.data.kind), ctx.folded(n), n.data.w).w;
  const ctrW = Math.max(nodeSize('container', false).w, ...m.map(widthOf));
  const memberW = ctrW + maxVeths * VETH_W;
  const startX = bridgeW + aSize.w + (m.length ? GAP_X : 0);

  // One column of members; a grid of columns when there are many. Room above each compose
  // project's first member in a column for its box's title; a project is not split over two
  // columns where it fits in one (its box would then span both, title and all, over others).
  const gridCol = COL + ctrW - nodeSize('container', false).w;
  const cols = m.length <= FAN_MAX ? 1 : Math.ceil(Math.sqrt((m.length * ROW) / (gridCol + maxVeths * VETH_W) * 1.2));
  const colW = cols === 1 ? memberW : gridCol + maxVeths * VETH_W;
  const rowOf = (n: Node) => Math.max(ROW, nodeSize(String(n.data.kind), ctx.folded(n)).h + 6);
  const runs: Node[][] = [];
  for (const n of m) {
    const last = runs[runs.length - 1];
    const p = ctx.projectOf(n);
    if (last && p && ctx.projectOf(last[0]!) === p) last.push(n);
    else if (last && !p && !ctx.projectOf(last[0]!)) last.push(n);
    else runs.push([n]);
  }
  const runH = (r: Node[]) => (ctx.projectOf(r[0]!) ? ctx.gapOf(ctx.projectOf(r[0]!)!) : 0) + r.reduce((s, n) => s + rowOf(n), 0);
  const limit = cols === 1 ? Infinity : Math.max(2 * ROW, Math.ceil(runs.reduce((s, r) => s + runH(r), 0) / cols));
  const at: { col: number; y: number }[] = [];
  let col = 0, y = 0, height = 0;
  for (const r of runs) {
    const p = ctx.projectOf(r[0]!);
    const fits = runH(r) <= limit;
    if (y > 0 && fits && y + runH(r) > limit) { col++; y = 0; }
    if (p) y += ctx.gapOf(p);
    for (const n of r) {
      // A run longer than a column goes on in the next (a project's with room for its title again).
      if (y > (p ? ctx.gapOf(p) : 0) && y + rowOf(n) > limit && (!p || !fits)) { col++; y = p ? ctx.gapOf(p) : 0; }
      at.push({ col, y: y + rowOf(n) / 2 });
      y += rowOf(n);
      height = Math.max(height, y);
    }
  }
  const usedCols = col + 1;
  const h = Math.max(aSize.h, height);
  m.forEach((n, i) => {
    const x = cols === 1 ? startX + memberW / 2 - (maxVeths * VETH_W) / 2 : startX + at[i]!.col * colW + gridCol / 2;
    const y = (cols === 1 ? (h - height) / 2 : 0) + at[i]!.y;
    local.set(n.data.id, { x, y });
    (ctx.vethsOf.get(n.data.id) ?? []).forEach((v, k) => local.set(v, { x: x + ctrW / 2 + VETH_W / 2 + k * VETH_W, y }));
  });
  if (a) {
    local.set(a.data.id, { x: bridgeW + aSize.w / 2, y: h / 2 });
    if (bridge) local.set(bridge, { x: nodeSize('bridge', false).w / 2, y: h / 2 });
  }
  card.local = local;
  card.w = startX + (m.length ? usedCols * colW : 0);
  card.h = h;
}

/**
 * Shelf packing, tallest cards first, with stacking: a card goes under another in a shelf
 * where the shelf's height leaves room for it (first fit, top shelf first), else beside the
 * last one in the first shelf with room in width, else on a new shelf. Small cards (an empty
 * network, one container) fill the space under the shorter cards of a row instead of making
 * the picture wider. The row width is the one (of a few dozen tried) that lets the whole be
 * drawn largest in a viewport `aspect` wide per high.
 */
function pack(cards: Card[], aspect: number, between: readonly [string, string][] = [], cardOfNode = new Map<string, Card>()): Map<string, Point> {
  const sorted = [...cards].sort((a, b) => b.h - a.h || (anchorName(a) < anchorName(b) ? -1 : 1));
  const widest = Math.max(...sorted.map((c) => c.w));
  const total = sorted.reduce((s, c) => s + c.w + CARD_GAP, 0);
  let best: ReturnType<typeof shelves> | null = null;
  let bestScale = -1;
  const steps = 32;
  for (let i = 0; i <= steps; i++) {
    const rowWidth = widest + ((total - widest) * i) / steps;
    const tryIt = shelves(sorted, rowWidth);
    const scale = Math.min(aspect / tryIt.w, 1 / tryIt.h);
    if (scale > bestScale * 1.0001) {
      best = tryIt;
      bestScale = scale;
    }
  }
  untangle(best!.placed, between, cardOfNode);
  const out = new Map<string, Point>();
  const ox = best!.w / 2, oy = best!.h / 2;
  for (const { card, x: cx, y: cy } of best!.placed) {
    for (const [id, p] of card.local) out.set(id, { x: Math.round(cx + p.x - ox), y: Math.round(cy + p.y - oy) });
  }
  return out;
}

/** Past this many cards, the packing's order stands (the swaps below are quadratic in a size class). */
const UNTANGLE_MAX = 300;

/**
 * Swaps cards of the same size between their places where that makes the edges between cards
 * shorter in all (a network with the containers it shares with another next to it; the
 * host near the containers that publish ports), a few sweeps of pairwise swaps: shorter edges
 * cross less and are followed more easily. Deterministic (cards in the packing's order).
 */
function untangle(placed: { card: Card; x: number; y: number }[], between: readonly [string, string][], cardOfNode: Map<string, Card>) {
  if (!between.length || placed.length > UNTANGLE_MAX) return;
  // The edges between cards, by card pair: each as the offset between its two ends within
  // their cards, so an edge's length for any two places of its cards is one sum (a swap's cost
  // is a walk over the two cards' edges, with no lookup per node).
  const pairs = new Map<Card, Map<Card, number[]>>();
  const add = (a: Card, b: Card, dx: number, dy: number) => {
    const m = pairs.get(a) ?? new Map<Card, number[]>();
    const l = m.get(b) ?? [];
    l.push(dx, dy);
    m.set(b, l);
    pairs.set(a, m);
  };
  for (const [s, t] of between) {
    const a = cardOfNode.get(s)!, b = cardOfNode.get(t)!;
    const ls = a.local.get(s)!, lt = b.local.get(t)!;
    add(a, b, ls.x - lt.x, ls.y - lt.y);
    add(b, a, lt.x - ls.x, lt.y - ls.y);
  }
  const slot = new Map<Card, { x: number; y: number }>(placed.map((p) => [p.card, { x: p.x, y: p.y }]));
  const costOf = (c: Card) => {
    let sum = 0;
    const p = slot.get(c)!;
    for (const [o, offs] of pairs.get(c) ?? []) {
      const q = slot.get(o);
      if (!q) continue;
      const bx = p.x - q.x, by = p.y - q.y;
      for (let k = 0; k < offs.length; k += 2) sum += Math.hypot(bx + offs[k]!, by + offs[k + 1]!);
    }
    return sum;
  };
  const classes = new Map<string, Card[]>();
  for (const p of placed) {
    const k = `${p.card.w}x${p.card.h}`;
    classes.set(k, [...(classes.get(k) ?? []), p.card]);
  }
  for (let sweep = 0; sweep < 4; sweep++) {
    let better = false;
    for (const group of classes.values()) {
      for (let i = 0; i < group.length; i++) {
        for (let j = i + 1; j < group.length; j++) {
          const a = group[i]!, b = group[j]!;
          if (!pairs.has(a) && !pairs.has(b)) continue;
          // (Edges between a and b are counted from both sides, before and after alike.)
          const before = costOf(a) + costOf(b);
          const sa = slot.get(a)!, sb = slot.get(b)!;
          slot.set(a, sb); slot.set(b, sa);
          if (costOf(a) + costOf(b) < before - 0.5) better = true;
          else { slot.set(a, sa); slot.set(b, sb); }
        }
      }
    }
    if (!better) break;
  }
  for (const p of placed) { const q = slot.get(p.card)!; p.x = q.x; p.y = q.y; }
}

interface Column { x: number; w: number; used: number }
interface Shelf { y: number; h: number; cols: Column[] }

function shelves(sorted: Card[], rowWidth: number) {
  const rows: Shelf[] = [];
  const placed: { card: Card; x: number; y: number }[] = [];
  const right = (s: Shelf) => { const c = s.cols[s.cols.length - 1]!; return c.x + c.w; };
  const put = (card: Card, x: number, y: number) => placed.push({ card, x, y });
  for (const c of sorted) {
    let done = false;
    // Under a card already placed, where its shelf is tall enough.
    for (const s of rows) {
      for (let k = 0; k < s.cols.length && !done; k++) {
        const col = s.cols[k]!;
        const last = k === s.cols.length - 1;
        if (col.used + CARD_GAP + c.h > s.h) continue;
        if (c.w > col.w && !(last && col.x + c.w <= rowWidth)) continue;
        put(c, col.x, s.y + col.used + CARD_GAP);
        col.used += CARD_GAP + c.h;
        col.w = Math.max(col.w, c.w);
        done = true;
      }
      if (done) break;
    }
    // Beside the last card of a shelf with room in width.
    for (let k = 0; k < rows.length && !done; k++) {
      const s = rows[k]!;
      const x = right(s) + CARD_GAP;
      if (x + c.w > rowWidth) continue;
      s.cols.push({ x, w: c.w, used: c.h });
      put(c, x, s.y);
      done = true;
    }
    if (!done) {
      const prev = rows[rows.length - 1];
      const y = prev ? prev.y + prev.h + CARD_GAP : 0;
      rows.push({ y, h: c.h, cols: [{ x: 0, w: c.w, used: c.h }] });
      put(c, 0, y);
    }
  }
  const w = Math.max(1, ...rows.map(right));
  const last = rows[rows.length - 1];
  return { placed, w, h: Math.max(1, last ? last.y + last.h : 1) };
}

const anchorName = (c: Card) => String(c.anchor?.data.name ?? c.anchor?.data.id ?? '~');
