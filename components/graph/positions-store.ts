/**
 * Node positions kept in the browser per engine, so the graph looks the same after a reload.
 * Positions of nodes not drawn at the moment (folded away, filtered out) are kept too, up to
 * a bound, so unfolding puts members back where they were.
 */
import { storageKeys } from '@/lib/graph/browser-keys';

export type Positions = Map<string, { x: number; y: number }>;

const MAX = 30_000;

export function loadPositions(key: string): Positions {
  try {
    const raw = window.localStorage.getItem(storageKeys(key).positions);
    if (!raw) return new Map();
    const obj = JSON.parse(raw) as Record<string, [number, number]>;
    return new Map(Object.entries(obj).filter(([, p]) => Array.isArray(p) && p.every(Number.isFinite)).map(([id, [x, y]]) => [id, { x, y }]));
  } catch {
    return new Map();
  }
}

export function savePositions(key: string, positions: Positions): void {
  const entries = [...positions].slice(-MAX);
  const obj: Record<string, [number, number]> = {};
  for (const [id, p] of entries) obj[id] = [Math.round(p.x), Math.round(p.y)];
  try {
    window.localStorage.setItem(storageKeys(key).positions, JSON.stringify(obj));
  } catch {
    // Storage full or turned off: positions only last for this page.
  }
}
