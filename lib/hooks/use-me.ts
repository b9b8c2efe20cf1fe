'use client';
/**
 * Who the page is signed in as (GET /api/me) and what it may offer on its engine
 * (lib/identity/can); sign-out (POST /api/auth/logout).
 */
import { useCallback, useMemo } from 'react';
import useSWR from 'swr';
import type { z } from 'zod';
import { capabilities, NOTHING, type Can } from '@/lib/identity/can';
import type { meAnswer } from '@/lib/schemas/auth';
import { fetchJson, requestJson } from './fetcher';

export type Me = z.infer<typeof meAnswer>;

/** `engine`: the page's engine as the server named it (health's name). Until /api/me answers, nothing is offered. */
export function useMe(engine: string | null) {
  const swr = useSWR<Me>('/api/me', fetchJson, { revalidateOnFocus: true, refreshInterval: 60_000 });
  const me = swr.data ?? null;
  const can: Can = useMemo(() => {
    if (!me) return NOTHING;
    const role = me.roles.find((r) => r.engine === engine)?.role ?? null;
    return capabilities(role, me.roles.length > 0 && me.roles.every((r) => r.role === 'admin'), me.readOnly);
  }, [me, engine]);
  const role = me?.roles.find((r) => r.engine === engine)?.role ?? null;
  return { me, role, can, error: swr.error as Error | undefined };
}

export function useSignOut() {
  return useCallback(async () => {
    await requestJson('/api/auth/logout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }, { engine: null }).catch(() => null);
    // A full navigation: nothing of the signed-out page (its caches, its event stream) stays.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign('/login');
  }, []);
}
