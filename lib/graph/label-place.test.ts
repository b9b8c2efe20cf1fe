import { describe, expect, it } from 'vitest';
import { labelEnd, overlaps, placeLabels, type Box, type LabelEdge } from './label-place';

const box = (x: number, y: number, w: number, h: number): Box => ({ x1: x - w / 2, y1: y - h / 2, x2: x + w / 2, y2: y + h / 2 });
const edge = (id: string, s: { x: number; y: number }, t: { x: number; y: number }, near: LabelEdge['near'] = 'middle', w = 60): LabelEdge =>
  ({ id, s, t, mid: { x: (s.x + t.x) / 2, y: (s.y + t.y) / 2 }, w, h: 16, near });
const labelBox = (e: LabelEdge, spot: { dx: number; dy: number }) => box(e.mid.x + spot.dx, e.mid.y + spot.dy, e.w, e.h);

describe('placeLabels', () => {
  it('puts a label in the middle of a free edge', () => {
    const e = edge('a', { x: 0, y: 0 }, { x: 300, y: 0 });
    expect(placeLabels([e], []).get('a')).toEqual({ dx: 0, dy: 0 });
  });

  it('moves a label along its edge off a node in the middle', () => {
    const e = edge('a', { x: 0, y: 0 }, { x: 400, y: 0 });
    const node = box(200, 0, 100, 40);
    const spot = placeLabels([e], [node]).get('a')!;
    expect(spot).not.toBeNull();
    expect(spot.dy).toBe(0);
    expect(overlaps(labelBox(e, spot), node)).toBe(false);
  });

  it('puts an address near its network end, clear of the network', () => {
    const network = box(0, 0, 220, 72);
    const e = edge('ep', { x: 300, y: 60 }, { x: 110, y: 0 }, 'target', 70);
    const spot = placeLabels([e], [network]).get('ep')!;
    const b = labelBox(e, spot);
    expect(overlaps(b, network)).toBe(false);
    // Nearer the network than the container.
    expect(e.mid.x + spot.dx).toBeLessThan(e.mid.x);
  });

  it('never lets two labels lie over each other: the second moves, or is tucked', () => {
    // Two edges crossing at the same middle.
    const a = edge('a', { x: 0, y: 0 }, { x: 200, y: 200 });
    const b = edge('b', { x: 0, y: 200 }, { x: 200, y: 0 });
    const spots = placeLabels([a, b], []);
    const la = labelBox(a, spots.get('a')!), lb = labelBox(b, spots.get('b')!);
    expect(overlaps(la, lb)).toBe(false);
    // An edge with no room at all is tucked away.
    const c = edge('c', { x: 0, y: 0 }, { x: 30, y: 0 });
    expect(placeLabels([c], [box(15, 0, 100, 100)]).get('c')).toBeNull();
  });

  it('places many fanned edges without any overlap, in any order given', () => {
    const network = box(0, 0, 220, 72);
    const members = Array.from({ length: 8 }, (_, i) => box(110 + 160 + 112, -175 + i * 50, 224, 44));
    const fan = members.map((m, i) => edge(`e${i}`, { x: m.x1, y: (m.y1 + m.y2) / 2 }, { x: 110, y: 0 }, 'target', 80));
    for (const order of [fan, [...fan].reverse()]) {
      const spots = placeLabels(order, [network, ...members]);
      const boxes = fan.map((e) => spots.get(e.id)).map((s, i) => (s ? labelBox(fan[i]!, s) : null)).filter((b): b is Box => !!b);
      expect(boxes.length).toBeGreaterThanOrEqual(6);
      for (const b of boxes) for (const o of [network, ...members]) expect(overlaps(b, o)).toBe(false);
      for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!)).toBe(false);
    }
  });

  it('says which end a label is about', () => {
    expect(labelEnd('endpoint')).toBe('target');
    expect(labelEnd('link')).toBe('middle');
  });
});
