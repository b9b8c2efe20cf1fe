/**
 * One version of the topology as the API sends it: the JSON made once, compressed once per
 * encoding on first demand, and ETags naming the version. Every GET of an unchanged topology
 * is a lookup, not a serialisation. The JSON of a new version is put together from the JSON of
 * each entity, kept by object: the builder keeps the objects of entities that did not change,
 * so only the changed ones are serialised again.
 * Compressing is of the whole body, once per version and encoding, on first demand.
 */
import 'server-only';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Topology } from '@/lib/topology/types';

export type Encoding = 'br' | 'gzip' | null;

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Compresses a body. Quality 5 / level 6: most of the size gain for a fraction of the time of the maximum. */
export function encodeBody(json: Buffer, encoding: 'br' | 'gzip'): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(json, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: json.length } })
    : gz(json, { level: 6 });
}

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

/** Not kept per list: at 10,000 containers that would be another copy of the body (9 MB); joining is a few ms. */
function listJson(list: readonly object[]): string {
  return `[${list.map(jsonOf).join(',')}]`;
}

/** JSON.stringify(t), the same string, from the entities' JSON kept by object. */
export function topologyJson(t: Topology): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(t)) {
    if (v === undefined) continue;
    parts.push(`${JSON.stringify(k)}:${LISTS.has(k) && Array.isArray(v) ? listJson(v as object[]) : JSON.stringify(v)}`);
  }
  return `{${parts.join(',')}}`;
}

export class ServedTopology {
  private json: Buffer | null = null;
  private readonly encoded = new Map<'br' | 'gzip', Promise<Buffer>>();

  constructor(readonly topology: Topology) {}

  /** One ETag per version and representation (each encoding is a representation of its own). */
  etag(encoding: Encoding): string {
    return `"${this.topology.meta?.epoch ?? 'x'}-${this.topology.meta?.version ?? 0}${encoding ? `-${encoding}` : ''}"`;
  }

  /** The body in the given encoding (null: plain JSON). */
  body(encoding: Encoding): Promise<Buffer> {
    this.json ??= Buffer.from(topologyJson(this.topology));
    if (!encoding) return Promise.resolve(this.json);
    let p = this.encoded.get(encoding);
    if (!p) {
      p = encodeBody(this.json, encoding);
      this.encoded.set(encoding, p);
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
