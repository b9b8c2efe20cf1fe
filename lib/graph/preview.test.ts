import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EngineSnapshot } from '@/lib/docker/engine-types';
import type { HostLinks } from '@/lib/host/links';
import { buildTopology } from '@/lib/topology/build';
import { previewHtml } from '@/lib/first-view/svg';
import { toElements } from './elements';
import { visibleTopology } from './filter';
import { autoFold, FOLD_BUDGET } from './fold';
import { clusterLayout } from './layout-clusters';
import { EDGE_FONT } from './geometry';
import { measurePicture, type PictureEdge, type PictureNode } from './picture-metrics';
import { graphPreview, GROUP_LABEL_GAP, GROUP_PADDING } from './preview';
import { textWidth } from './text-fit';
import { DEFAULT_VIEW } from './view-state';

// Recorded from Engine 20.10.24 / API 1.41 running scripts/lab.sh.
const fixture = JSON.parse(readFileSync(new URL('../topology/fixtures/engine-20.10.24-api-1.41.json', import.meta.url), 'utf8')) as { snapshot: EngineSnapshot; hostLinks: HostLinks };
const topo = buildTopology(fixture.snapshot, { links: fixture.hostLinks });

describe('the server-drawn first view', () => {
  it('draws the nodes the page draws, where the clusters layout puts them for that shape', () => {
    const p = graphPreview(topo, 1.6);
    const els = toElements(topo, DEFAULT_VIEW, autoFold(visibleTopology(topo, DEFAULT_VIEW), FOLD_BUDGET));
    const parents = new Set(els.map((e) => e.data.parent).filter(Boolean));
    const leaves = els.filter((e) => e.group === 'nodes' && !parents.has(e.data.id));
    expect(p.nodes.map((n) => n.id).sort()).toEqual(leaves.map((e) => e.data.id).sort());
    const layout = clusterLayout(els, { aspect: 1.6 }).positions;
    for (const n of p.nodes) expect({ x: n.x, y: n.y }).toEqual(layout.get(n.id));
    // Another shape packs the cards differently: the page must use the preview's.
    const tall = graphPreview(topo, 0.7);
    expect(tall.nodes.some((n) => n.x !== layout.get(n.id)!.x || n.y !== layout.get(n.id)!.y)).toBe(true);
    // Every edge drawn joins two drawn things; the lab's compose projects are boxes around their members.
    const drawn = new Set([...p.nodes.map((n) => n.id), ...p.groups.map((g) => g.id)]);
    for (const e of p.edges) expect(drawn.has(e.source) && drawn.has(e.target)).toBe(true);
    expect(p.edges.length).toBe(els.filter((e) => e.group === 'edges').length);
    expect(p.groups.length).toBe(parents.size);
    for (const g of p.groups) {
      for (const id of g.members) {
        const n = p.nodes.find((x) => x.id === id)!;
        expect(n.x - n.w / 2).toBeGreaterThanOrEqual(g.x1 + GROUP_PADDING - 1e-9);
        expect(n.y + n.h / 2).toBeLessThanOrEqual(g.y2 - GROUP_PADDING + 1e-9);
      }
    }
    for (const n of p.nodes) {
      expect(n.x - n.w / 2).toBeGreaterThanOrEqual(p.box.x1);
      expect(n.y + n.h / 2).toBeLessThanOrEqual(p.box.y2);
    }
    expect(p.folded).toBe(0);
    expect(p.containers).toBe(topo.containers.length);
  });

  it('hands the page the very elements and fold set it would compute for that version', () => {
    const p = graphPreview(topo, 1.6);
    const vis = visibleTopology(topo, DEFAULT_VIEW);
    expect(new Set(p.collapsed)).toEqual(autoFold(vis, FOLD_BUDGET));
    expect(p.elements).toEqual(toElements(topo, DEFAULT_VIEW, new Set(p.collapsed)));
    expect(p.epoch).toBe(topo.meta?.epoch ?? null);
    expect(p.version).toBe(topo.meta?.version ?? null);
    // Through JSON (as it reaches the page) nothing changes either.
    expect(JSON.parse(JSON.stringify(p.elements))).toEqual(p.elements);
  });

    it('says what it folded on a host too large to draw whole', () => {
    const many = {
      ...topo,
      containers: Array.from({ length: 300 }, (_, i) => ({ ...topo.containers.find((c) => c.name === 'redis-1')!, id: `c${i}`.padEnd(64, '0'), name: `many-${i}`, composeProject: null, links: [], ports: [] })),
    };
    const redis = topo.networks.find((n) => n.name === 'redis')!;
    many.endpoints = many.containers.map((c) => ({ ...topo.endpoints.find((e) => e.networkId === redis.id)!, containerId: c.id, veth: null, aliases: [] }));
    const p = graphPreview(many, 1.6);
    expect(p.folded).toBeGreaterThan(0);
    expect(p.nodes.length).toBeLessThan(40);
    expect(p.nodes.find((n) => n.id === `net:${redis.id}`)!.lines.join(' ')).toContain('300 containers (folded)');
  });

  it('markup: every node with its label, text escaped, and the script that applies kept positions', () => {
    const p = graphPreview(topo, 1.6);
    const odd = { ...p, nodes: [...p.nodes, { ...p.nodes[0]!, id: 'ctr:x"y', lines: ['<b>&"</b>'] }] };
    const html = previewHtml(odd);
    for (const n of p.nodes) expect(html).toContain(`data-id="${n.id}"`);
    expect(html).toContain('&lt;b&gt;&amp;&quot;&lt;/b&gt;');
    expect(html).not.toContain('<b>');
    expect(html).toContain('data-id="ctr:x&quot;y"');
    // The script that applies kept positions, handed this engine's key (lib/first-view/bootstrap).
    expect(html).toContain(`"positionsKey":"switchyard:positions:${topo.engine.id}"`);
    expect(html).toContain('function placePreview(');
    expect(html).toContain(`data-engine="${topo.engine.id}"`);
  });

  it('draws labels by the same rules as the page: none out of its node, none over a node or another label', () => {
    for (const aspect of [1.6, 0.7, 2.4]) {
      const p = graphPreview(topo, aspect);
      // Label boxes as the SVG draws them: node lines centred (beside the icon), edge labels level at their offsets.
      const nodes: PictureNode[] = p.nodes.map((n) => {
        const dx = n.kind === 'network' || n.kind === 'container' || n.kind === 'project' ? 14 : 0;
        const dy = n.kind === 'host' ? 12 : 0;
        const w = Math.max(...n.lines.map((l) => textWidth(l, n.font, n.kind === 'network' || n.kind === 'host')));
        const h = n.lines.length * n.font * 1.2;
        return { id: n.id, compound: false, body: { x1: n.x - n.w / 2, y1: n.y - n.h / 2, x2: n.x + n.w / 2, y2: n.y + n.h / 2 },
          label: { x1: n.x + dx - w / 2, y1: n.y + dy - h / 2, x2: n.x + dx + w / 2, y2: n.y + dy + h / 2 } };
      });
      for (const g of p.groups) {
        const lines = g.label.split('\n');
        const w = Math.max(...lines.map((l) => textWidth(l, 14)));
        const cx = (g.x1 + g.x2) / 2;
        nodes.push({ id: g.id, compound: true, body: { x1: g.x1, y1: g.y1, x2: g.x2, y2: g.y2 }, label: { x1: cx - w / 2, y1: g.y1 - GROUP_LABEL_GAP - lines.length * 14 * 1.2, x2: cx + w / 2, y2: g.y1 - GROUP_LABEL_GAP } });
      }
      const at = new Map(nodes.map((n) => [n.id, { x: (n.body.x1 + n.body.x2) / 2, y: (n.body.y1 + n.body.y2) / 2 }]));
      const edges: PictureEdge[] = p.edges.map((e) => {
        const a = at.get(e.source)!, b = at.get(e.target)!;
        const m = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
        const w = textWidth(e.label, EDGE_FONT, e.kind === 'aggregate') + 4, h = EDGE_FONT * 1.25;
        const c = e.labelAt ? { x: m.x + e.labelAt.dx, y: m.y + e.labelAt.dy } : null;
        return { id: e.id, source: e.source, target: e.target, a, m: e.curve ?? m, b, label: e.label && c ? { x1: c.x - w / 2, y1: c.y - h / 2, x2: c.x + w / 2, y2: c.y + h / 2 } : null };
      });
      const pic = measurePicture(nodes, edges, { w: 1, h: 1 });
      expect(pic, `aspect ${aspect}: ${JSON.stringify(pic.examples)}`).toMatchObject({ labelOverflow: 0, labelOverNode: 0, labelOverLabel: 0 });
      // Most edge labels found a spot (the rest are tucked, as in the page).
      expect(pic.edgeLabels).toBeGreaterThanOrEqual(p.edges.filter((e) => e.label).length * 0.7);
    }
  });
});
