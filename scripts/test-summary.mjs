// Prints the test command's closing line ("summary: ..."), after the skipped tests and why, from the runners' JSON reports in test-reports/ and
// exits with the run's verdict (see scripts/lib/test-summary.mjs). Called by scripts/test-all.sh:
//   node scripts/test-summary.mjs --steps "lint|...|e2e" --done "lint|..." [--stopped-at STEP] --rc N
import { existsSync, readFileSync } from 'node:fs';
import { REPORTS, summarize } from './lib/test-summary.mjs';

const arg = (name, fallback = '') => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
};
const split = (s) => s.split('|').filter(Boolean);
const steps = split(arg('steps', Object.keys(REPORTS).join('|')));
const done = split(arg('done', arg('steps', Object.keys(REPORTS).join('|'))));
const reports = {};
for (const step of steps) {
  const r = REPORTS[step];
  if (!r) continue;
  const file = `test-reports/${r.file}`;
  try {
    reports[step] = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
  } catch {
    reports[step] = null;
  }
}
const { line, code, skipped } = summarize({ steps, done, stoppedAt: arg('stopped-at') || null, rc: Number(arg('rc', '0')), reports });
// Skipped tests and why, just above the line (a skip must never pass unread).
if (skipped.length) console.log(`skipped:\n${skipped.map((t) => `  ${t.title}${t.reason ? `: ${t.reason}` : ''}`).join('\n')}`);
console.log(`summary: ${line}`);
process.exitCode = code;
