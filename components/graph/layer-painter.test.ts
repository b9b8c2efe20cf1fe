import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import type { GraphElement } from '@/lib/graph/elements';
import { drawnGraph, idsLayer, type LayerMarks } from '@/lib/graph/layers/layer';
import { LayerPainter } from './layer-painter';
import { reconcile } from './reconcile';

const node = (id: string, classes: string[] = []): GraphElement => ({ group: 'nodes', data: { id, kind: 'container', ref: id, label: id }, classes });
const edge = (id: string, source: string, target: string): GraphElement => ({ group: 'edges', data: { id, kind: 'endpoint', ref: id, label: '', source, target }, classes: [] });
const path = idsLayer('path', 'path');
const pending = idsLayer('pending', 'pending');
const marks = (layer: typeof path, ids: string[]): LayerMarks => layer.mark(ids, drawnGraph([]));
const classesOf = (cy: cytoscape.Core) => Object.fromEntries(cy.elements().map((e) => [e.id(), e.classes().slice().sort().join(' ')]));

describe('the layer painter', () => {
  it('paints exactly the marks, changes only what differs, and takes a layer off', () => {
    const cy = cytoscape({ headless: true });
    const painter = new LayerPainter();
    reconcile(cy, [node('a', ['own']), node('b'), node('c'), edge('ab', 'a', 'b')]);
    const p1 = marks(path, ['a', 'ab']);
    painter.show(cy, [p1, marks(pending, ['c'])]);
    expect(classesOf(cy)).toEqual({ a: 'own path', b: '', c: 'pending', ab: 'path' });
    // Only what differs is touched: a loses the path, b gains it; ab keeps it, and c's pending
    // marks (new, with the same content) leave it as it is.
    const added: string[] = [];
    cy.on('class', (e) => { added.push(e.target.id()); });
    painter.show(cy, [marks(path, ['b', 'ab']), marks(pending, ['c'])]);
    expect(classesOf(cy)).toEqual({ a: 'own', b: 'path', c: 'pending', ab: 'path' });
    expect(added.sort()).toEqual(['a', 'b']);
    painter.show(cy, [marks(pending, [])]);
    expect(classesOf(cy)).toEqual({ a: 'own', b: '', c: '', ab: '' });
    cy.destroy();
  });

  it('keeps its classes through reconcile\'s data updates, and paints what a pass adds', () => {
    const cy = cytoscape({ headless: true });
    const painter = new LayerPainter();
    const first = [node('a', ['own']), node('b')];
    painter.show(cy, [marks(path, ['a', 'b', 'c'])]);
    const r1 = reconcile(cy, first, Infinity, false, undefined, painter.keep());
    painter.added(cy, r1.addedEles);
    expect(classesOf(cy)).toEqual({ a: 'own path', b: 'path' });
    // a's own classes change; its layer class stays. c arrives and is painted.
    const r2 = reconcile(cy, [node('a', ['other']), node('b'), node('c')], Infinity, false, undefined, painter.keep());
    painter.added(cy, r2.addedEles);
    expect(classesOf(cy)).toEqual({ a: 'other path', b: 'path', c: 'path' });
    // Without the kept classes, the update would take them off (what the keep set is for).
    reconcile(cy, [node('a', ['own']), node('b'), node('c')]);
    expect(cy.getElementById('a').hasClass('path')).toBe(false);
    cy.destroy();
  });

  it('paints an element removed and added again (a fold and an unfold)', () => {
    const cy = cytoscape({ headless: true });
    const painter = new LayerPainter();
    painter.show(cy, [marks(path, ['b'])]);
    painter.added(cy, reconcile(cy, [node('a'), node('b')], Infinity, false, undefined, painter.keep()).addedEles);
    reconcile(cy, [node('a')], Infinity, false, undefined, painter.keep());
    painter.added(cy, reconcile(cy, [node('a'), node('b')], Infinity, false, undefined, painter.keep()).addedEles);
    expect(cy.getElementById('b').hasClass('path')).toBe(true);
    cy.destroy();
  });
});
