/**
 * What the page keeps in the browser, by name: read by the page's hooks and components, by the
 * server (the aspect cookie) and by the first view's inline script (components/graph/preview-svg).
 */

/** localStorage: node positions per engine (components/graph/positions-store). */
export const POSITIONS_KEY = 'switchyard:positions:';
/** localStorage: the user's own folds per engine (lib/hooks/use-folds). */
export const FOLDS_KEY = 'switchyard:folds:';
/** Cookie: the graph's width / height, so the server packs the first view to it (lib/first-view/server). */
export const ASPECT_COOKIE = 'switchyard-graph-aspect';
/** The aspects kept (a graph narrower or wider than this is an odd window, not a shape to pack to). */
export const isKeptAspect = (a: number) => Number.isFinite(a) && a >= 0.5 && a <= 3;
