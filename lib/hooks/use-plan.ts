'use client';
/**
 * Plan mode: changes staged instead of run, checked by the server as they are staged (POST
 * /api/plans with dryRun: each step's command, preflight on what the steps before it leave,
 * the connections it cuts, the compose diff that would make it last), then applied as one.
 */
import { useCallback, useState } from 'react';
import useSWR, { useSWRConfig } from 'swr';
import type { PlanAnswer, PlanStepInput } from '@/lib/schemas/plans';
import { requestJson } from './fetcher';

export interface StagedStep {
  step: PlanStepInput;
  /** The graph elements it touches, marked while it is staged. */
  elementIds: string[];
}

const send = (steps: readonly PlanStepInput[], dryRun: boolean) =>
  requestJson<PlanAnswer>('/api/plans', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ steps, dryRun }) });

export function usePlan() {
  const [on, setOn] = useState(false);
  const [staged, setStaged] = useState<StagedStep[]>([]);
  const [result, setResult] = useState<PlanAnswer | null>(null);
  const [applyError, setApplyError] = useState<unknown>(null);
  const [applying, setApplying] = useState(false);
  const { mutate } = useSWRConfig();
  const steps = staged.map((s) => s.step);
  const key = on && steps.length ? ['/api/plans#check', JSON.stringify(steps)] : null;
  const check = useSWR<PlanAnswer>(key, () => send(steps, true), { revalidateOnFocus: false, keepPreviousData: true });

  const add = useCallback((s: StagedStep) => {
    setResult(null);
    setApplyError(null);
    setStaged((xs) => [...xs, s]);
  }, []);
  const remove = useCallback((i: number) => setStaged((xs) => xs.filter((_, j) => j !== i)), []);
  const clear = useCallback(() => {
    setStaged([]);
    setApplyError(null);
  }, []);
  const apply = useCallback(async () => {
    setApplying(true);
    setApplyError(null);
    try {
      const r = await send(staged.map((s) => s.step), false);
      setResult(r);
      if (r.applied) setStaged([]);
      void mutate((k) => Array.isArray(k) && typeof k[0] === 'string' && (k[0].startsWith('/api/activity') || k[0].startsWith('/api/compose/')));
    } catch (err) {
      setApplyError(err);
    } finally {
      setApplying(false);
    }
  }, [staged, mutate]);

  return {
    on, setOn: (v: boolean) => { setOn(v); if (!v) setResult(null); },
    staged, add, remove, clear, apply, applying, applyError, result,
    check: check.data && check.data.steps.length === staged.length ? check.data : null,
    checkError: check.error as unknown,
    checking: check.isValidating,
  };
}
export type Plan = ReturnType<typeof usePlan>;
