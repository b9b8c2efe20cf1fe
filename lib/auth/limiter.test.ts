import { describe, expect, it } from 'vitest';
import { Limiter } from './limiter';

describe('the failure limiter', () => {
  it('lets an address fail its share in a window, then says how long to wait; the window moves on', () => {
    const l = new Limiter({ perAddress: 3, overall: 5, windowMs: 60_000 });
    const t = 1_000_000;
    for (let i = 0; i < 3; i++) { expect(l.wait('a', t + i)).toBeNull(); l.fail('a', t + i); }
    expect(l.wait('a', t + 10)).toBe(60);
    expect(l.wait('b', t + 10)).toBeNull();
    expect(l.wait('a', t + 60_001)).toBeNull();
  });

  it('past the overall share, every address waits (changing one\'s address buys nothing)', () => {
    const l = new Limiter({ perAddress: 3, overall: 5, windowMs: 60_000 });
    for (let i = 0; i < 5; i++) l.fail(`addr-${i}`, 1000 + i);
    expect(l.wait('fresh', 2000)).toBeGreaterThan(0);
    expect(l.wait('fresh', 61_001)).toBeNull();
  });
});
