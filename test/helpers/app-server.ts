/** Starts instances of the built app (`next build` first) with given settings, and stops them by pid. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface AppServer {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the server wrote to stderr so far. */
  stderr: () => string;
  stop: () => Promise<void>;
}

/**
 * Each server keeps its activity log in a directory of its own (removed when it stops), as a
 * separate install would, unless the test names one in `env.SWITCHYARD_DATA_DIR`.
 */
export async function startServer(port: number, env: Record<string, string>, host = '127.0.0.1'): Promise<AppServer> {
  // A server already on the port (another run's, a soak's) would answer for this one: refuse.
  const taken = await fetch(`http://127.0.0.1:${port}/api/health`).then(() => true, () => false);
  if (taken) throw new Error(`port ${port} is taken by another server: stop it, or run this test on another port`);
  const data = env.SWITCHYARD_DATA_DIR ? null : mkdtempSync(join(tmpdir(), 'switchyard-server-'));
  const child = spawn('node_modules/.bin/next', ['start', '-H', host, '-p', String(port)], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...(data ? { SWITCHYARD_DATA_DIR: data } : {}), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let err = '';
  child.stderr!.on('data', (d) => { err += String(d); });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}): ${err}`);
    try {
      await fetch(`${url}/api/health`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`the app did not start on ${url}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    url, port, child, stderr: () => err,
    stop: async () => {
      if (child.exitCode === null && child.pid) {
        const exited = new Promise((r) => child.once('exit', r));
        process.kill(-child.pid, 'SIGTERM');
        // Next waits for open connections (a page's event stream) to end: do not wait forever.
        const force = setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } }, 3000);
        await exited;
        clearTimeout(force);
      }
      if (data) rmSync(data, { recursive: true, force: true });
    },
  };
}

/** Starts the app expecting it to refuse to start; resolves with its exit code and stderr. */
export function startExpectingRefusal(port: number, env: Record<string, string>, host: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn('node_modules/.bin/next', ['start', '-H', host, '-p', String(port)], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env }, stdio: ['ignore', 'ignore', 'pipe'], detached: true,
  });
  let err = '';
  child.stderr!.on('data', (d) => { err += String(d); });
  return new Promise((resolve) => {
    const timer = setTimeout(() => { if (child.pid) process.kill(-child.pid, 'SIGTERM'); }, 30_000);
    child.once('exit', (code) => { clearTimeout(timer); resolve({ code, stderr: err }); });
  });
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json: () => { error?: { code?: string; message?: string } } & Record<string, unknown>;
}

/** A raw HTTP request with any headers (Host and Origin included), for the security tests. */
export function raw(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const length: Record<string, string> = body !== undefined && !('transfer-encoding' in headers) ? { 'content-length': String(Buffer.byteLength(body)) } : {};
    // A fresh connection each time: a kept-alive one the server closes after 5 s idle (a test that
    // waited on the docker CLI that long) would fail the next request with "socket hang up".
    const req = request({ host: '127.0.0.1', port, method, path, agent: false, headers: { host: `127.0.0.1:${port}`, ...length, ...headers } }, (res) => {
      let data = '';
      res.on('data', (c) => { data += String(c); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data, json: () => JSON.parse(data) }));
    });
    req.on('error', reject);
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    if (body !== undefined) req.write(body);
    req.end();
  });
}
