/**
 * One change to how Cytoscape (3.34) applies a stylesheet to an element, for graphs with compound
 * nodes (compose projects, swarm services).
 *
 * Cytoscape sets an element's style one property at a time, and after each one empties the
 * cache of derived states (visible, interactive...) of the element's whole family: itself, its
 * descendants, its parents and all of their edges, in four new collections. A new element has
 * some hundred properties, so a pass that adds 200 nodes made some 80,000 collections: at
 * 5,000 containers, a fifth of each pass was spent making collections, and the garbage they
 * leave is what made V8 mark for 100 ms and more inside a pass.
 *
 * Nothing reads that cache while one element's properties are being set (they are read
 * through `pstyle`, which does not use it), so emptying it once, when the element's style is
 * applied, leaves the same state. Every other trigger (bounds, z-order, edges) still fires per
 * property, and a property set any other way (a bypass, an animation) is untouched.
 */
import type { Core } from 'cytoscape';

interface Ele { _private: { applyingStyle?: boolean; styleCacheDirty?: boolean }; dirtyStyleCache(): void }
interface StyleProto {
  switchyardPatched?: boolean;
  checkTriggers(ele: Ele, name: string, from: unknown, to: unknown): void;
  applyContextStyle(meta: unknown, style: unknown, ele: Ele): unknown;
  checkZOrderTrigger(ele: Ele, name: string, from: unknown, to: unknown): void;
  checkBoundsTrigger(ele: Ele, name: string, from: unknown, to: unknown): void;
  checkConnectedEdgesBoundsTrigger(ele: Ele, name: string, from: unknown, to: unknown): void;
  checkParallelEdgesBoundsTrigger(ele: Ele, name: string, from: unknown, to: unknown): void;
}

/** Patches the stylesheet code of `cy`'s Cytoscape once; true if it is (now or before) patched. */
export function patchStyleCache(cy: Core): boolean {
  const proto = Object.getPrototypeOf(cy.style()) as StyleProto;
  if (proto.switchyardPatched) return true;
  const { checkTriggers, applyContextStyle } = proto;
  const parts = ['checkZOrderTrigger', 'checkBoundsTrigger', 'checkConnectedEdgesBoundsTrigger', 'checkParallelEdgesBoundsTrigger'] as const;
  // Another version of Cytoscape, shaped otherwise: leave it as it is.
  if (typeof checkTriggers !== 'function' || typeof applyContextStyle !== 'function' || parts.some((p) => typeof proto[p] !== 'function')) return false;
  proto.checkTriggers = function (ele, name, from, to) {
    const p = ele._private;
    if (!p.applyingStyle) {
      checkTriggers.call(this, ele, name, from, to);
      return;
    }
    p.styleCacheDirty = true;
    for (const part of parts) this[part](ele, name, from, to);
  };
  proto.applyContextStyle = function (meta, style, ele) {
    const p = ele._private;
    if (p.applyingStyle) return applyContextStyle.call(this, meta, style, ele);
    p.applyingStyle = true;
    p.styleCacheDirty = false;
    try {
      return applyContextStyle.call(this, meta, style, ele);
    } finally {
      p.applyingStyle = false;
      if (p.styleCacheDirty) {
        p.styleCacheDirty = false;
        ele.dirtyStyleCache();
      }
    }
  };
  proto.switchyardPatched = true;
  return true;
}
