/**
 * Which compressed body a topology GET without `?encoding=` gets, from its Accept-Encoding:
 * br when offered, else gzip, else plain; a coding offered with q=0 is not offered, other
 * weights are not weighed. Decided twice, the same way: here for the body, and in
 * next.config.js for the Content-Encoding header (Next drops a route's own, and would otherwise
 * compress the 9 MB of JSON at 10,000 containers again for every such GET). next.config.js
 * writes the same patterns out; content-coding.test.ts holds the two together. Pure.
 */
import type { Encoding } from '@/lib/store/served';

/** A full-match pattern (as next.config's `has` header values are) for a coding offered with q > 0. */
export function offeredPattern(coding: 'br' | 'gzip'): string {
  return `(?:.*[ \\t,])?${coding}(?![ \\t]*;[ \\t]*q=0(?:\\.0{0,3})?[ \\t]*(?:,.*)?$)(?:[ \\t]*(?:[;,].*)?)`;
}

const OFFERED = { br: new RegExp(`^${offeredPattern('br')}$`), gzip: new RegExp(`^${offeredPattern('gzip')}$`) };

/**
 * The coding of the answer, as next.config.js sets its Content-Encoding: `?encoding=gzip|br` as
 * given; with no `encoding` (or an empty one, which Next's rules take as missing) the best that
 * Accept-Encoding offers; any other `encoding` value none (it is answered with a plain 400).
 */
export function promisedEncoding(encodingParam: string | null, acceptEncoding: string | null): Encoding {
  if (encodingParam === 'gzip' || encodingParam === 'br') return encodingParam;
  if (encodingParam) return null;
  const ae = acceptEncoding ?? '';
  return OFFERED.br.test(ae) ? 'br' : OFFERED.gzip.test(ae) ? 'gzip' : null;
}
