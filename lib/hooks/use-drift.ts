'use client';
/**
 * Compose drift (GET /api/compose/drift): the Drift view's data while it is on, and one
 * container's for the inspector. Asked again when the topology changes and every 10 s (an
 * edited compose file makes no engine event).
 */
import { useMemo } from 'react';
import useSWR from 'swr';
import { driftLayer } from '@/lib/graph/layers/drift';
import { drawnAsOf, noMarks, type DrawnGraph, type LayerMarks } from '@/lib/graph/layers/layer';
import type { DriftAnswer } from '@/lib/schemas/compose';
import type { Topology } from '@/lib/topology/types';
import { fetchJson } from './fetcher';

export type { DriftAnswer };
const NONE = noMarks(driftLayer);
const OPTIONS = { keepPreviousData: true, revalidateOnFocus: false };

/** The Drift view's data: every project's, or only the one the view shows. */
export function useDrift(on: boolean, version: string, project: string | null = null) {
  const url = project ? `/api/compose/drift?project=${encodeURIComponent(project)}` : '/api/compose/drift';
  return useSWR<DriftAnswer>(on ? [url, version] : null, ([u]: [string]) => fetchJson<DriftAnswer>(u), { ...OPTIONS, refreshInterval: on ? 10_000 : 0 });
}

/** One compose container's drift (null id: nothing asked). */
export function useContainerDrift(containerId: string | null, version: string) {
  const url = containerId ? `/api/compose/drift?container=${encodeURIComponent(containerId)}` : null;
  return useSWR<DriftAnswer>(url ? [url, version] : null, ([u]: [string]) => fetchJson<DriftAnswer>(u), { revalidateOnFocus: false, refreshInterval: url ? 10_000 : 0 });
}

export function useDriftLayer(data: DriftAnswer | undefined, on: boolean, drawn: Pick<Topology, 'containers' | 'endpoints'> | undefined, graph: DrawnGraph): LayerMarks {
  return useMemo(() => {
    if (!on || !data || !drawn) return NONE;
    // A container folded away is drawn by its compose project's node, else by a folded network it is on.
    const drawnAs = drawnAsOf(new Set(data.containers.filter((c) => c.status === 'drift' || c.status === 'unknown').map((c) => c.containerId)), drawn, graph);
    return driftLayer.mark({ containers: data.containers, drawnAs }, graph);
  }, [on, data, drawn, graph]);
}
