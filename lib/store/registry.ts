/**
 * One topology store per engine, for the whole server process. Kept on globalThis: Next.js
 * may load this module more than once (route bundles, instrumentation), and every copy must
 * share the store, its event stream and its counters.
 */
import 'server-only';
import { configuredEndpoint, EngineConnection } from '@/lib/docker/client';
import { describeEndpoint, type EngineEndpoint } from '@/lib/docker/endpoint';
import { hostLinksEnabled } from './full-read';
import { TopologyStore, type StoreOptions } from './topology-store';

const KEY = Symbol.for('switchyard.topology-stores');

function stores(): Map<string, TopologyStore> {
  const g = globalThis as unknown as Record<symbol, Map<string, TopologyStore> | undefined>;
  return (g[KEY] ??= new Map());
}

function ms(v: string | undefined, dflt: number): number {
  if (v === undefined || v.trim() === '') return dflt;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : dflt;
}

export function storeOptionsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): StoreOptions {
  return {
    hostLinks: hostLinksEnabled(env),
    coalesceMs: ms(env.SWITCHYARD_COALESCE_MS, 10),
    checkMs: ms(env.SWITCHYARD_CHECK_MS, 15_000),
    resyncMs: ms(env.SWITCHYARD_RESYNC_MS, 600_000),
  };
}

/** The store of the engine DOCKER_HOST names, started. */
export function topologyStore(): TopologyStore {
  let endpoint: EngineEndpoint | Error;
  try {
    endpoint = configuredEndpoint();
  } catch (err) {
    endpoint = err as Error;
  }
  const key = endpoint instanceof Error ? `invalid:${process.env.DOCKER_HOST ?? ''}` : describeEndpoint(endpoint);
  let store = stores().get(key);
  if (!store) {
    const fixed = endpoint;
    store = new TopologyStore(new EngineConnection(() => {
      if (fixed instanceof Error) throw fixed;
      return fixed;
    }), storeOptionsFromEnv());
    stores().set(key, store);
  }
  return store.start();
}
