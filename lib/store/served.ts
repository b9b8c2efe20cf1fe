/**
 * One version of the topology as the API sends it: the JSON made once, compressed once per
 * encoding on first demand, and ETags naming the version. Every GET of an unchanged topology
 * is a lookup, not a serialisation. The JSON of a new version is put together from the JSON of
 * each entity, kept by object: the builder keeps the objects of entities that did not change,
 * so only the changed ones are serialised again.
 * Compressing is of the whole body, once per version and encoding, on first demand, from the
 * entities' JSON written into one scratch buffer as the compressor takes it (the plain body is
 * made only for a client that asks for it). Bodies are kept and sent as chunks, never copied.
 */
import 'server-only';
import { once } from 'node:events';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';
import type { Topology } from '@/lib/topology/types';

export type Encoding = 'br' | 'gzip' | null;

/** JSON of entities and lists, by object: entries go when their objects do. */
const made = new WeakMap<object, string>();

function jsonOf(x: object): string {
  let s = made.get(x);
  if (s === undefined) {
    s = JSON.stringify(x);
    made.set(x, s);
  }
  return s;
}

const LISTS = new Set(['networks', 'containers', 'endpoints', 'warnings']);

/**
 * The pieces of JSON.stringify(t), in order: the entities' JSON kept by object, and the few
 * small pieces between them. Never the whole body as one string: at 10,000 containers that was
 * a 9 MB string per version, the most of the server's garbage (and of its memory's growth)
 * while versions were asked for.
 */
function* topologyParts(t: Topology): Generator<string> {
  let first = true;
  for (const [k, v] of Object.entries(t)) {
    if (v === undefined) continue;
    yield `${first ? '{' : ','}${JSON.stringify(k)}:`;
    first = false;
    if (LISTS.has(k) && Array.isArray(v)) {
      yield '[';
      for (let i = 0; i < v.length; i++) {
        if (i) yield ',';
        yield jsonOf(v[i] as object);
      }
      yield ']';
    } else {
      yield JSON.stringify(v);
    }
  }
  yield first ? '{}' : '}';
}

/** Pieces gathered into chunks of about this many characters (young-generation strings). */
const CHUNK = 64 * 1024;

/** The body in chunks of about 64 kB, made as they are asked for. */
export function* topologyChunks(t: Topology): Generator<Buffer> {
  let parts: string[] = [];
  let size = 0;
  for (const p of topologyParts(t)) {
    parts.push(p);
    size += p.length;
    if (size >= CHUNK) {
      yield Buffer.from(parts.join(''));
      parts = [];
      size = 0;
    }
  }
  if (parts.length) yield Buffer.from(parts.join(''));
}

/** JSON.stringify(t), the same string, from the entities' JSON kept by object. */
export function topologyJson(t: Topology): string {
  return [...topologyParts(t)].join('');
}

/** Bytes of the scratch buffer the compressor reads from: UTF-8 takes up to 3 bytes a UTF-16 unit. */
const SCRATCH = 3 * CHUNK;

/**
 * Compresses the parts through one scratch buffer, written again only once the compressor has
 * taken what was in it (a write's callback): no buffer per chunk. Buffers made per chunk were
 * mostly promoted before the compressor let go of them, and freed only by the next full
 * collection: about 2 MB of native memory per version at 10,000 containers, held for minutes.
 * The compressed body stays in the compressor's own chunks (no copy into one buffer).
 * Quality 5 / level 6: most of the size gain for a fraction of the time of the maximum.
 */
export async function encodeParts(parts: Iterable<string | Buffer>, encoding: 'br' | 'gzip'): Promise<Buffer[]> {
  const z = encoding === 'br'
    ? createBrotliCompress({ chunkSize: CHUNK, params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
    : createGzip({ level: 6, chunkSize: CHUNK });
  const out: Buffer[] = [];
  z.on('data', (c: Buffer) => out.push(c));
  const ended = once(z, 'end');
  ended.catch(() => {}); // an error is thrown by the write that met it, or below
  const take = (piece: Buffer) => new Promise<void>((resolve, reject) => z.write(piece, (err) => (err ? reject(err) : resolve())));
  try {
    const scratch = Buffer.allocUnsafeSlow(SCRATCH);
    let n = 0;
    for (const p of parts) {
      const bytes = typeof p === 'string' ? p.length * 3 : p.length;
      if (n + bytes > SCRATCH) {
        if (n) await take(scratch.subarray(0, n));
        n = 0;
        if (bytes > SCRATCH) {
          await take(typeof p === 'string' ? Buffer.from(p) : p); // one part larger than the scratch buffer
          continue;
        }
      }
      n += typeof p === 'string' ? scratch.write(p, n) : p.copy(scratch, n);
    }
    if (n) await take(scratch.subarray(0, n));
    z.end();
    await ended;
    return out;
  } finally {
    z.destroy();
  }
}

/** A version's body: plain or compressed, as chunks sent one after another (never copied into one buffer). */
export type Body = readonly Buffer[];

export class ServedTopology {
  private json: Body | null = null;
  private readonly encoded = new Map<'br' | 'gzip', Promise<Body>>();

  constructor(readonly topology: Topology) {}

  /** One ETag per version and representation (each encoding is a representation of its own). */
  etag(encoding: Encoding): string {
    return `"${this.topology.meta?.epoch ?? 'x'}-${this.topology.meta?.version ?? 0}${encoding ? `-${encoding}` : ''}"`;
  }

  /** The body in the given encoding (null: plain JSON), made once per version and encoding. */
  body(encoding: Encoding): Promise<Body> {
    if (!encoding) return Promise.resolve(this.json ??= [...topologyChunks(this.topology)]);
    let p = this.encoded.get(encoding);
    if (!p) {
      // The plain body only where one was asked for: the page asks for a compressed one.
      p = encodeParts(this.json ?? topologyParts(this.topology), encoding);
      this.encoded.set(encoding, p);
      p.catch(() => this.encoded.delete(encoding)); // a failure is not kept: the next GET tries again
    }
    return p;
  }
}

/** Whether an If-None-Match header names this ETag (or `*`). */
export function etagMatches(ifNoneMatch: string | null | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const v = t.trim();
    return v === '*' || v === etag || v === `W/${etag}`;
  });
}
