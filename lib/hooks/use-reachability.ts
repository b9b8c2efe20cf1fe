'use client';
/**
 * The reachability resources: a verdict for a pair (GET /api/reachability), a matrix
 * (GET /api/reachability/matrix), and "Test now" (POST /api/reachability/test). Keyed by the
 * topology's version too, so a change on the engine asks again.
 */
import useSWR from 'swr';
import type { z } from 'zod';
import type { matrixAnswer, probeAnswer, reachabilityAnswer } from '@/lib/schemas/reachability';
import { fetchJson, requestJson } from './fetcher';

export type ReachAnswer = z.infer<typeof reachabilityAnswer>;
export type MatrixAnswer = z.infer<typeof matrixAnswer>;
export type ProbeAnswer = z.infer<ReturnType<typeof probeAnswer>>;

/** The topology's state as a key: epoch and version (what is asked again when it changes). */
export const topologyVersion = (t: { meta?: { epoch: string; version: number } }) => `${t.meta?.epoch ?? ''}:${t.meta?.version ?? 0}`;

const q = (o: Record<string, string | number | null | undefined>) =>
  new URLSearchParams(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => [k, String(v)])).toString();

export function useReachability(from: string, to: string | null, port: number | null, version: number | string) {
  const key = to ? [`/api/reachability?${q({ from, to, port })}`, version] : null;
  return useSWR<ReachAnswer>(key, ([url]: [string]) => fetchJson<ReachAnswer>(url), { keepPreviousData: true, revalidateOnFocus: false });
}

export type MatrixScope = { network: string } | { project: string } | { containers: string[] };

export function useMatrix(scope: MatrixScope | null, port: number | null, version: number | string) {
  const s = scope && ('network' in scope ? { network: scope.network } : 'project' in scope ? { project: scope.project } : { containers: scope.containers.join(',') });
  const key = s ? [`/api/reachability/matrix?${q({ ...s, port })}`, version] : null;
  return useSWR<MatrixAnswer>(key, ([url]: [string]) => fetchJson<MatrixAnswer>(url), { keepPreviousData: true, revalidateOnFocus: false });
}

export function testNow(from: string, to: string, port: number | null): Promise<ProbeAnswer> {
  return requestJson<ProbeAnswer>('/api/reachability/test', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from, to, port }),
  });
}
