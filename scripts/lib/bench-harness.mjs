// Shared by the benchmark and screenshot scripts: the built app on a port of their own, and
// Debian's Chromium. The server is stopped by its own pid (process group) when the script exits.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

/**
 * Starts `next start` on 127.0.0.1:port with extra env; resolves once /api/health answers.
 * Its activity log is in a directory of its own (removed when it stops), never the user's.
 */
export async function startApp(port, env = {}, cwd = process.cwd()) {
  const data = env.SWITCHYARD_DATA_DIR ? null : mkdtempSync(join(tmpdir(), 'switchyard-bench-'));
  // `cwd`: another checkout's build (a benchmark of the code before a change, side by side).
  const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const server = spawn(process.execPath, [...flags, join(cwd, 'node_modules/next/dist/bin/next'), 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...(data ? { SWITCHYARD_DATA_DIR: data } : {}), ...env }, stdio: 'ignore', detached: true,
  });
  const stop = () => {
    try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ }
    if (data) rmSync(data, { recursive: true, force: true });
  };
  process.on('exit', stop);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try { await fetch(`${url}/api/health`); break; } catch {
      if (i > 150) throw new Error(`the app did not start on ${url}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return { url, stop, pid: server.pid };
}

/** Runs `f` over `items`, at most `n` at a time. */
export async function pool(items, n, f) {
  const queue = [...items];
  await Promise.all(Array.from({ length: n }, async () => { while (queue.length) await f(queue.shift()); }));
}

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
