// GET /api/traffic[?container=&network=&interval=] - who talks to whom now: flows from every container's sockets.
import { toErrorResponse } from '@/lib/api/errors';
import { parseQuery } from '@/lib/api/http';
import { storeFor } from '@/lib/engines/registry';
import { trafficQuery } from '@/lib/schemas/traffic';
import { trafficOf } from '@/lib/traffic/service';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    const store = storeFor(req);
    const q = parseQuery(trafficQuery, req);
    return Response.json(await trafficOf(store, q));
  } catch (err) {
    return toErrorResponse(err);
  }
}
