'use client';
import { useMemo } from 'react';
import useSWR, { type KeyedMutator } from 'swr';
import { applyPatch, patchGap } from '@/lib/topology/patch';
import type { Topology, TopologyPatch } from '@/lib/topology/types';
import { requestJson } from './fetcher';

export const TOPOLOGY_KEY = '/api/topology';

/**
 * Compressed once per version on the server; the browser revalidates with the ETag, so an
 * unchanged topology costs a 304, not a body.
 */
const fetchTopology = (url: string) => requestJson<Topology>(`${url}?encoding=gzip`, { cache: 'no-cache' });

/**
 * The topology. Kept while revalidating (the graph never blanks); kept current by the
 * server's patches (useTopologySync), fetched whole only at start, on a gap in versions,
 * after a server restart, and when the window regains focus (a 304 when nothing changed).
 */
export function useTopology() {
  return useSWR<Topology>(TOPOLOGY_KEY, fetchTopology, {
    keepPreviousData: true,
    revalidateOnFocus: true,
    errorRetryInterval: 3_000,
  });
}

/** Handlers for useEngineEvents that keep the SWR topology in step with the server's versions. */
export function useTopologySync(mutate: KeyedMutator<Topology>) {
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
      onReady: (epoch: string, version: number) => update((cur) =>
        cur?.meta?.epoch === epoch && cur.meta.version === version ? cur : 'refetch'),
      onPatch: (p: TopologyPatch) => update((cur) => {
        if (!cur?.meta) return 'refetch';
        if (cur.meta.epoch === p.epoch && p.to <= cur.meta.version) return cur; // already there
        return patchGap(cur, p) ? 'refetch' : applyPatch(cur, p);
      }),
    };
  }, [mutate]);
}
