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
  const exec = await conn.call(`POST /containers/${containerId.slice(0, 12)}/exec`, (d) => d.getContainer(containerId).exec({
    Cmd: argv, AttachStdout: true, AttachStderr: true, AttachStdin: false, Tty: false,
  }));
  const engine = await conn.get();
  let output = '';
  const stream = await conn.call('POST /exec/start', () => exec.start({ hijack: true, stdin: false }));
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => {
    if (output.length < MAX_OUTPUT) output += chunk.toString('utf8');
  });
  engine.docker.modem.demuxStream(stream, sink, sink);
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
  // The runtime could not start the program: no such file in the image (OCI: exit 126 or 127).
  if (!timedOut && (info.ExitCode === 126 || info.ExitCode === 127) && /executable file not found|no such file or directory|not found/i.test(output)) {
    return { ran: false, missing: argv[0]! };
  }
  return { ran: true, exitCode: timedOut ? -1 : info.ExitCode ?? -1, output, timedOut };
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
