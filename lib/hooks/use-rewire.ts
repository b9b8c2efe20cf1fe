'use client';
import { useCallback } from 'react';
import type { z } from 'zod';
import type { TopologyVersion } from '@/lib/schemas/common';
import type { connectAnswer, ConnectRequest, createNetworkAnswer, CreateNetworkRequest, disconnectAnswer, removeNetworkAnswer } from '@/lib/schemas/networks';
import { requestJson } from './fetcher';
import { useAwaitVersion } from './use-topology';

function send<T>(method: 'POST' | 'DELETE', url: string, body?: unknown): Promise<T> {
  return requestJson<T>(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/**
 * The rewiring actions. Each answers with the topology version that holds its change; the page
 * waits for that version's patch on the event stream, and reads the topology again only if it
 * does not come, or the change failed (useAwaitVersion).
 */
export function useRewire() {
  const awaitVersion = useAwaitVersion();
  const after = useCallback(<T extends { topologyVersion: TopologyVersion }>(p: Promise<T>) => p.then((a) => {
    awaitVersion(a.topologyVersion);
    return a;
  }, (err: unknown) => {
    awaitVersion(null);
    throw err;
  }), [awaitVersion]);
  return {
    connect: (network: string, body: ConnectRequest) =>
      after(send<z.infer<typeof connectAnswer>>('POST', `/api/networks/${encodeURIComponent(network)}/connect`, body)),
    disconnect: (network: string, container: string, force = false) =>
      after(send<z.infer<typeof disconnectAnswer>>('POST', `/api/networks/${encodeURIComponent(network)}/disconnect`, { container, force })),
    createNetwork: (spec: CreateNetworkRequest) => after(send<z.infer<typeof createNetworkAnswer>>('POST', '/api/networks', spec)),
    removeNetwork: (network: string) => after(send<z.infer<typeof removeNetworkAnswer>>('DELETE', `/api/networks/${encodeURIComponent(network)}`)),
  };
}
