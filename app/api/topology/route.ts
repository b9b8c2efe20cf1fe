// GET /api/topology - every network, container and endpoint of the engine, with veth links,
// answered from the server's store (kept current by engine events): no engine request on an
// unchanged engine. ETag / If-None-Match (304). With ?encoding=gzip or ?encoding=br the body
// is compressed once per version and sent as is (next.config.js sets Content-Encoding); without
// it the JSON is sent plain (and Next compresses it for clients that ask).
import { toErrorResponse } from '@/lib/api/errors';
import { parseQuery } from '@/lib/api/http';
import { topologyQuery } from '@/lib/schemas/topology';
import { encodeBody, etagMatches, type Encoding } from '@/lib/store/served';
import { storeFor } from '@/lib/engines/registry';

export const dynamic = 'force-dynamic';

export async function GET(req?: Request): Promise<Response> {
  let encoding: Encoding = null;
  try {
    encoding = parseQuery(topologyQuery, req).encoding;
    const served = await storeFor(req).currentServed();
    const etag = served.etag(encoding);
    const headers: Record<string, string> = { etag, 'cache-control': 'no-cache' }; // revalidate: a 304 while unchanged
    if (etagMatches(req?.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
    headers['content-type'] = 'application/json';
    return new Response((await served.body(encoding)) as unknown as BodyInit, { headers });
  } catch (err) {
    const res = toErrorResponse(err);
    if (!encoding) return res;
    // The Content-Encoding header is already promised (next.config.js): keep the promise.
    const body = await encodeBody(Buffer.from(await res.arrayBuffer()), encoding);
    return new Response(body as unknown as BodyInit, { status: res.status, headers: res.headers });
  }
}
