'use client';
import { useCallback } from 'react';
import type { z } from 'zod';
import type { TopologyVersion } from '@/lib/schemas/common';
import type { connectAnswer, ConnectRequest, createNetworkAnswer, CreateNetworkRequest, disconnectAnswer, removeNetworkAnswer } from '@/lib/schemas/networks';
import { pageEngine, requestJson } from './fetcher';
import { useAwaitVersion } from './use-topology';

function send<T>(method: 'POST' | 'DELETE', url: string, body?: unknown, engine?: string | null): Promise<T> {
  return requestJson<T>(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  }, engine === undefined ? {} : { engine });
}

/**
 * Where a change goes, when the page's ids are not one engine's (the fleet's: `<engine>/<id>`,
 * lib/fleet/merge): the engine and its own ids. Throws (an Error the dialog shows) when the
 * network and the container are on two engines.
 */
export type RewireRoute = (network: string, container: string | null) => { engine: string | null; network: string; container: string | null };

const samePage: RewireRoute = (network, container) => ({ engine: pageEngine(), network, container });

/**
 * The rewiring actions. Each answers with the topology version that holds its change; the page
 * waits for that version's patch on the event stream, and reads the topology again only if it
 * does not come, or the change failed (useAwaitVersion).
 */
export function useRewire({ route = samePage, topologyKey }: { route?: RewireRoute; topologyKey?: string } = {}) {
  // The version a change answers with is its engine's: a page of several engines (the fleet's) reads its own again.
  const awaitEngineVersion = useAwaitVersion(topologyKey);
  const ownPage = route === samePage;
  const after = useCallback(<T extends { topologyVersion: TopologyVersion }>(p: Promise<T>) => p.then((a) => {
    awaitEngineVersion(ownPage ? a.topologyVersion : null);
    return a;
  }, (err: unknown) => {
    awaitEngineVersion(null);
    throw err;
  }), [awaitEngineVersion, ownPage]);
  return {
    connect: (network: string, body: ConnectRequest) => {
      const to = route(network, body.container);
      return after(send<z.infer<typeof connectAnswer>>('POST', `/api/networks/${encodeURIComponent(to.network)}/connect`, { ...body, container: to.container }, to.engine));
    },
    disconnect: (network: string, container: string, force = false) => {
      const to = route(network, container);
      return after(send<z.infer<typeof disconnectAnswer>>('POST', `/api/networks/${encodeURIComponent(to.network)}/disconnect`, { container: to.container, force }, to.engine));
    },
    createNetwork: (spec: CreateNetworkRequest) => after(send<z.infer<typeof createNetworkAnswer>>('POST', '/api/networks', spec)),
    removeNetwork: (network: string) => {
      const to = route(network, null);
      return after(send<z.infer<typeof removeNetworkAnswer>>('DELETE', `/api/networks/${encodeURIComponent(to.network)}`, undefined, to.engine));
    },
  };
}
