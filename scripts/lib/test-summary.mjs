// The test command's last line: "N passed, N failed", and, when the run did not go to its end,
// which step stopped it and which steps did not run. Pure: given the steps, what happened to
// them and the runners' JSON reports, it returns the line and the exit code; scripts/test-summary.mjs
// reads the reports from disk for scripts/test-all.sh.

/** The steps whose runner writes a JSON report, and its file (under test-reports/). */
export const REPORTS = {
  unit: { file: 'vitest-unit.json', kind: 'vitest' },
  integration: { file: 'vitest-integration.json', kind: 'vitest' },
  system: { file: 'vitest-system.json', kind: 'vitest' },
  e2e: { file: 'playwright.json', kind: 'playwright' },
};

/** Counts from one report: { passed, failed, skipped, errors } (errors: failures outside any test). */
export function countReport(kind, report) {
  if (kind === 'vitest') {
    const failedSuites = (report.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).every((a) => a.status !== 'failed')).length;
    return {
      passed: report.numPassedTests ?? 0,
      failed: report.numFailedTests ?? 0,
      skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
      errors: failedSuites,
    };
  }
  const s = report.stats ?? {};
  return {
    passed: s.expected ?? 0,
    failed: (s.unexpected ?? 0) + (s.flaky ?? 0),
    skipped: s.skipped ?? 0,
    errors: (report.errors ?? []).length,
  };
}

/** The tests a report skipped, with the reason a test gave (Playwright's test.skip(cond, reason)). */
export function skippedTests(kind, report) {
  const out = [];
  if (kind === 'vitest') {
    for (const f of report.testResults ?? []) {
      for (const a of f.assertionResults ?? []) {
        if (a.status === 'skipped' || a.status === 'pending' || a.status === 'todo') out.push({ title: `${f.name} › ${a.fullName ?? a.title}`, reason: null });
      }
    }
    return out;
  }
  const walk = (suite, path) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== 'skipped') continue;
        const why = (t.annotations ?? []).find((a) => a.type === 'skip' && a.description);
        out.push({ title: [...path, spec.title].join(' › '), reason: why ? why.description : null });
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...path, child.title]);
  };
  for (const s of report.suites ?? []) walk(s, [s.title]);
  return out;
}

const quote = (step) => `"${step}"`;
const list = (steps) => steps.map(quote).join(', ');

/**
 * steps: every step of the run, in order. done: the steps that ended with exit 0. stoppedAt:
 * the step that was running when the run ended (null if none was), rc: the run's exit code.
 * reports: { [step]: parsed JSON or null when its file is missing or unreadable }.
 * Returns { line, code, skipped }: code is 0 only when every step ran to its end, every runner
 * step left a report, and no test or suite failed; skipped lists the tests skipped, with why.
 */
export function summarize({ steps, done, stoppedAt, rc, reports }) {
  const t = { passed: 0, failed: 0, skipped: 0, errors: 0 };
  const missing = [];
  for (const step of steps) {
    const r = REPORTS[step];
    if (!r || !(done.includes(step) || step === stoppedAt)) continue;
    const report = reports[step];
    if (!report) { missing.push(step); continue; }
    const c = countReport(r.kind, report);
    for (const k of Object.keys(t)) t[k] += c[k];
  }
  const parts = [`${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ''}`];
  if (t.errors) parts.push(`${t.errors} ${t.errors === 1 ? 'suite' : 'suites'} failed outside any test`);
  const stopped = stoppedAt ?? (rc !== 0 ? steps.find((s) => !done.includes(s)) ?? null : null);
  const notRun = stopped ? steps.slice(steps.indexOf(stopped) + 1) : steps.filter((s) => !done.includes(s));
  if (stopped) {
    const noReport = missing.includes(stopped) ? ', no report: the runner did not finish' : '';
    parts.push(`stopped at ${quote(stopped)} (exit ${rc || 1}${noReport})${notRun.length ? `: ${list(notRun)} not run` : ''}`);
  } else if (notRun.length) {
    parts.push(`${list(notRun)} not run`);
  }
  const silent = missing.filter((s) => s !== stopped);
  if (silent.length) parts.push(`no report from ${list(silent)}`);
  const ok = !stopped && !notRun.length && !silent.length && t.failed === 0 && t.errors === 0 && rc === 0;
  const skipped = steps.filter((s) => REPORTS[s] && reports[s]).flatMap((s) => skippedTests(REPORTS[s].kind, reports[s]));
  return { line: parts.join('; '), code: ok ? 0 : rc || 1, skipped };
}
