'use client';
/** API tokens (GET/POST /api/tokens, DELETE /api/tokens/{id}) and the access log (GET /api/access), for an admin's page. */
import { useCallback } from 'react';
import useSWR from 'swr';
import type { z } from 'zod';
import type { accessAnswer, createTokenAnswer, tokensAnswer } from '@/lib/schemas/auth';
import { fetchJson, requestJson } from './fetcher';

export type TokensAnswer = z.infer<typeof tokensAnswer>;
export type AccessAnswer = z.infer<typeof accessAnswer>;
export type CreatedToken = z.infer<typeof createTokenAnswer>;

export function useTokens() {
  const swr = useSWR<TokensAnswer>('/api/tokens', fetchJson);
  const create = useCallback(async (body: { name: string; role: string; engine: string | null; expires: string }) => {
    const made = await requestJson<CreatedToken>('/api/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, { engine: null });
    await swr.mutate();
    return made;
  }, [swr]);
  const revoke = useCallback(async (id: string) => {
    await requestJson(`/api/tokens/${id}`, { method: 'DELETE', headers: { 'content-type': 'application/json' } }, { engine: null });
    await swr.mutate();
  }, [swr]);
  return { ...swr, create, revoke };
}

export function useAccessLog(actor: string) {
  const q = new URLSearchParams({ limit: '100' });
  if (actor.trim()) q.set('actor', actor.trim());
  return useSWR<AccessAnswer>(`/api/access?${q}`, fetchJson, { refreshInterval: 10_000, keepPreviousData: true });
}
