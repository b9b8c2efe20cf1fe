import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { offeredPattern, promisedEncoding } from './content-coding';

const require = createRequire(import.meta.url);
type Has = { type: string; key: string; value?: string };
type Rule = { source: string; has?: Has[]; missing?: Has[]; headers: { key: string; value: string }[] };
const nextConfig = require('../../next.config.js') as { headers: () => Promise<Rule[]> };
// Next's own matcher for `has` / `missing`, as its router applies next.config's header rules.
const { matchHas } = require('next/dist/shared/lib/router/utils/prepare-destination') as {
  matchHas: (req: { headers: Record<string, string> }, query: Record<string, string>, has?: Has[], missing?: Has[]) => unknown;
};

/** The Content-Encoding Next's rules set for a topology GET: of two matching rules the later wins. */
async function headerNextSets(source: string, query: Record<string, string>, acceptEncoding: string | null): Promise<string | null> {
  let set: string | null = null;
  for (const r of await nextConfig.headers()) {
    if (r.source !== source) continue;
    const headers: Record<string, string> = acceptEncoding === null ? {} : { 'accept-encoding': acceptEncoding };
    const req = { headers };
    if (!matchHas(req, query, r.has, r.missing)) continue;
    for (const h of r.headers) if (h.key === 'Content-Encoding') set = h.value;
  }
  return set;
}

const CASES: [Record<string, string>, string | null, 'br' | 'gzip' | null][] = [
  [{}, null, null],
  [{}, '', null],
  [{}, 'gzip', 'gzip'],
  [{}, 'br', 'br'],
  [{}, 'gzip, deflate, br', 'br'],
  [{}, 'gzip, deflate, br, zstd', 'br'],
  [{}, 'gzip,br', 'br'],
  [{}, ' gzip', 'gzip'],
  [{}, 'deflate', null],
  [{}, 'identity', null],
  [{}, '*', null],
  [{}, 'br;q=0', null],
  [{}, 'br;q=0.0, gzip', 'gzip'],
  [{}, 'br ; q=0 , gzip;q=0.5', 'gzip'],
  [{}, 'gzip;q=0', null],
  [{}, 'br; q=0.5', 'br'],
  [{}, 'br;q=0.001', 'br'],
  [{}, 'xbr, gzipx', null],
  [{ encoding: 'gzip' }, 'br', 'gzip'],
  [{ encoding: 'br' }, null, 'br'],
  [{ encoding: 'zip' }, 'gzip', null],
  [{ encoding: '' }, 'gzip', 'gzip'],
];

describe('content coding of a topology GET', () => {
  it.each(CASES)('?%o with Accept-Encoding %o: %o', (query, ae, want) => {
    expect(promisedEncoding('encoding' in query ? query.encoding! : null, ae)).toBe(want);
  });

  it('is the coding next.config.js sets the header to, for every case and both routes', async () => {
    for (const source of ['/api/topology', '/api/fleet/topology']) {
      for (const [query, ae, want] of CASES) expect(await headerNextSets(source, query, ae), `${source} ${JSON.stringify(query)} ${ae}`).toBe(want);
    }
  });

  it('next.config.js writes the same patterns out', async () => {
    const values = (await nextConfig.headers()).flatMap((r) => (r.has ?? []).filter((h) => h.type === 'header').map((h) => h.value));
    expect(new Set(values)).toEqual(new Set([offeredPattern('gzip'), offeredPattern('br')]));
  });
});
