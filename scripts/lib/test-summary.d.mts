/** Types for test-summary.mjs. */
export const REPORTS: Record<string, { file: string; kind: 'vitest' | 'playwright' }>;
export interface Counts { passed: number; failed: number; skipped: number; errors: number }
export function countReport(kind: 'vitest' | 'playwright', report: unknown): Counts;
export function summarize(run: {
  steps: string[];
  done: string[];
  stoppedAt: string | null;
  rc: number;
  reports: Record<string, unknown>;
}): { line: string; code: number; skipped: { title: string; reason: string | null }[] };
export function skippedTests(kind: 'vitest' | 'playwright', report: unknown): { title: string; reason: string | null }[];
