// GET /api/reachability?from=A&to=B[&port=P] - can A reach B (by IP, by name, on each port), how, why not, and the fix.
import { toErrorResponse } from '@/lib/api/errors';
import { answer, parseQuery } from '@/lib/api/http';
import { reachBetween } from '@/lib/reach/service';
import { reachQuery } from '@/lib/schemas/reachability';
import { storeFor } from '@/lib/engines/registry';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    const store = storeFor(req);
    const q = parseQuery(reachQuery, req);
    return answer(await reachBetween(store, q.from, q.to, q.port));
  } catch (err) {
    return toErrorResponse(err);
  }
}
