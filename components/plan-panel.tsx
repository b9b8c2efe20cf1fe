'use client';
/**
 * Plan mode's panel: the staged steps in order, each with its CLI command and what the server
 * says of it on the topology the steps before it leave (preflight, connections it cuts, the
 * compose diff that would make it last); "Apply" runs them as one, and after it each step says
 * what happened (done, refused, taken back).
 */
import type { Plan } from '@/lib/hooks/use-plan';
import { FetchError } from '@/lib/hooks/fetcher';
import { commandOf } from '@/lib/plans/simulate';
import { planBody, type PlanStepReport } from '@/lib/schemas/plans';
import { DiffView } from './compose/make-last-dialog';
import { ErrorNote } from './rewire/modal';

const RESULT: Record<PlanStepReport['result'], string> = {
  planned: 'planned', done: 'done', refused: 'refused', failed: 'failed', 'not-run': 'not run', undone: 'taken back', 'undo-failed': 'NOT taken back',
};
const errorOf = (e: unknown) => (e instanceof FetchError ? { message: e.message, hint: e.hint } : e ? { message: (e as Error).message, hint: null } : null);

/** The command of a staged step, computed here until the server's check answers. */
function localCommand(step: unknown): string {
  const r = planBody.safeParse({ steps: [step] });
  return r.success ? commandOf(r.data.steps[0]!) : JSON.stringify(step);
}

function Report({ r }: { r: PlanStepReport }) {
  return (
    <>
      {!r.preflight.ok ? <p className="text-red-800 dark:text-red-300">Would be refused: {r.preflight.message}{r.preflight.hint ? ` — ${r.preflight.hint}` : ''}</p> : null}
      {r.cuts && r.cuts.connections > 0 ? <p className="text-amber-800 dark:text-amber-300">Cuts {r.cuts.connections} live connection{r.cuts.connections === 1 ? '' : 's'}{r.cuts.text ? `: ${r.cuts.text}` : ''}</p> : null}
      {r.compose ? (
        <details className="mt-0.5">
          <summary className="cursor-pointer">To make it last in {r.compose.file}</summary>
          <DiffView diff={r.compose.diff} />
        </details>
      ) : null}
      {r.result !== 'planned' ? <p data-testid="plan-step-result" data-result={r.result}><strong>{RESULT[r.result]}</strong>{r.reason ? ` — ${r.reason}` : ''}</p> : null}
    </>
  );
}

export function PlanPanel({ plan }: { plan: Plan }) {
  const reports = plan.result?.steps ?? plan.check?.steps ?? null;
  const blocked = plan.check?.steps.some((r) => !r.preflight.ok) ?? false;
  const rows = plan.result && !plan.staged.length ? plan.result.steps.map((r) => ({ command: r.command, report: r })) : plan.staged.map((s, i) => ({ command: reports?.[i]?.command ?? localCommand(s.step), report: reports?.[i] ?? null }));
  return (
    <section className="rounded border border-sky-300 bg-sky-50 px-3 py-2 text-xs text-slate-900 dark:border-sky-800 dark:bg-slate-900 dark:text-slate-100" data-testid="plan-panel" aria-label="Plan">
      <p>
        <strong>Plan mode:</strong> drags, connects, disconnects, new and removed networks are added here instead of being made.
        {plan.result ? <span data-testid="plan-outcome"> {plan.result.applied ? `Applied: ${plan.result.steps.length} steps done.` : plan.result.entry?.reason ?? 'The plan stopped.'}</span> : null}
      </p>
      {rows.length === 0 ? <p className="mt-1 text-slate-700 dark:text-slate-300">No steps yet: drag a container onto a network, or use the inspector&apos;s buttons.</p> : (
        <ol className="mt-1 space-y-1" aria-label="Steps, in the order they run">
          {rows.map((row, i) => (
            <li key={i} className="rounded bg-white px-2 py-1 dark:bg-slate-950" data-testid="plan-step" data-ok={row.report ? String(row.report.preflight.ok) : ''}>
              <div className="flex items-baseline gap-2">
                <span className="font-semibold">{i + 1}.</span>
                <code className="break-all">{row.command}</code>
                {!plan.result || plan.staged.length ? <button type="button" className="ml-auto underline" onClick={() => plan.remove(i)} aria-label={`Remove step ${i + 1}`}>Remove</button> : null}
              </div>
              {row.report ? <Report r={row.report} /> : null}
            </li>
          ))}
        </ol>
      )}
      <ErrorNote error={errorOf(plan.checkError) ?? errorOf(plan.applyError)} />
      {plan.staged.length ? (
        <div className="mt-2 flex items-center gap-2">
          <button type="button" className="rounded bg-blue-600 px-3 py-1 font-semibold text-white disabled:opacity-50" disabled={plan.applying || plan.checking || !plan.check || blocked} onClick={() => void plan.apply()} data-testid="plan-apply">
            {plan.applying ? 'Applying…' : `Apply ${plan.staged.length} step${plan.staged.length === 1 ? '' : 's'}`}
          </button>
          <button type="button" className="rounded border border-slate-400 px-3 py-1" onClick={plan.clear}>Discard</button>
          {plan.checking ? <span aria-live="polite">Checking…</span> : blocked ? <span className="text-red-800 dark:text-red-300">A step would be refused: remove or change it first.</span> : null}
        </div>
      ) : null}
    </section>
  );
}
