'use client';
/**
 * The activity timeline (GET /api/activity): the newest page for a filter, older pages on
 * demand, asked again when the page's event stream says an entry was written. Undo
 * (POST /api/activity/{id}/undo) and "changes since" (GET /api/activity/changes).
 */
import { useCallback, useState } from 'react';
import useSWR, { useSWRConfig } from 'swr';
import type { z } from 'zod';
import type { ActivityAnswer, ActivityEntry, ChangesAnswer, undoAnswer } from '@/lib/schemas/activity';
import { fetchJson, requestJson } from './fetcher';
import { useAwaitVersion } from './use-topology';

export type { ActivityEntry, ChangesAnswer };
export type UndoAnswer = z.infer<typeof undoAnswer>;

export interface ActivityFilter {
  source: 'switchyard' | 'engine' | null;
  container: string | null;
  network: string | null;
  /** Only changes asked by this user or token (name or id). */
  actor?: string | null;
}

export const ACTIVITY_KEY_PREFIX = '/api/activity?';

function keyOf(f: ActivityFilter, limit: number): string {
  const p = new URLSearchParams({ limit: String(limit) });
  if (f.source) p.set('source', f.source);
  if (f.container) p.set('container', f.container);
  if (f.network) p.set('network', f.network);
  if (f.actor) p.set('actor', f.actor);
  return `${ACTIVITY_KEY_PREFIX}${p}`;
}

const PAGE = 30;

/** The newest entries for a filter; `more` asks for one more page's worth. */
export function useActivity(f: ActivityFilter) {
  const [pages, setPages] = useState(1);
  const key = keyOf(f, Math.min(500, pages * PAGE));
  const swr = useSWR<ActivityAnswer>(key, fetchJson, { keepPreviousData: true, revalidateOnFocus: false });
  const more = useCallback(() => setPages((p) => p + 1), []);
  return { ...swr, more, canMore: !!swr.data?.next && pages * PAGE < 500 };
}

/** Asks every timeline view again (an entry was written). */
export function useActivityRefresh() {
  const { mutate } = useSWRConfig();
  return useCallback(() => void mutate((k) => typeof k === 'string' && k.startsWith(ACTIVITY_KEY_PREFIX)), [mutate]);
}

/** Undo: like a change (useRewire), it waits for the version that holds the undo rather than reading the topology again. */
export function useUndo() {
  const { mutate } = useSWRConfig();
  const awaitVersion = useAwaitVersion();
  return useCallback(async (id: number) => {
    let answer: UndoAnswer | null = null;
    try {
      answer = await requestJson<UndoAnswer>(`/api/activity/${id}/undo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      return answer;
    } finally {
      awaitVersion(answer?.topologyVersion);
      void mutate((k) => typeof k === 'string' && k.startsWith(ACTIVITY_KEY_PREFIX));
    }
  }, [mutate, awaitVersion]);
}

export function useChangesSince(since: string | null, version: string) {
  return useSWR<ChangesAnswer>(since ? [`/api/activity/changes?since=${encodeURIComponent(since)}`, version] : null, ([url]: [string]) => fetchJson<ChangesAnswer>(url), { keepPreviousData: false, revalidateOnFocus: false });
}
