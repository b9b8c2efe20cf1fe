/**
 * One topology store per engine, for the whole server process: each with its own client, event
 * stream and counters, so one engine that is down or slow never holds up another. Kept on
 * globalThis: Next.js may load this module more than once (route bundles, instrumentation),
 * and every copy must share the stores.
 *
 * The engines are the catalog's (lib/engines/catalog): a request names one with ?engine=NAME;
 * without it, the docker CLI's current context.
 *
 * What follows a store from the moment it is made (the activity journal, lib/activity/registry)
 * subscribes with onStoreMade: this module knows nothing of it.
 */
import 'server-only';
import { ApiError } from '@/lib/api/errors';
import { EngineConnection } from '@/lib/docker/client';
import { describeEndpoint } from '@/lib/docker/endpoint';
import { settings, type Settings } from '@/lib/config/env';
import { catalog } from '@/lib/engines/catalog';
import { ENGINE_NAME, type EngineSpec } from '@/lib/engines/contexts';
import { TopologyStore, type StoreOptions } from '@/lib/store/topology-store';

const KEY = Symbol.for('switchyard.topology-stores');

interface Held {
  /** The engine's name and where it was when the store was made. */
  key: string;
  store: TopologyStore;
}

function stores(): Map<string, Held> {
  const g = globalThis as unknown as Record<symbol, Map<string, Held> | undefined>;
  return (g[KEY] ??= new Map());
}

type StoreHook = (engine: string, store: TopologyStore) => void;
const HOOKS = Symbol.for('switchyard.store-hooks');

function hooks(): Set<StoreHook> {
  const g = globalThis as unknown as Record<symbol, Set<StoreHook> | undefined>;
  return (g[HOOKS] ??= new Set());
}

/**
 * Calls `fn` with every store made from now on, and at once with those made already (a module
 * that subscribes late misses none). Kept on globalThis with the stores; answers the unsubscribe.
 */
export function onStoreMade(fn: StoreHook): () => void {
  hooks().add(fn);
  for (const [name, { store }] of stores()) fn(name, store);
  return () => hooks().delete(fn);
}

export function storeOptions(s: Settings = settings()): StoreOptions {
  return { hostLinks: s.SWITCHYARD_HOST_LINKS, coalesceMs: s.SWITCHYARD_COALESCE_MS, checkMs: s.SWITCHYARD_CHECK_MS, resyncMs: s.SWITCHYARD_RESYNC_MS };
}

/** The engine a name stands for (null: the current one), or a 404 naming those there are. */
export function engineSpec(name?: string | null): EngineSpec {
  const c = catalog();
  const wanted = name ?? c.current;
  const spec = c.engines.find((e) => e.name === wanted);
  if (spec) return spec;
  const known = c.engines.map((e) => e.name).join(', ');
  const shown = ENGINE_NAME.test(wanted) ? wanted : JSON.stringify(wanted.slice(0, 64));
  throw new ApiError('unknown_engine', `there is no engine named ${shown}`, `the engines are: ${known} (docker contexts and SWITCHYARD_ENGINES)`);
}

/** Where an engine is, as text (two names with the same one are one engine). */
export function endpointOf(spec: EngineSpec): string {
  return spec.endpoint instanceof Error ? `invalid:${spec.endpoint.message}` : describeEndpoint(spec.endpoint);
}

function keyOf(spec: EngineSpec): string {
  return `${spec.name}|${endpointOf(spec)}`;
}

/** The store of an engine (null: the current one), started. Throws ApiError unknown_engine. */
export function topologyStore(name?: string | null): TopologyStore {
  const spec = engineSpec(name);
  const key = keyOf(spec);
  const held = stores().get(spec.name);
  if (held?.key === key) return held.store.start();
  // New, or the context now points elsewhere: the old store (if any) stops following.
  held?.store.stop();
  const endpoint = spec.endpoint;
  const store = new TopologyStore(new EngineConnection(() => {
    if (endpoint instanceof Error) throw endpoint;
    return endpoint;
  }, spec.name), storeOptions());
  stores().set(spec.name, { key, store });
  // Whoever follows stores does so from now on (the activity journal: engine events whether or not anyone looks).
  for (const fn of hooks()) fn(spec.name, store);
  return store.start();
}

/** The engine a request names with ?engine= (none: the current one). */
function engineOf(req: Request | undefined): string | null {
  if (!req) return null;
  const v = new URL(req.url).searchParams.get('engine');
  return v === null || v === '' ? null : v;
}

/** The store of the engine a request names. */
export function storeFor(req: Request | undefined): TopologyStore {
  return topologyStore(engineOf(req));
}
