// GET /api/compose/drift[?project=|?container=] - where compose containers' networks differ from their compose files, and what compose will do.
import { toErrorResponse } from '@/lib/api/errors';
import { parseQuery } from '@/lib/api/http';
import { drift } from '@/lib/compose/service';
import { storeFor } from '@/lib/engines/registry';
import { driftQuery } from '@/lib/schemas/compose';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    const store = storeFor(req);
    const q = parseQuery(driftQuery, req);
    return Response.json(await drift(store, q), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return toErrorResponse(err);
  }
}
