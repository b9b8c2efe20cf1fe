// GET /api/topology - every network, container and endpoint of the engine, with veth links,
// answered from the server's store (kept current by engine events): no engine request on an
// unchanged engine. ETag / If-None-Match (304). With ?encoding=gzip or ?encoding=br the body
// is compressed once per version and sent as is (next.config.js sets Content-Encoding); without
// it the JSON is sent plain (and Next compresses it for clients that ask).
import { ApiError, toErrorResponse } from '@/lib/api/errors';
import { encodeBody, etagMatches, type Encoding } from '@/lib/store/served';
import { topologyStore } from '@/lib/store/registry';

export const dynamic = 'force-dynamic';

function encodingOf(req: Request | undefined): Encoding {
  const e = req ? new URL(req.url).searchParams.get('encoding') : null;
  if (e === null) return null;
  if (e === 'gzip' || e === 'br') return e;
  throw new ApiError('bad_request', `encoding=${e.slice(0, 40)} is not offered`, 'use encoding=gzip or encoding=br, or leave it out for plain JSON');
}

export async function GET(req?: Request): Promise<Response> {
  let encoding: Encoding = null;
  try {
    encoding = encodingOf(req);
    const served = await topologyStore().currentServed();
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
