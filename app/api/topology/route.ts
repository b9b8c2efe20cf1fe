// GET /api/topology - every network, container and endpoint of the engine, with veth links,
// answered from the server's store (kept current by engine events): no engine request on an
// unchanged engine. ETag / If-None-Match (304). With ?encoding=gzip or ?encoding=br the body
// is compressed once per version and sent as is (next.config.js sets Content-Encoding); without
// it the JSON is sent plain (and Next compresses it for clients that ask).
import { storeFor } from '@/lib/engines/registry';
import { topologyResponse } from '@/lib/api/topology-response';

export const dynamic = 'force-dynamic';

export function GET(req?: Request): Promise<Response> {
  return topologyResponse(req, () => storeFor(req).currentServed());
}
