/**
 * What the page shows, as plain data that round-trips through the URL, so a view can be
 * shared or reloaded. Pure.
 */

import { GROUPINGS, type Grouping } from './grouping';

/** The Traffic layer's reading intervals the page offers, in seconds. */
export const TRAFFIC_EVERY: readonly number[] = [1, 2, 5, 10, 30, 60];

export const LAYOUTS = ['clusters', 'fcose', 'concentric', 'breadthfirst', 'grid', 'circle'] as const;
export type LayoutName = (typeof LAYOUTS)[number];

export interface ViewState {
  /** The engine shown (a docker context's name, or one from SWITCHYARD_ENGINES); null: the current context. */
  engine: string | null;
  /** Search text: names, IPs, aliases, DNS names, subnets. */
  q: string;
  /** Only this network (by name) and its members. */
  network: string | null;
  /** Only this compose project. */
  project: string | null;
  hideStopped: boolean;
  hideBuiltin: boolean;
  /** Show bridges and veth pairs. */
  hostIfaces: boolean;
  /** The Traffic layer: live flows between containers, the host and outside peers. */
  traffic: boolean;
  /** How often the Traffic layer is read, in seconds (one of TRAFFIC_EVERY). */
  trafficEvery: number;
  /** The Exposure view: who outside this host reaches each published port, and the layer marking exposed containers. */
  exposure: boolean;
  /** The Drift view: where compose containers differ from their compose files, and the layer marking them. */
  drift: boolean;
  layout: LayoutName;
  /** What containers are grouped by: compose project, or (on a swarm manager) swarm service or node. */
  group: Grouping;
  /** Selected element: "network:<id>", "container:<id>", "endpoint:<netId>:<ctrId>". */
  sel: string | null;
}

export const DEFAULT_VIEW: ViewState = {
  engine: null, q: '', network: null, project: null, hideStopped: false, hideBuiltin: false, hostIfaces: false, traffic: false, trafficEvery: 2, exposure: false, drift: false, layout: 'clusters', group: 'project', sel: null,
};

/** The part of a view that decides which groups the size rule folds (the search and host interfaces do not). */
export const foldFilterKey = (v: Pick<ViewState, 'network' | 'project' | 'hideStopped' | 'hideBuiltin' | 'group'>) =>
  `${v.network}|${v.project}|${v.hideStopped}|${v.hideBuiltin}${v.group === 'project' ? '' : `|${v.group}`}`;

export function parseView(params: URLSearchParams): ViewState {
  const layout = params.get('layout');
  return {
    engine: params.get('engine') || null,
    q: params.get('q') ?? '',
    network: params.get('network') || null,
    project: params.get('project') || null,
    hideStopped: params.get('hideStopped') === '1',
    hideBuiltin: params.get('hideBuiltin') === '1',
    hostIfaces: params.get('host') === '1',
    traffic: params.get('traffic') === '1',
    trafficEvery: TRAFFIC_EVERY.includes(Number(params.get('every'))) ? Number(params.get('every')) : 2,
    exposure: params.get('exposure') === '1',
    drift: params.get('drift') === '1',
    layout: (LAYOUTS as readonly string[]).includes(layout ?? '') ? (layout as LayoutName) : 'clusters',
    group: (GROUPINGS as readonly string[]).includes(params.get('group') ?? '') ? (params.get('group') as Grouping) : 'project',
    sel: params.get('sel') || null,
  };
}

/** Only what differs from the default, in a stable order. */
export function serializeView(v: ViewState): string {
  const p = new URLSearchParams();
  if (v.engine) p.set('engine', v.engine);
  if (v.q) p.set('q', v.q);
  if (v.network) p.set('network', v.network);
  if (v.project) p.set('project', v.project);
  if (v.hideStopped) p.set('hideStopped', '1');
  if (v.hideBuiltin) p.set('hideBuiltin', '1');
  if (v.hostIfaces) p.set('host', '1');
  if (v.traffic) p.set('traffic', '1');
  if (v.trafficEvery !== 2) p.set('every', String(v.trafficEvery));
  if (v.exposure) p.set('exposure', '1');
  if (v.drift) p.set('drift', '1');
  if (v.layout !== 'clusters') p.set('layout', v.layout);
  if (v.group !== 'project') p.set('group', v.group);
  if (v.sel) p.set('sel', v.sel);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/**
 * A node count asked for in the page's URL, as the tuning knobs take them (`?fold=8`,
 * `?overview=200`): a whole number from 1; anything else (missing, empty, 0, 2.5, words) is
 * the fallback.
 */
export function nodesParam(search: string, name: string, fallback: number): number {
  const raw = new URLSearchParams(search).get(name);
  const n = raw === null || raw.trim() === '' ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 1 ? n : fallback;
}

/**
 * Tuning knobs the page's URL may carry, for benchmarks, tests and odd machines: read when the
 * page opens, never written. `?fold=N` (nodes before the first view folds), `?overview=N|off`
 * (nodes from which the zoomed-out overview draws), `?renderer=canvas|webgl`.
 */
export interface PageKnobs {
  fold: number | null;
  overview: number | 'off' | null;
  renderer: 'canvas' | 'webgl' | null;
}

export function parseKnobs(search: string): PageKnobs {
  const p = new URLSearchParams(search);
  const r = p.get('renderer');
  return {
    fold: nodesParam(search, 'fold', 0) || null,
    overview: p.get('overview') === 'off' ? 'off' : nodesParam(search, 'overview', 0) || null,
    renderer: r === 'canvas' || r === 'webgl' ? r : null,
  };
}
