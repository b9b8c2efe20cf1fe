import { describe, expect, it } from 'vitest';
import { MAX_CHUNK, MIN_CHUNK, nextChunk, PASS_BUDGET_MS } from './passes';

describe('nextChunk', () => {
  it('keeps the size of a pass that took its budget', () => {
    expect(nextChunk(60, PASS_BUDGET_MS)).toBe(60);
  });
  it('shrinks after a slow pass, at most by half', () => {
    expect(nextChunk(60, PASS_BUDGET_MS * 1.4)).toBe(43);
    expect(nextChunk(60, 1000)).toBe(30);
  });
  it('grows after a quick pass, at most twofold, up to the maximum', () => {
    expect(nextChunk(60, PASS_BUDGET_MS / 1.5)).toBe(90);
    expect(nextChunk(60, 1)).toBe(120);
    expect(nextChunk(200, 1)).toBe(MAX_CHUNK);
    expect(nextChunk(60, 0)).toBe(120);
  });
  it('never goes under the minimum', () => {
    expect(nextChunk(MIN_CHUNK, 5000)).toBe(MIN_CHUNK);
  });
});
