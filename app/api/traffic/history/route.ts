// GET /api/traffic/history?flow=ID - one flow's last 15 minutes: connections, failing attempts and rate per 10 s.
import { toErrorResponse } from '@/lib/api/errors';
import { parseQuery } from '@/lib/api/http';
import { storeFor } from '@/lib/engines/registry';
import { historyQuery } from '@/lib/schemas/traffic';
import { flowHistory } from '@/lib/traffic/service';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    const store = storeFor(req);
    const q = parseQuery(historyQuery, req);
    return Response.json(await flowHistory(store, q.flow));
  } catch (err) {
    return toErrorResponse(err);
  }
}
