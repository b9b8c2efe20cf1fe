/**
 * Small SVG icons drawn inside nodes (as background images), so a network, a container, the
 * host and a compose project can be told apart at a glance, and a container's state by its
 * icon's colour. Data URIs: nothing to fetch, and both renderers draw them.
 */
const svg = (body: string, color: string) =>
  `data:image/svg+xml;utf8,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="${color}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`)}`;

/** The icons' drawings (24x24, stroked): also drawn inline by the server-drawn first view. */
export const ICON_BODIES = {
  /** A box: a container. */
  container: '<path d="M21 8 12 3 3 8v8l9 5 9-5z"/><path d="m3 8 9 5 9-5M12 13v8"/>',
  /** A hub with three spokes: a network. */
  network: '<circle cx="12" cy="12" r="3"/><circle cx="4" cy="5" r="2"/><circle cx="20" cy="5" r="2"/><circle cx="12" cy="21" r="2"/><path d="m5.5 6.4 4.3 3.8M18.5 6.4l-4.3 3.8M12 15v4"/>',
  /** A server: the host. */
  host: '<rect x="3" y="4" width="18" height="7" rx="1.5"/><rect x="3" y="13" width="18" height="7" rx="1.5"/><path d="M7 7.5h.01M7 16.5h.01"/>',
  /** Stacked layers: a compose project. */
  project: '<path d="m12 3 9 5-9 5-9-5z"/><path d="m3 13 9 5 9-5"/>',
} as const;

export const containerIcon = (color: string) => svg(ICON_BODIES.container, color);
export const networkIcon = (color: string) => svg(ICON_BODIES.network, color);
export const hostIcon = (color: string) => svg(ICON_BODIES.host, color);
export const projectIcon = (color: string) => svg(ICON_BODIES.project, color);
