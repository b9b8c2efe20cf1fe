import { describe, expect, it } from 'vitest';
import { FULL_READS_AT_ONCE, inFullReadSlot } from './work-queue';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('full-read slots', () => {
  it('run at most FULL_READS_AT_ONCE reads at once, and a read that takes long gives its slot up', async () => {
    let running = 0;
    let most = 0;
    const read = (ms: number) => inFullReadSlot(async () => {
      most = Math.max(most, ++running);
      await sleep(ms);
      running--;
      return ms;
    });
    const t0 = Date.now();
    expect(await Promise.all(Array.from({ length: 12 }, () => read(50)))).toHaveLength(12);
    expect(most).toBe(FULL_READS_AT_ONCE);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(3 * 50 - 5);
    // Slow reads (5 s) hold their slots 2 s at most: a quick one behind them is not held 5 s.
    most = 0;
    const slow = Array.from({ length: FULL_READS_AT_ONCE }, () => read(5_000));
    const t1 = Date.now();
    await read(10);
    expect(Date.now() - t1).toBeLessThan(3_000);
    expect(Date.now() - t1).toBeGreaterThanOrEqual(1_900);
    await Promise.all(slow);
  }, 15_000);
});
