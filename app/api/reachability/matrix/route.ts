// GET /api/reachability/matrix?network=N | project=P | containers=a,b,c [&port=P] - every ordered pair, compact.
import { toErrorResponse } from '@/lib/api/errors';
import { answer, parseQuery } from '@/lib/api/http';
import { reachMatrix } from '@/lib/reach/service';
import { matrixQuery } from '@/lib/schemas/reachability';
import { storeFor } from '@/lib/engines/registry';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    const store = storeFor(req);
    return answer(await reachMatrix(store, parseQuery(matrixQuery, req)));
  } catch (err) {
    return toErrorResponse(err);
  }
}
