/**
 * The page's own URL query, read here and nowhere else in the page: by the view state
 * (./use-view-state) and by the engine every request names (./fetcher). Empty on the server.
 */
export function pageSearch(): string {
  return typeof window === 'undefined' ? '' : window.location.search;
}
