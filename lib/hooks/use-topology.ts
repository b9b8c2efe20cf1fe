'use client';
import useSWR from 'swr';
import type { Topology } from '@/lib/topology/types';
import { fetchJson } from './fetcher';

export const TOPOLOGY_KEY = '/api/topology';

/**
 * The topology. Kept while revalidating (the graph never blanks); revalidated by engine
 * events (useEngineEvents) and, as a safety net for changes that emit no event (connecting
 * a stopped container), every 20 s.
 */
export function useTopology() {
  return useSWR<Topology>(TOPOLOGY_KEY, fetchJson, {
    keepPreviousData: true,
    refreshInterval: 20_000,
    revalidateOnFocus: true,
    errorRetryInterval: 3_000,
  });
}
