import cytoscape from 'cytoscape';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { warmRenderedStyles } from './warm';

/** A headless graph of n nodes; every element a slice asks about is counted. */
function graph(n: number) {
  const cy = cytoscape({ headless: true, styleEnabled: true });
  cy.add(Array.from({ length: n }, (_, i) => ({ group: 'nodes' as const, data: { id: `n${i}` } })));
  const asked = new Set<string>();
  const proto = Object.getPrototypeOf(cy.collection()) as { recalculateRenderedStyle: (this: { forEach(f: (e: { id(): string }) => void): void }) => unknown };
  const orig = proto.recalculateRenderedStyle;
  proto.recalculateRenderedStyle = function () { this.forEach((e) => asked.add(e.id())); return orig.call(this); };
  return { cy, asked, restore: () => { proto.recalculateRenderedStyle = orig; } };
}

afterEach(() => { vi.useRealTimers(); });

describe('warmRenderedStyles', () => {
  it('goes over every element, in tasks of its own, none in the caller\'s', async () => {
    const { cy, asked, restore } = graph(2000);
    warmRenderedStyles(cy);
    expect(asked.size).toBe(0);
    await vi.waitFor(() => expect(asked.size).toBe(2000));
    restore();
    cy.destroy();
  });

  it('stops when told to, and on a destroyed graph', async () => {
    const a = graph(2000);
    const stop = warmRenderedStyles(a.cy);
    stop();
    const b = graph(2000);
    warmRenderedStyles(b.cy);
    b.cy.destroy();
    await new Promise((r) => setTimeout(r, 300));
    a.restore();
    b.restore();
    a.cy.destroy();
    expect(a.asked.size).toBe(0);
    expect(b.asked.size).toBe(0);
  });

  it('keeps each slice near its budget: slow elements make more slices, not one long one', () => {
    vi.useFakeTimers();
    const { cy, asked, restore } = graph(640);
    const proto = Object.getPrototypeOf(cy.collection()) as { recalculateRenderedStyle: (this: unknown) => unknown };
    const counted = proto.recalculateRenderedStyle;
    // Each call (64 elements) "takes" 10 ms of the clock the slices read.
    let clock = 0;
    const spy = vi.spyOn(performance, 'now').mockImplementation(() => clock);
    proto.recalculateRenderedStyle = function (this: unknown) { clock += 10; return counted.call(this); };
    warmRenderedStyles(cy);
    const seen: number[] = [];
    for (let k = 0; k < 10 && asked.size < 640; k++) { vi.advanceTimersToNextTimer(); seen.push(asked.size); }
    spy.mockRestore();
    proto.recalculateRenderedStyle = counted;
    restore();
    // The sort first (nothing asked), then slices of 25 ms: a step of 64 elements is two calls
    // here (the boxes ask for the style too), 20 ms, so two steps a slice.
    expect(seen).toEqual([0, 128, 256, 384, 512, 640]);
    cy.destroy();
  });
});
