import { describe, expect, it } from 'vitest';
import { curveMiddle, routeAround } from './edge-route';
import type { Box } from './label-place';

const box = (x: number, y: number, w = 224, h = 44): Box => ({ x1: x - w / 2, y1: y - h / 2, x2: x + w / 2, y2: y + h / 2 });

describe('routeAround', () => {
  it('leaves a clear straight line alone', () => {
    expect(routeAround(box(0, 0), box(0, 100), [box(400, 50)])).toBeNull();
  });

  it('takes a --link down a column round the containers between its ends', () => {
    // tomcat03 above, tomcat01 and tomcat02 between, the linked one below: a column 50 apart.
    const from = box(0, 0), to = box(0, 150);
    const between = [box(0, 50), box(0, 100)];
    const c = routeAround(from, to, between)!;
    expect(c).not.toBeNull();
    // The curve's middle is beside the column, clear of its boxes.
    const m = curveMiddle({ x: 0, y: 0 }, c, { x: 0, y: 150 });
    expect(Math.abs(m.x)).toBeGreaterThan(112);
  });

  it('picks the side with room', () => {
    const from = box(0, 0), to = box(0, 150);
    const right = [box(0, 75), box(300, 75, 224, 300)];
    const c = routeAround(from, to, right)!;
    expect(c.x).toBeLessThan(0);
  });
});
