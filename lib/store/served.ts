/**
 * One version of the topology as the API sends it: the JSON made once, compressed once per
 * encoding on first demand, and an ETag naming the version. Every GET of an unchanged
 * topology is a lookup, not a serialisation.
 */
import 'server-only';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Topology } from '@/lib/topology/types';

export type Encoding = 'br' | 'gzip' | null;

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

export class ServedTopology {
  readonly etag: string;
  private json: Buffer | null = null;
  private readonly encoded = new Map<'br' | 'gzip', Promise<Buffer>>();

  constructor(readonly topology: Topology) {
    this.etag = `"${topology.meta?.epoch ?? 'x'}-${topology.meta?.version ?? 0}"`;
  }

  /** The body in the given encoding (null: plain JSON). */
  body(encoding: Encoding): Promise<Buffer> {
    this.json ??= Buffer.from(JSON.stringify(this.topology));
    if (!encoding) return Promise.resolve(this.json);
    let p = this.encoded.get(encoding);
    if (!p) {
      // Quality 5 / level 6: most of the size gain for a fraction of the time of the maximum.
      p = encoding === 'br'
        ? brotli(this.json, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: this.json.length } })
        : gz(this.json, { level: 6 });
      this.encoded.set(encoding, p);
    }
    return p;
  }
}

/** The best encoding the client accepts (q=0 refuses one). */
export function pickEncoding(acceptEncoding: string | null | undefined): Encoding {
  if (!acceptEncoding) return null;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name!, q ? Number(q.slice(2)) : 1);
  }
  const ok = (e: string) => (accepted.get(e) ?? accepted.get('*') ?? 0) > 0;
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : null;
}

/** Whether an If-None-Match header names this ETag (or `*`). */
export function etagMatches(ifNoneMatch: string | null | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const v = t.trim();
    return v === '*' || v === etag || v === `W/${etag}`;
  });
}
