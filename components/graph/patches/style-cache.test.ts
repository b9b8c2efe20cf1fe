import cytoscape, { type Core, type StylesheetJson } from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { patchStyleCache } from './style-cache';

// A compound graph like a compose project's: a parent, children, edges to a network node.
const style = [
  { selector: 'node', style: { label: 'data(id)', width: 30, height: 20 } },
  { selector: 'edge', style: { width: 1.5, 'curve-style': 'straight' } },
  { selector: '.gone', style: { display: 'none' } },
  { selector: '.faint', style: { visibility: 'hidden' } },
] as StylesheetJson;
/** What Cytoscape has and its typings leave out: the parsed style, and whether an element takes events. */
type Untyped = { pstyle(name: string): unknown; interactive(): boolean; visible(): boolean; id(): string };
const each = (cy: Core) => cy.elements().map((e) => e as unknown as Untyped);
function graph(): Core {
  const cy = cytoscape({ headless: true, styleEnabled: true, style });
  cy.add([
    { group: 'nodes', data: { id: 'net' } },
    { group: 'nodes', data: { id: 'proj' } },
    { group: 'nodes', data: { id: 'a', parent: 'proj' } },
    { group: 'nodes', data: { id: 'b', parent: 'proj' } },
    { group: 'edges', data: { id: 'a-net', source: 'a', target: 'net' } },
    { group: 'edges', data: { id: 'b-net', source: 'b', target: 'net' } },
  ]);
  return cy;
}
/** How often Cytoscape empties a family's derived-state cache while `fn` runs. */
function countDirty(cy: Core, fn: () => void): number {
  const proto = Object.getPrototypeOf(cy.collection()) as { dirtyStyleCache: (this: unknown) => unknown };
  const orig = proto.dirtyStyleCache;
  let n = 0;
  proto.dirtyStyleCache = function (this: unknown) { n++; return orig.call(this); };
  try { fn(); } finally { proto.dirtyStyleCache = orig; }
  return n;
}
/** Each element's derived states, read as the renderer does: its style brought up to date, then read. */
const states = (cy: Core) => {
  each(cy).forEach((e) => { e.pstyle('display'); });
  return each(cy).map((e) => `${e.id()}:${e.visible() ? 'v' : '-'}${e.interactive() ? 'i' : '-'}`).join(' ');
};
/** The same, read at once, with no style brought up to date (whatever the cache holds). */
const rawStates = (cy: Core) => each(cy).map((e) => `${e.id()}:${e.visible() ? 'v' : '-'}${e.interactive() ? 'i' : '-'}`).join(' ');
const addMember = (cy: Core, id: string) => cy.add([{ group: 'nodes', data: { id, parent: 'proj' } }, { group: 'edges', data: { id: `${id}-net`, source: id, target: 'net' } }]);
/** Styles every element now (as a pass does before its frame). */
const styleAll = (cy: Core) => each(cy).forEach((e) => { e.pstyle('width'); });

/** Hides and shows a parent, a network, a new member: the states after each step, read both ways. */
function scenario(): string[] {
  const cy = graph();
  const seen = [rawStates(cy), states(cy)];
  const step = (fn: () => void) => { fn(); seen.push(rawStates(cy), states(cy)); };
  step(() => cy.getElementById('proj').addClass('gone'));
  step(() => cy.getElementById('proj').removeClass('gone'));
  step(() => cy.getElementById('net').addClass('faint'));
  step(() => cy.getElementById('net').removeClass('faint'));
  step(() => addMember(cy, 'c'));
  step(() => cy.getElementById('c').addClass('gone'));
  step(() => cy.batch(() => { cy.getElementById('proj').addClass('faint'); addMember(cy, 'd'); }));
  step(() => cy.getElementById('d').move({ parent: null }));
  return seen;
}

// One test: the patch changes a prototype shared by every graph, so the unpatched runs come first.
describe('patchStyleCache', () => {
  it('empties a family\'s cache once per element styled, and leaves every derived state as unpatched Cytoscape has it', () => {
    const unpatched = scenario();
    const a = graph();
    const before = countDirty(a, () => { addMember(a, 'c'); styleAll(a); });

    const cy = graph();
    expect(patchStyleCache(cy)).toBe(true);
    expect(patchStyleCache(graph()), 'a second graph: already patched').toBe(true);
    const after = countDirty(cy, () => { addMember(cy, 'c'); styleAll(cy); });
    // A node and an edge, some ten properties each in this small stylesheet (the page's has more).
    expect(before).toBeGreaterThanOrEqual(15);
    // What is left is Cytoscape's other reasons (an element added, moved into a parent).
    expect(after).toBeLessThan(before / 2);

    const patched = scenario();
    expect(patched).toEqual(unpatched);
    // The scenario does hide things: the comparison is not of two empty pictures.
    expect(unpatched[3]).toBe('net:vi proj:-- a:-- b:-- a-net:-- b-net:--');
  });
});
