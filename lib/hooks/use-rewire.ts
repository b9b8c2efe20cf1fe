'use client';
import { useCallback } from 'react';
import { useSWRConfig } from 'swr';
import type { z } from 'zod';
import type { connectAnswer, ConnectRequest, createNetworkAnswer, CreateNetworkRequest, disconnectAnswer, removeNetworkAnswer } from '@/lib/schemas/networks';
import { requestJson } from './fetcher';
import { TOPOLOGY_KEY } from './use-topology';

function send<T>(method: 'POST' | 'DELETE', url: string, body?: unknown): Promise<T> {
  return requestJson<T>(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The rewiring actions; each re-reads the topology afterwards, success or not. */
export function useRewire() {
  const { mutate } = useSWRConfig();
  const after = useCallback(<T,>(p: Promise<T>) => p.finally(() => void mutate(TOPOLOGY_KEY)), [mutate]);
  return {
    connect: (network: string, body: ConnectRequest) =>
      after(send<z.infer<typeof connectAnswer>>('POST', `/api/networks/${encodeURIComponent(network)}/connect`, body)),
    disconnect: (network: string, container: string, force = false) =>
      after(send<z.infer<typeof disconnectAnswer>>('POST', `/api/networks/${encodeURIComponent(network)}/disconnect`, { container, force })),
    createNetwork: (spec: CreateNetworkRequest) => after(send<z.infer<typeof createNetworkAnswer>>('POST', '/api/networks', spec)),
    removeNetwork: (network: string) => after(send<z.infer<typeof removeNetworkAnswer>>('DELETE', `/api/networks/${encodeURIComponent(network)}`)),
  };
}
