import { describe, expect, it } from 'vitest';
import { BUCKET_MS, FlowHistoryStore, SPAN_MS } from './history';

const T0 = 1_800_000_000_000 - (1_800_000_000_000 % BUCKET_MS);

describe('FlowHistoryStore', () => {
  it('keeps 15 minutes in 10 s buckets: the most connections, the mean rate', () => {
    const h = new FlowHistoryStore();
    h.record('a', T0, 2, 0, 100);
    h.record('a', T0 + 2000, 3, 1, 300);
    h.record('a', T0 + BUCKET_MS, 1, 0, null);
    const p = h.history('a', T0 + BUCKET_MS)!.points;
    expect(p).toHaveLength(SPAN_MS / BUCKET_MS);
    expect(p.at(-2)).toMatchObject({ connections: 3, attempts: 1, bytesPerSecond: 200 });
    expect(p.at(-1)).toMatchObject({ connections: 1, bytesPerSecond: null });
    expect(p[0]).toMatchObject({ connections: 0 });
  });

  it('clears buckets older than 15 minutes when the ring comes round', () => {
    const h = new FlowHistoryStore();
    h.record('a', T0, 5, 0, null);
    h.record('a', T0 + SPAN_MS, 1, 0, null); // the same slot, 15 minutes on
    const p = h.history('a', T0 + SPAN_MS)!.points;
    expect(p.at(-1)!.connections).toBe(1);
    expect(p.reduce((n, x) => n + x.connections, 0)).toBe(1);
  });

  it('is bounded: the longest unseen flow goes first, and 15 minutes unseen is forgotten', () => {
    const h = new FlowHistoryStore(2);
    h.record('a', T0, 1, 0, null);
    h.record('b', T0 + 1, 1, 0, null);
    h.record('a', T0 + 2, 1, 0, null);
    h.record('c', T0 + 3, 1, 0, null);
    expect(h.history('b', T0)).toBeNull();
    expect(h.size).toBe(2);
    h.prune(T0 + SPAN_MS + BUCKET_MS);
    expect(h.size).toBe(0);
  });
});
