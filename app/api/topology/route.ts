// GET /api/topology - every network, container and endpoint of the engine, with veth links,
// answered from the server's store (kept current by engine events): no engine request on an
// unchanged engine. ETag / If-None-Match (304), and br or gzip bodies made once per version.
import { toErrorResponse } from '@/lib/api/errors';
import { etagMatches, pickEncoding } from '@/lib/store/served';
import { topologyStore } from '@/lib/store/registry';

export const dynamic = 'force-dynamic';

export async function GET(req?: Request): Promise<Response> {
  try {
    const served = await topologyStore().currentServed();
    const headers: Record<string, string> = {
      etag: served.etag,
      // Revalidate every time (cheap: a 304 while the version is the same).
      'cache-control': 'no-cache',
      vary: 'Accept-Encoding',
    };
    if (etagMatches(req?.headers.get('if-none-match'), served.etag)) return new Response(null, { status: 304, headers });
    const encoding = pickEncoding(req?.headers.get('accept-encoding'));
    const body = await served.body(encoding);
    if (encoding) headers['content-encoding'] = encoding;
    headers['content-type'] = 'application/json';
    return new Response(body as unknown as BodyInit, { headers });
  } catch (err) {
    return toErrorResponse(err);
  }
}
