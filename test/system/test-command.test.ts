// The test command itself (scripts/test-all.sh): a copy of this checkout with a type error in
// it runs for real until its type check fails, and its last line says so: the counts, the step
// that stopped it, the steps that did not run; and it exits non-zero.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let copy = '';

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'switchyard-test-command-'));
  // The files git would have in a fresh clone, as they are now (tracked and new, not ignored).
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { encoding: 'buffer' });
  execFileSync('bash', ['-c', `tar --null -T - -cf - 2>/dev/null | tar -C '${copy}' -xf -`], { input: files });
  symlinkSync(join(process.cwd(), 'node_modules'), join(copy, 'node_modules'));
  writeFileSync(join(copy, 'lib', 'made-to-fail.ts'), "// A type error, so that the type check fails.\nexport const port: number = 'not a number';\n");
});

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe('npm test, stopped by a step that fails', () => {
  it('ends with the counts, the step that stopped it and what did not run, and exits non-zero', () => {
    const r = spawnSync('bash', ['scripts/test-all.sh'], { cwd: copy, encoding: 'utf8', timeout: 300_000, env: { ...process.env, FORCE_COLOR: '0' } });
    const out = `${r.stdout}\n${r.stderr}`;
    expect(out).toMatch(/lib\/made-to-fail\.ts\(2,14\): error TS2322/);
    const last = r.stdout.trim().split('\n').at(-1);
    expect(last).toBe('summary: 0 passed, 0 failed; stopped at "type check" (exit 2): "unit", "lab engine", "build", "integration", "system", "e2e" not run');
    expect(r.status).toBe(2);
    // The steps before it ran, and nothing after it did.
    expect(out).toMatch(/== lint[\s\S]*== imports[\s\S]*== type check/);
    expect(out).not.toMatch(/== unit/);
  }, 300_000);
});
