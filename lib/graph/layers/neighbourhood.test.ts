import { readFileSync } from 'node:fs';
import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import type { EngineSnapshot } from '@/lib/docker/engine-types';
import { toElements } from '@/lib/graph/elements';
import { DEFAULT_VIEW } from '@/lib/graph/view-state';
import type { HostLinks } from '@/lib/host/links';
import { buildTopology } from '@/lib/topology/build';
import { drawnGraph, idsLayer } from './layer';
import { neighbourhoodLayer } from './neighbourhood';

// Recorded from Engine 20.10.24 / API 1.41 running scripts/lab.sh.
const fixture = JSON.parse(readFileSync(new URL('../../topology/fixtures/engine-20.10.24-api-1.41.json', import.meta.url), 'utf8')) as { snapshot: EngineSnapshot; hostLinks: HostLinks };
const topo = buildTopology(fixture.snapshot, { links: fixture.hostLinks });

describe('the neighbourhood layer', () => {
  for (const hostIfaces of [false, true]) {
    it(`marks what Cytoscape counts as the neighbourhood, for every element${hostIfaces ? ' (with veth pairs)' : ''}`, () => {
      const els = toElements(topo, { ...DEFAULT_VIEW, hostIfaces });
      const cy = cytoscape({ headless: true, elements: els.map((e) => ({ group: e.group, data: { ...e.data }, classes: e.classes.join(' ') })) });
      const graph = drawnGraph(els);
      for (const e of els) {
        const el = cy.getElementById(e.data.id);
        const around = el.isNode() ? el.closedNeighborhood() : (el as unknown as cytoscape.EdgeSingular).connectedNodes();
        const want = around.not(el).map((x) => x.id()).sort();
        const got = [...neighbourhoodLayer.mark(e.data.id, graph).marks.keys()].sort();
        expect(got, e.data.id).toEqual(want);
      }
      cy.destroy();
    });
  }

  it('marks nothing without a selection, or for an element not drawn', () => {
    const graph = drawnGraph(toElements(topo, DEFAULT_VIEW));
    expect(neighbourhoodLayer.mark(null, graph).marks.size).toBe(0);
    expect(neighbourhoodLayer.mark('ctr:not-there', graph).marks.size).toBe(0);
  });
});

describe('layers of ids', () => {
  it('give their one class to the ids they are handed', () => {
    const l = idsLayer('path', 'path');
    const m = l.mark(['a', 'b'], drawnGraph([]));
    expect(m).toEqual({ layer: 'path', classes: ['path'], marks: new Map([['a', ['path']], ['b', ['path']]]) });
  });
});
