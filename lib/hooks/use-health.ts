'use client';
import useSWR from 'swr';
import type { HealthBody } from '@/lib/schemas/health';
import { fetchJson, FetchError } from './fetcher';

/** Engine health, polled; a 503 body still carries the reason, so it is returned, not thrown. */
export function useHealth() {
  return useSWR<HealthBody>('/api/health', async (url: string) => {
    try {
      return await fetchJson<HealthBody>(url);
    } catch (err) {
      if (err instanceof FetchError && err.body && typeof err.body === 'object' && 'ok' in err.body) {
        return err.body as HealthBody;
      }
      throw err;
    }
  }, { refreshInterval: 5000, keepPreviousData: true });
}
