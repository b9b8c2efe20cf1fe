'use client';
/**
 * The Exposure view's data (GET /api/exposure) while it is on, asked again when the topology
 * changes and every 10 s (firewall rules change without an engine event), and its graph layer.
 */
import { useMemo } from 'react';
import useSWR from 'swr';
import { exposureLayer } from '@/lib/graph/layers/exposure';
import { drawnAsOf, noMarks, type DrawnGraph, type LayerMarks } from '@/lib/graph/layers/layer';
import type { ExposureAnswer } from '@/lib/schemas/exposure';
import type { Topology } from '@/lib/topology/types';
import { fetchJson } from './fetcher';

export type { ExposureAnswer };
const NONE = noMarks(exposureLayer);

export function useExposure(on: boolean, version: string) {
  return useSWR<ExposureAnswer>(on ? ['/api/exposure', version] : null, ([url]: [string]) => fetchJson<ExposureAnswer>(url), { keepPreviousData: true, revalidateOnFocus: false, refreshInterval: on ? 10_000 : 0 });
}

export function useExposureLayer(data: ExposureAnswer | undefined, on: boolean, drawn: Pick<Topology, 'containers' | 'endpoints'> | undefined, graph: DrawnGraph): LayerMarks {
  return useMemo(() => {
    if (!on || !data || !drawn) return NONE;
    // A container folded away is drawn by its compose project's node, else by a folded network it is on.
    const drawnAs = drawnAsOf(new Set(data.ports.map((p) => p.containerId)), drawn, graph);
    return exposureLayer.mark({ ports: data.ports, drawnAs }, graph);
  }, [on, data, drawn, graph]);
}
