/**
 * One topology store per engine, for the whole server process. Kept on globalThis: Next.js
 * may load this module more than once (route bundles, instrumentation), and every copy must
 * share the store, its event stream and its counters.
 */
import 'server-only';
import { configuredEndpoint, EngineConnection } from '@/lib/docker/client';
import { describeEndpoint, type EngineEndpoint } from '@/lib/docker/endpoint';
import { settings, type Settings } from '@/lib/config/env';
import { TopologyStore, type StoreOptions } from './topology-store';

const KEY = Symbol.for('switchyard.topology-stores');

function stores(): Map<string, TopologyStore> {
  const g = globalThis as unknown as Record<symbol, Map<string, TopologyStore> | undefined>;
  return (g[KEY] ??= new Map());
}

export function storeOptions(s: Settings = settings()): StoreOptions {
  return { hostLinks: s.SWITCHYARD_HOST_LINKS, coalesceMs: s.SWITCHYARD_COALESCE_MS, checkMs: s.SWITCHYARD_CHECK_MS, resyncMs: s.SWITCHYARD_RESYNC_MS };
}

/** The store of the engine DOCKER_HOST names, started. */
export function topologyStore(): TopologyStore {
  let endpoint: EngineEndpoint | Error;
  try {
    endpoint = configuredEndpoint();
  } catch (err) {
    endpoint = err as Error;
  }
  const key = endpoint instanceof Error ? `invalid:${settings().DOCKER_HOST ?? ''}` : describeEndpoint(endpoint);
  let store = stores().get(key);
  if (!store) {
    const fixed = endpoint;
    store = new TopologyStore(new EngineConnection(() => {
      if (fixed instanceof Error) throw fixed;
      return fixed;
    }), storeOptions());
    stores().set(key, store);
  }
  return store.start();
}
