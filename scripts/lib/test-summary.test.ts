// The test command's last line (scripts/lib/test-summary.mjs). Runner reports are literals with
// the fields the summary reads, or (fixtures/) recorded from real vitest 4 and Playwright runs:
// a file whose beforeAll throws and one whose import fails; one failing test; a global setup
// that throws.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { skippedTests, summarize } from './test-summary.mjs';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const STEPS = ['lint', 'imports', 'type check', 'unit', 'lab engine', 'build', 'integration', 'system', 'e2e'];
const vitest = (passed: number, failed = 0) => ({ numPassedTests: passed, numFailedTests: failed, numPendingTests: 0, numTodoTests: 0, testResults: [] });
const playwright = (expected: number, unexpected = 0) => ({ stats: { expected, unexpected, flaky: 0, skipped: 0 }, errors: [] });
const all = { unit: vitest(200), integration: vitest(60), system: vitest(40), e2e: playwright(90) };

describe('the summary line', () => {
  it('a run that went to its end and passed: the counts alone, exit 0', () => {
    expect(summarize({ steps: STEPS, done: STEPS, stoppedAt: null, rc: 0, reports: all })).toMatchObject({ line: '390 passed, 0 failed', code: 0, skipped: [] });
  });

  it('the issue\'s run: the lab stopped it after the unit tests, so integration, system and e2e left no report', () => {
    const done = STEPS.slice(0, 4);
    const r = summarize({ steps: STEPS, done, stoppedAt: 'lab engine', rc: 1, reports: { unit: vitest(205), integration: null, system: null, e2e: null } });
    expect(r).toMatchObject({ line: '205 passed, 0 failed; stopped at "lab engine" (exit 1): "build", "integration", "system", "e2e" not run', code: 1 });
  });

  it('a runner that crashed before writing its report is named, and the run fails', () => {
    const r = summarize({ steps: STEPS, done: STEPS.slice(0, 6), stoppedAt: 'integration', rc: 134, reports: { unit: vitest(200), integration: null } });
    expect(r).toMatchObject({ line: '200 passed, 0 failed; stopped at "integration" (exit 134, no report: the runner did not finish): "system", "e2e" not run', code: 134 });
  });

  it('a later step whose report is missing though the step said it passed: the run fails and says which', () => {
    const r = summarize({ steps: STEPS, done: STEPS, stoppedAt: null, rc: 0, reports: { ...all, e2e: null } });
    expect(r).toMatchObject({ line: '300 passed, 0 failed; no report from "e2e"', code: 1 });
  });

  it('failing tests count, and the step they failed in is where the run stopped', () => {
    const r = summarize({ steps: STEPS, done: STEPS.slice(0, 6), stoppedAt: 'integration', rc: 1, reports: { unit: vitest(200), integration: vitest(58, 2) } });
    expect(r.line).toBe('258 passed, 2 failed; stopped at "integration" (exit 1): "system", "e2e" not run');
    expect(r.code).toBe(1);
  });

  it('a failed hook or import is a failure even with no failed test (recorded from vitest)', () => {
    const r = summarize({ steps: ['unit'], done: [], stoppedAt: 'unit', rc: 1, reports: { unit: fixture('vitest-hook-and-import-failed.json') } });
    expect(r).toMatchObject({ line: '1 passed, 0 failed, 1 skipped; 2 suites failed outside any test; stopped at "unit" (exit 1)', code: 1 });
  });

  it('Playwright: a failed test and a global setup that threw (recorded)', () => {
    const done = STEPS.slice(0, 8);
    const one = summarize({ steps: STEPS, done, stoppedAt: 'e2e', rc: 1, reports: { ...all, e2e: fixture('playwright-one-failed.json') } });
    expect(one.line).toBe('301 passed, 1 failed, 1 skipped; stopped at "e2e" (exit 1)');
    const setup = summarize({ steps: STEPS, done, stoppedAt: 'e2e', rc: 1, reports: { ...all, e2e: fixture('playwright-global-setup-failed.json') } });
    expect(setup.line).toBe('300 passed, 0 failed; 1 suite failed outside any test; stopped at "e2e" (exit 1)');
  });

  it('a non-zero exit with no step named (killed between steps) still fails and names the first step not done', () => {
    const r = summarize({ steps: STEPS, done: STEPS.slice(0, 2), stoppedAt: null, rc: 143, reports: {} });
    expect(r).toMatchObject({ line: '0 passed, 0 failed; stopped at "type check" (exit 143): "unit", "lab engine", "build", "integration", "system", "e2e" not run', code: 143 });
  });
});

describe('skipped tests', () => {
  it('are listed with the reason the test gave (recorded from Playwright), and do not fail the run', () => {
    const report = fixture('playwright-one-skipped.json');
    expect(skippedTests('playwright', report)).toEqual([{
      title: "first-view.spec.ts › without any script the lab's first view is drawn at a size a person can read",
      reason: expect.stringMatching(/^the engine also holds what neither the lab nor a test made \(container my-db, .*network squat-redis\): its first view is not the lab's size$/),
    }]);
    const r = summarize({ steps: ['e2e'], done: ['e2e'], stoppedAt: null, rc: 0, reports: { e2e: report } });
    expect(r).toMatchObject({ line: '3 passed, 0 failed, 1 skipped', code: 0 });
    expect(r.skipped).toHaveLength(1);
  });
  it('vitest\'s skipped tests are named (recorded: the tests of a file whose beforeAll threw)', () => {
    expect(skippedTests('vitest', fixture('vitest-hook-and-import-failed.json'))).toEqual([{ title: 'hook.test.ts › a', reason: null }]);
  });
});
