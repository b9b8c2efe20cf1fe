'use client';
/**
 * Traffic on the page: the Traffic layer's flows, as the page's event stream sends them
 * (`traffic` then `traffic-patch`, GET /api/events?traffic=); and, for the inspector, the
 * reachability panel and the rewiring dialogs, one container's flows and a flow's history
 * (GET /api/traffic, /api/traffic/history), asked only while they are shown.
 */
import { useCallback, useMemo, useState } from 'react';
import useSWR from 'swr';
import type { FlowHistory, Traffic, TrafficPatch } from '@/lib/schemas/traffic';
import { applyTrafficPatch } from '@/lib/traffic/apply';
import type { GraphElement } from '@/lib/graph/elements';
import { noMarks, type DrawnGraph, type LayerMarks } from '@/lib/graph/layers/layer';
import { trafficLayer } from '@/lib/graph/layers/traffic';
import type { Topology } from '@/lib/topology/types';
import { fetchJson } from './fetcher';

export type { Traffic };

/** The layer's flows, fed by the event stream's handlers. */
export function useTrafficStream(on: boolean): { traffic: Traffic | null; onTraffic: (t: Traffic) => void; onTrafficPatch: (p: TrafficPatch) => void } {
  const [traffic, setTraffic] = useState<Traffic | null>(null);
  // Off, the flows are forgotten: turned on again, the layer shows the server's, never old ones
  // (state adjusted while rendering, as React advises for a reset on a prop's change).
  const [wasOn, setWasOn] = useState(on);
  if (wasOn !== on) {
    setWasOn(on);
    if (!on) setTraffic(null);
  }
  const onTraffic = useCallback((t: Traffic) => setTraffic(t), []);
  const onTrafficPatch = useCallback((p: TrafficPatch) => setTraffic((t) => (t ? applyTrafficPatch(t, p) : t)), []);
  return useMemo(() => ({ traffic: on ? traffic : null, onTraffic, onTrafficPatch }), [on, traffic, onTraffic, onTrafficPatch]);
}

/** A container's flows (or a network's), every two seconds while `key` is given. */
export function useTrafficOf(filter: { container?: string; network?: string } | null, refreshMs = 2000) {
  const key = filter ? `/api/traffic?${new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][])}` : null;
  return useSWR<Traffic>(key, fetchJson, { refreshInterval: refreshMs, keepPreviousData: true });
}

export function useFlowHistory(id: string | null) {
  return useSWR<FlowHistory>(id ? `/api/traffic/history?flow=${encodeURIComponent(id)}` : null, fetchJson, { refreshInterval: 10_000 });
}

const NO_TRAFFIC = noMarks({ name: 'traffic', classes: ['talking'] });

/**
 * The Traffic layer over the graph's elements: the elements with the layer's own added (an id
 * the graph has already wins), its marks, and the folded groups' own traffic (for the panel).
 */
export function useTrafficLayer(traffic: Traffic | null, drawn: Pick<Topology, 'containers' | 'endpoints'> | undefined, elements: GraphElement[], graph: DrawnGraph): { elements: GraphElement[]; marks: LayerMarks; inside: { name: string; label: string }[] } {
  const layer = useMemo(() => (traffic && drawn ? trafficLayer({ flows: traffic.flows, topology: drawn }, graph) : null), [traffic, drawn, graph]);
  return useMemo(() => {
    if (!layer) return { elements, marks: NO_TRAFFIC, inside: [] };
    const inside = layer.elements.filter((e) => e.data.source !== undefined && e.data.source === e.data.target)
      .map((e) => ({ name: String(graph.elements.find((x) => x.data.id === e.data.source)?.data.name ?? e.data.source), label: e.data.label }));
    return { elements: layer.elements.length ? [...elements, ...layer.elements] : elements, marks: layer.marks, inside };
  }, [layer, elements, graph]);
}
