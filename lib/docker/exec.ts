/**
 * Running one command inside a container (the engine's exec API), bounded in time, and
 * reading one small file out of it (the archive API, which needs no tool inside). Raw engine
 * calls only: lib/reach/probe decides what to run.
 */
import 'server-only';
import { PassThrough } from 'node:stream';
import type { EngineConnection } from './client';

export type ExecResult =
  | { ran: true; exitCode: number; output: string; timedOut: boolean }
  /** The image has no such program (the runtime could not start it). */
  | { ran: false; missing: string };

const MAX_OUTPUT = 64 * 1024;

/** `argv` in the container, stdin closed; gives up waiting after `timeoutMs` (the process may run on to its own end). */
export async function execIn(conn: EngineConnection, containerId: string, argv: string[], timeoutMs: number): Promise<ExecResult> {
  let output = '';
  const take = (chunk: Buffer) => { if (output.length < MAX_OUTPUT) output += chunk.toString('utf8'); };
  const { exitCode, timedOut } = await runExec(conn, containerId, argv, timeoutMs, take, take);
  // The runtime could not start the program: no such file in the image (OCI: exit 126 or 127).
  if (!timedOut && (exitCode === 126 || exitCode === 127) && /executable file not found|no such file or directory|not found/i.test(output)) {
    return { ran: false, missing: argv[0]! };
  }
  return { ran: true, exitCode: timedOut ? -1 : exitCode, output, timedOut };
}

/** What a command printed, stdout and stderr apart (stdout up to `maxOutput` bytes: past it, `truncated`). */
export interface ExecCapture { exitCode: number; stdout: string; stderr: string; timedOut: boolean; truncated: boolean }

/** `argv` in the container, its stdout kept whole up to `maxOutput` bytes (a program that answers in JSON). */
export async function execCapture(conn: EngineConnection, containerId: string, argv: string[], timeoutMs: number, maxOutput: number): Promise<ExecCapture> {
  const out: Buffer[] = [];
  let size = 0, truncated = false, stderr = '';
  const { exitCode, timedOut } = await runExec(conn, containerId, argv, timeoutMs, (chunk) => {
    if (size + chunk.length > maxOutput) { truncated = true; return; }
    out.push(chunk);
    size += chunk.length;
  }, (chunk) => { if (stderr.length < MAX_OUTPUT) stderr += chunk.toString('utf8'); });
  return { exitCode: timedOut ? -1 : exitCode, stdout: Buffer.concat(out).toString('utf8'), stderr, timedOut, truncated };
}

async function runExec(conn: EngineConnection, containerId: string, argv: string[], timeoutMs: number, onOut: (b: Buffer) => void, onErr: (b: Buffer) => void): Promise<{ exitCode: number; timedOut: boolean }> {
  const exec = await conn.call(`POST /containers/${containerId.slice(0, 12)}/exec`, (d) => d.getContainer(containerId).exec({
    Cmd: argv, AttachStdout: true, AttachStderr: true, AttachStdin: false, Tty: false,
  }));
  const engine = await conn.get();
  const stream = await conn.call('POST /exec/start', () => exec.start({ hijack: true, stdin: false }));
  const out = new PassThrough();
  const err = new PassThrough();
  out.on('data', onOut);
  err.on('data', onErr);
  engine.docker.modem.demuxStream(stream, out, err);
  const timedOut = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => {
      resolve(true);
      if ('destroy' in stream && typeof stream.destroy === 'function') stream.destroy();
    }, timeoutMs);
    const end = () => {
      clearTimeout(timer);
      resolve(false);
    };
    stream.on('end', end);
    stream.on('close', end);
    stream.on('error', end);
  });
  const info = await conn.call('GET /exec/json', () => exec.inspect());
  return { exitCode: info.ExitCode ?? -1, timedOut };
}

/** A small text file from inside a container (GET /containers/{id}/archive: one tar entry), or null. */
export async function readFileIn(conn: EngineConnection, containerId: string, path: string): Promise<string | null> {
  try {
    const stream = await conn.call(`GET /containers/${containerId.slice(0, 12)}/archive`, (d, signal) =>
      d.getContainer(containerId).getArchive({ path, abortSignal: signal }));
    const chunks: Buffer[] = [];
    for await (const c of stream as AsyncIterable<Buffer>) chunks.push(c);
    const tar = Buffer.concat(chunks);
    if (tar.length < 512) return null;
    // One regular file: a 512-byte header (size in octal at 124, 12 bytes), then the content.
    const size = parseInt(tar.subarray(124, 136).toString('latin1').replace(/\0.*$/, '').trim(), 8);
    if (!Number.isFinite(size)) return null;
    return tar.subarray(512, 512 + size).toString('utf8');
  } catch {
    return null;
  }
}
