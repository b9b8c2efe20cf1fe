/**
 * A served topology as an HTTP answer, shared by an engine's (app/api/topology) and the
 * fleet's (app/api/fleet/topology): ETag / If-None-Match (304); with ?encoding=gzip or br, or
 * without it from a client whose Accept-Encoding offers one, the body compressed once per
 * version and sent as is (next.config.js sets Content-Encoding; lib/api/content-coding).
 */
import 'server-only';
import { toErrorResponse } from '@/lib/api/errors';
import { parseQuery } from '@/lib/api/http';
import { topologyQuery } from '@/lib/schemas/topology';
import { encodeParts, etagMatches, type Body, type ServedTopology } from '@/lib/store/served';
import { promisedEncoding } from './content-coding';

/**
 * A kept body as a stream of itself: `new Response(buffer)` copies the buffer (the fetch
 * standard's body extraction), a 9 MB copy per plain GET at 10,000 containers and the most
 * of the server's native memory churn. A default (not byte) stream does not detach the
 * buffer it is given, so the version's body stays whole for the next GET.
 */
export function keptBody(body: Body): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(c) {
      for (const b of body) c.enqueue(new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
      c.close();
    },
  });
}

export async function topologyResponse(req: Request | undefined, served: () => Promise<ServedTopology>): Promise<Response> {
  // Decided before the query is checked: next.config.js promises this coding whatever the answer.
  const encoding = promisedEncoding(req ? new URL(req.url).searchParams.get('encoding') : null, req?.headers.get('accept-encoding') ?? null);
  try {
    parseQuery(topologyQuery, req);
    const s = await served();
    const etag = s.etag(encoding);
    // revalidate: a 304 while unchanged; one URL, a representation per coding
    const headers: Record<string, string> = { etag, 'cache-control': 'no-cache', vary: 'Accept-Encoding' };
    if (etagMatches(req?.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
    headers['content-type'] = 'application/json';
    return new Response(keptBody(await s.body(encoding)), { headers });
  } catch (err) {
    const res = toErrorResponse(err);
    if (!encoding) return res;
    // The Content-Encoding header is already promised (next.config.js): keep the promise.
    const body = await encodeParts([Buffer.from(await res.arrayBuffer())], encoding);
    return new Response(keptBody(body), { status: res.status, headers: res.headers });
  }
}
