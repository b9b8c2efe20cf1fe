'use client';
import useSWR from 'swr';
import type { EnginesBody } from '@/lib/schemas/engines';
import { fetchJson } from './fetcher';

/** Every engine Switchyard knows, with its health (GET /api/engines), polled. */
export function useEngines(refreshInterval = 5000) {
  return useSWR<EnginesBody>('/api/engines', fetchJson, { refreshInterval, keepPreviousData: true });
}
