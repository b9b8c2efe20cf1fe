'use client';
/**
 * The Exposure view's data (GET /api/exposure) while it is on, asked again when the topology
 * changes and every 10 s (firewall rules change without an engine event), and its graph layer.
 */
import { useMemo } from 'react';
import useSWR from 'swr';
import { ids } from '@/lib/graph/ids';
import { exposureLayer } from '@/lib/graph/layers/exposure';
import { noMarks, type DrawnGraph, type LayerMarks } from '@/lib/graph/layers/layer';
import type { ExposureAnswer } from '@/lib/schemas/exposure';
import type { Topology } from '@/lib/topology/types';
import { fetchJson } from './fetcher';

export type { ExposureAnswer };
const NONE = noMarks(exposureLayer);

export function useExposure(on: boolean, version: string) {
  return useSWR<ExposureAnswer>(on ? ['/api/exposure', version] : null, ([url]: [string]) => fetchJson<ExposureAnswer>(url), { keepPreviousData: true, revalidateOnFocus: false, refreshInterval: on ? 10_000 : 0 });
}

export function useExposureLayer(data: ExposureAnswer | undefined, on: boolean, drawn: Pick<Topology, 'containers'> | undefined, graph: DrawnGraph): LayerMarks {
  return useMemo(() => {
    if (!on || !data || !drawn) return NONE;
    const drawnAs = new Map(drawn.containers.filter((c) => c.composeProject).map((c) => [c.id, ids.project(c.composeProject!)]));
    return exposureLayer.mark({ ports: data.ports, drawnAs }, graph);
  }, [on, data, drawn, graph]);
}
