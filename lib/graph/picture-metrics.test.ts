import { describe, expect, it } from 'vitest';
import type { Box } from './label-place';
import { measurePicture, type PictureEdge, type PictureNode } from './picture-metrics';

const box = (x1: number, y1: number, x2: number, y2: number): Box => ({ x1, y1, x2, y2 });
const node = (id: string, body: Box, label: Box | null = null, compound = false): PictureNode => ({ id, body, label, compound });
const edge = (id: string, source: string, target: string, a: [number, number], b: [number, number], label: Box | null = null): PictureEdge =>
  ({ id, source, target, a: { x: a[0], y: a[1] }, m: { x: (a[0] + b[0]) / 2, y: (a[1] + b[1]) / 2 }, b: { x: b[0], y: b[1] }, label });

describe('measurePicture', () => {
  it('finds nothing wrong in a clean picture', () => {
    const p = measurePicture([
      node('n1', box(0, 0, 100, 40), box(10, 10, 90, 30)),
      node('n2', box(300, 0, 400, 40), box(310, 10, 390, 30)),
    ], [edge('e', 'n1', 'n2', [100, 20], [300, 20], box(180, 12, 220, 28))], { w: 400, h: 100 });
    expect(p).toMatchObject({ labelOverflow: 0, labelOverNode: 0, labelOverLabel: 0, crossings: 0, edgeLabels: 1 });
    expect(p.used).toEqual({ x: 1, y: 0.4 });
  });

  it('counts a label out of its node, over another node, over another label', () => {
    const p = measurePicture([
      node('long', box(0, 0, 100, 40), box(-20, 10, 120, 30)),
      node('n2', box(110, 0, 200, 40), box(115, 10, 190, 30)),
    ], [edge('e', 'long', 'n2', [0, 100], [200, 100], box(150, 20, 190, 35))], { w: 200, h: 200 });
    expect(p.labelOverflow).toBe(1);
    expect(p.examples.overflow).toEqual(['long']);
    // long's label over n2; the edge's label over n2 is over its own end, not counted.
    expect(p.labelOverNode).toBe(1);
    expect(p.examples.overNode).toEqual(['long over n2']);
    // The edge's label over n2's label, and long's over n2's.
    expect(p.labelOverLabel).toBe(2);
  });

  it("leaves groups' titles out of overflow, and groups' boxes out of 'over a node'", () => {
    const p = measurePicture([
      node('g', box(0, 0, 300, 300), box(50, -20, 250, -4), true),
      node('c', box(20, 20, 120, 60), box(30, 30, 110, 50)),
    ], [], { w: 300, h: 300 });
    expect(p).toMatchObject({ labelOverflow: 0, labelOverNode: 0, labelOverLabel: 0 });
  });

  it('counts crossings between edges that share no node', () => {
    const nodes = ['a', 'b', 'c', 'd'].map((id) => node(id, box(0, 0, 1, 1)));
    const p = measurePicture(nodes, [
      edge('ab', 'a', 'b', [0, 0], [100, 100]),
      edge('cd', 'c', 'd', [0, 80], [100, 0]),
      edge('ad', 'a', 'd', [0, 0], [100, 0]),
    ], { w: 100, h: 100 });
    expect(p.crossings).toBe(1);
  });

  it('measures the share of the area used, clipped to it', () => {
    const p = measurePicture([node('a', box(-50, 10, 60, 20)), node('b', box(40, 70, 80, 90))], [], { w: 100, h: 100 });
    expect(p.used).toEqual({ x: 0.8, y: 0.8 });
  });
});
