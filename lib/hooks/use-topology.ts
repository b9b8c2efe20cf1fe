'use client';
import { useCallback, useMemo } from 'react';
import useSWR, { useSWRConfig, type KeyedMutator } from 'swr';
import { applyPatch, patchGap } from '@/lib/topology/patch';
import type { TopologyVersion } from '@/lib/schemas/common';
import type { Topology, TopologyPatch } from '@/lib/topology/types';
import { requestJson } from './fetcher';
import { EARLY_TOPOLOGY, TOPOLOGY_KEY } from './topology-key';

export { TOPOLOGY_KEY };

/**
 * Compressed once per version on the server; the browser revalidates with the ETag, so an
 * unchanged topology costs a 304, not a body.
 */
const fetchOnce = (url: string) => requestJson<Topology>(`${url}?encoding=gzip`, { cache: 'no-cache' });

/**
 * The server's `ready` (epoch, version) seen while no topology was cached yet: the fetch
 * under way must come back at that version or later, or it misses the patches `ready`
 * vouches for (they are not sent again). One page, one topology: module state is enough.
 */
let awaitedReady: { epoch: string; version: number } | null = null;

/** The answer to the request the page's HTML made as it was parsed (app/page.tsx), once; null if none or it failed. */
async function early(): Promise<Topology | null> {
  const w = window as unknown as Record<string, Promise<Topology | null> | undefined>;
  const p = w[EARLY_TOPOLOGY];
  if (!p) return null;
  w[EARLY_TOPOLOGY] = undefined;
  return p;
}

async function fetchTopology(url: string): Promise<Topology> {
  let t = (await early()) ?? await fetchOnce(url);
  const want = awaitedReady;
  if (want && t.meta && (t.meta.epoch !== want.epoch || t.meta.version < want.version)) t = await fetchOnce(url);
  awaitedReady = null;
  return t;
}

/**
 * The topology. Kept while revalidating (the graph never blanks); kept current by the
 * server's patches (useTopologySync), fetched whole only at start, on a gap in versions,
 * after a server restart, and when the window regains focus (a 304 when nothing changed).
 */
export function useTopology(key: string = TOPOLOGY_KEY) {
  return useSWR<Topology>(key, fetchTopology, {
    keepPreviousData: true,
    revalidateOnFocus: true,
    errorRetryInterval: 3_000,
  });
}

/** How long the page waits for a change's version on the event stream before it fetches the topology. */
const VERSION_WAIT_MS = 3_000;

/**
 * After a change the page made: the server answered with the topology version that holds it,
 * and the patch to that version comes over the event stream (useTopologySync). This waits for
 * it in the cache, and fetches the topology only when it does not come in time (the stream is
 * down), the server restarted (another epoch), or the change did not answer with a version
 * (it failed: what the engine did is read again).
 */
export function useAwaitVersion(key: string = TOPOLOGY_KEY): (v: TopologyVersion | null | undefined) => void {
  const { cache, mutate } = useSWRConfig();
  return useCallback((v) => {
    if (!v) {
      void mutate(key);
      return;
    }
    const t0 = Date.now();
    const check = () => {
      const meta = (cache.get(key)?.data as Topology | undefined)?.meta;
      if (meta && meta.epoch === v.epoch && meta.version >= v.version) return;
      if ((meta && meta.epoch !== v.epoch) || Date.now() - t0 > VERSION_WAIT_MS) {
        void mutate(key);
        return;
      }
      setTimeout(check, 50);
    };
    check();
  }, [cache, mutate, key]);
}

/** Handlers for useEngineEvents that keep the SWR topology in step with the server's versions. */
export function useTopologySync(mutate: KeyedMutator<Topology>, key: string = TOPOLOGY_KEY) {
  const { cache } = useSWRConfig();
  return useMemo(() => {
    /** Runs `decide` on the cached topology; refetches whole when it says so. */
    const update = (decide: (cur: Topology | undefined) => Topology | 'refetch' | undefined) => {
      let refetch = false;
      void mutate((cur) => {
        const next = decide(cur);
        if (next === 'refetch') {
          refetch = true;
          return cur;
        }
        return next ?? cur;
      }, { revalidate: false }).then(() => {
        if (refetch) void mutate();
      });
    };
    return {
      onReady: (epoch: string, version: number) => {
        if (cache.get(key)?.data === undefined) {
          // The first fetch is under way (a mutate now would make SWR drop its answer): it
          // checks that answer against this instead (fetchTopology).
          awaitedReady = { epoch, version };
          return;
        }
        update((cur) => (cur?.meta?.epoch === epoch && cur.meta.version === version ? cur : 'refetch'));
      },
      onPatch: (p: TopologyPatch) => update((cur) => {
        if (!cur?.meta) return 'refetch';
        if (cur.meta.epoch === p.epoch && p.to <= cur.meta.version) return cur; // already there
        return patchGap(cur, p) ? 'refetch' : applyPatch(cur, p);
      }),
    };
  }, [mutate, cache, key]);
}
