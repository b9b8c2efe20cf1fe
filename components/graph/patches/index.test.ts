import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { canvasRendererClass, CHECKED_AGAINST, PATCHES } from './index';

/*
 * Fails when Cytoscape is upgraded: each patch was read against CHECKED_AGAINST. Read every
 * patch (./index names them and what they rely on) against the new version's source, then
 * change the version here and in ./index.
 */
describe('the Cytoscape internals Switchyard patches', () => {
  it('were read against the installed Cytoscape', () => {
    expect((cytoscape as unknown as { version: string }).version).toBe(CHECKED_AGAINST);
    for (const p of PATCHES) expect(p.checkedAgainst, p.name).toBe(CHECKED_AGAINST);
  });

  it('are there: the stylesheet functions the style-cache patch wraps', () => {
    const cy = cytoscape({ headless: true, styleEnabled: true });
    const proto = Object.getPrototypeOf(cy.style()) as Record<string, unknown>;
    for (const f of ['checkTriggers', 'applyContextStyle', 'checkZOrderTrigger', 'checkBoundsTrigger', 'checkConnectedEdgesBoundsTrigger', 'checkParallelEdgesBoundsTrigger']) {
      expect(typeof proto[f], f).toBe('function');
    }
    expect(typeof (Object.getPrototypeOf(cy.collection()) as Record<string, unknown>).dirtyStyleCache).toBe('function');
    cy.destroy();
  });

  it('are there: the canvas renderer functions the hit-test patch replaces, on its prototype', () => {
    const R = canvasRendererClass();
    expect(R).toBeDefined();
    expect(typeof R!.prototype.findNearestElements).toBe('function');
    expect(typeof R!.prototype.getCachedZSortedEles).toBe('function');
    // The patch sets these on the instance: the prototype must not define them as own fields of instances.
    expect(Object.prototype.hasOwnProperty.call(R!.prototype, 'switchyardUnpatchedFind')).toBe(false);
  });

  it('are there: the canvas renderer reads textureOnViewport while drawing', () => {
    const R = canvasRendererClass()!;
    const drawing = Object.values(R.prototype).filter((f): f is (...a: unknown[]) => unknown => typeof f === 'function').map((f) => f.toString()).join('\n');
    expect(drawing).toMatch(/\.textureOnViewport\b/);
  });
});
