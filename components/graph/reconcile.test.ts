import { readFileSync } from 'node:fs';
import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import type { EngineSnapshot } from '@/lib/docker/engine-types';
import { toElements, type GraphElement } from '@/lib/graph/elements';
import { ids } from '@/lib/graph/ids';
import { regroup } from '@/lib/graph/grouping';
import { DEFAULT_VIEW } from '@/lib/graph/view-state';
import type { HostLinks } from '@/lib/host/links';
import { buildTopology } from '@/lib/topology/build';
import { reconcile } from './reconcile';

// Recorded from Engine 20.10.24 / API 1.41 running scripts/lab.sh.
const fixture = JSON.parse(readFileSync(new URL('../../lib/topology/fixtures/engine-20.10.24-api-1.41.json', import.meta.url), 'utf8')) as { snapshot: EngineSnapshot; hostLinks: HostLinks };
const topo = buildTopology(fixture.snapshot, { links: fixture.hostLinks });
const all = toElements(topo, DEFAULT_VIEW);

const drawn = (cy: cytoscape.Core) => cy.elements().map((e) => e.id()).sort();
const idsOf = (els: readonly GraphElement[]) => els.map((e) => e.data.id).sort();
const leaves = (els: readonly GraphElement[]) => {
  const parents = new Set(els.map((e) => e.data.parent).filter(Boolean));
  return new Set(els.filter((e) => e.group === 'nodes' && !parents.has(e.data.id)).map((e) => e.data.id));
};

/** Calls reconcile until nothing is left to add; answers the number of calls. */
function untilDone(cy: cytoscape.Core, els: readonly GraphElement[], max: number, check?: (added: string[]) => void) {
  let calls = 0, more = true, prev: readonly GraphElement[] | null = null;
  while (more) {
    const r = reconcile(cy, els, max, prev === els);
    prev = els;
    check?.(r.added);
    more = r.more;
    if (++calls > 1000) throw new Error('reconcile never finished');
  }
  return calls;
}

describe('reconcile in passes', () => {
  it('the lab has compound parents and edges, so the passes have something to order', () => {
    expect(all.some((e) => e.data.parent)).toBe(true);
    expect(all.filter((e) => e.group === 'edges').length).toBeGreaterThan(10);
  });

  it('adds at most the bound of leaf nodes per pass, and ends with exactly the element list', () => {
    const cy = cytoscape({ headless: true });
    const leafIds = leaves(all);
    const calls = untilDone(cy, all, 4, (added) => {
      expect(added.filter((id) => leafIds.has(id)).length).toBeLessThanOrEqual(4);
      // No edge is drawn without both of its ends (Cytoscape would refuse it, too).
      cy.edges().forEach((e) => {
        expect(e.source().nonempty() && e.target().nonempty()).toBe(true);
      });
    });
    expect(calls).toBeGreaterThanOrEqual(Math.ceil(leafIds.size / 4));
    expect(drawn(cy)).toEqual(idsOf(all));
  });

  it('draws the same elements, data and classes as one pass does', () => {
    const one = cytoscape({ headless: true });
    reconcile(one, all);
    const many = cytoscape({ headless: true });
    untilDone(many, all, 3);
    const state = (cy: cytoscape.Core) => cy.elements().map((e) => ({ id: e.id(), data: e.data(), classes: e.classes().sort() })).sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(state(many)).toEqual(state(one));
  });

  it('a new list while passes are under way: what it drops goes, what it adds comes, what it changes is updated', () => {
    const cy = cytoscape({ headless: true });
    const first = reconcile(cy, all, 5);
    expect(first.more).toBe(true);
    const redis = topo.networks.find((n) => n.name === 'redis')!;
    const folded = toElements(topo, DEFAULT_VIEW, new Set([ids.network(redis.id)]));
    untilDone(cy, folded, 5);
    expect(drawn(cy)).toEqual(idsOf(folded));
    expect(cy.getElementById(ids.network(redis.id)).hasClass('collapsed')).toBe(true);
  });

  it('addOnly adds what is missing and leaves what is drawn as it is', () => {
    const cy = cytoscape({ headless: true });
    reconcile(cy, all);
    const some = cy.nodes().first();
    some.data('label', 'kept');
    const victim = cy.nodes('[kind = "container"]').last().id();
    cy.getElementById(victim).remove();
    const r = reconcile(cy, all, Infinity, true);
    expect(r.added).toContain(victim);
    expect(some.data('label')).toBe('kept');
    reconcile(cy, all);
    expect(some.data('label')).not.toBe('kept');
  });
});

describe('reconcile when the grouping changes', () => {
  // Recorded from Engine 20.10.24 / API 1.41 on a one-node swarm (lib/topology/fixtures).
  const swarmFixture = JSON.parse(readFileSync(new URL('../../lib/topology/fixtures/swarm-engine-20.10.json', import.meta.url), 'utf8')) as { snapshot: EngineSnapshot };
  const t = buildTopology(swarmFixture.snapshot, { links: null });

  it('moves containers that stay into groups that are new, and back out', () => {
    const cy = cytoscape({ headless: true, styleEnabled: false });
    const parentOf = (id: string) => cy.getElementById(id).parent().map((p) => p.id())[0] ?? null;
    const tasks = t.containers.filter((c) => c.labels['com.docker.swarm.service.name'] === 'sy-svc');
    reconcile(cy, toElements(t, DEFAULT_VIEW));
    for (const c of tasks) expect(parentOf(ids.container(c.id))).toBeNull();
    reconcile(cy, toElements(regroup(t, 'service', null), DEFAULT_VIEW));
    for (const c of tasks) expect(parentOf(ids.container(c.id))).toBe(ids.project('service: sy-svc'));
    reconcile(cy, toElements(regroup(t, 'node', null), DEFAULT_VIEW));
    const node = `node: ${t.swarm!.nodes[0]!.hostname}`;
    for (const c of t.containers) expect(parentOf(ids.container(c.id))).toBe(ids.project(node));
    expect(cy.getElementById(ids.project('service: sy-svc')).empty()).toBe(true);
    reconcile(cy, toElements(t, DEFAULT_VIEW));
    for (const c of t.containers) expect(parentOf(ids.container(c.id))).toBeNull();
    cy.destroy();
  });

  it('with groupOf, a bounded pass takes its nodes group by group, and still ends with the whole list', () => {
    const cy = cytoscape({ headless: true });
    // Each container's group: its first network in the element list (as a card of the clusters layout).
    const groupOf = new Map<string, string>();
    for (const e of all) if (e.group === 'edges' && e.data.kind === 'endpoint' && !groupOf.has(e.data.source!)) groupOf.set(e.data.source!, e.data.target!);
    const groups = new Set(groupOf.values());
    expect(groups.size).toBeGreaterThan(2);
    const order: string[] = [];
    let more = true, prev: readonly GraphElement[] | null = null;
    while (more) {
      const r = reconcile(cy, all, 3, prev === all, (id) => groupOf.get(id));
      prev = all;
      order.push(...r.added.filter((id) => groupOf.has(id)).map((id) => groupOf.get(id)!));
      more = r.more;
    }
    // Once a group is left, none of its nodes come later: the groups came one after another.
    const seen: string[] = [];
    for (const g of order) if (seen.at(-1) !== g) seen.push(g);
    expect(new Set(seen).size).toBe(seen.length);
    expect(drawn(cy)).toEqual(idsOf(all));
    cy.destroy();
  });

  it('with groupOf, an addition that fits in one pass is added in the list\'s order (the order grid and circle place nodes in)', () => {
    const cy = cytoscape({ headless: true });
    const groupOf = new Map<string, string>();
    for (const e of all) if (e.group === 'edges' && e.data.kind === 'endpoint' && !groupOf.has(e.data.source!)) groupOf.set(e.data.source!, e.data.target!);
    // Compound parents come first (a child needs its parent), then the rest as the list has them.
    const parents = new Set(all.map((e) => e.data.parent).filter(Boolean));
    const leaves = all.filter((e) => e.group === 'nodes' && !parents.has(e.data.id)).map((e) => e.data.id);
    const r = reconcile(cy, all, leaves.length, false, (id) => groupOf.get(id));
    expect(r.more).toBe(false);
    expect(cy.nodes().filter((n) => !parents.has(n.id())).map((n) => n.id())).toEqual(leaves);
    // Over the bound, the same list is taken group by group instead: not the list's order.
    const cy2 = cytoscape({ headless: true });
    const first = reconcile(cy2, all, leaves.length - 1, false, (id) => groupOf.get(id));
    expect(first.more).toBe(true);
    expect(cy2.nodes().filter((n) => !parents.has(n.id())).map((n) => n.id())).not.toEqual(leaves.slice(0, leaves.length - 1));
    cy.destroy();
    cy2.destroy();
  });
});
