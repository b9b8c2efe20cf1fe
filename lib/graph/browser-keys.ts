/**
 * What the page keeps in the browser, by name, declared here only: read by the page's hooks and
 * components, by the server (the aspect cookie) and by the first view's inline script
 * (lib/first-view/bootstrap, which is handed the keys).
 */

/** localStorage prefix: node positions per engine (components/graph/positions-store), `{ id: [x, y] }`. */
const POSITIONS_KEY = 'switchyard:positions:';
/** localStorage prefix: the user's own folds per engine (lib/hooks/use-folds), `{ open: [], closed: [] }`. */
const FOLDS_KEY = 'switchyard:folds:';

/**
 * What the browser keeps an engine's folds and positions under: its ID, and the name the page
 * asked for it by (two engines on one machine may share an ID: Engine 20.10 takes it from
 * /etc/docker/key.json). The current context's page keeps the ID alone.
 */
export function engineKey(engineId: string | null, engine: string | null): string | null {
  return engineId === null ? null : engine ? `${engine}|${engineId}` : engineId;
}

/** The localStorage keys of an engine's positions and folds (its engineKey). */
export function storageKeys(key: string): { positions: string; folds: string } {
  return { positions: POSITIONS_KEY + key, folds: FOLDS_KEY + key };
}
/** Cookie: the graph's width / height, so the server packs the first view to it (lib/first-view/server). */
export const ASPECT_COOKIE = 'switchyard-graph-aspect';
/** The aspects kept (a graph narrower or wider than this is an odd window, not a shape to pack to). */
export const isKeptAspect = (a: number) => Number.isFinite(a) && a >= 0.5 && a <= 3;
