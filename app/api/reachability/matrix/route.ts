// GET /api/reachability/matrix?network=N | project=P | containers=a,b,c [&port=P] - every ordered pair, compact.
import { toErrorResponse } from '@/lib/api/errors';
import { answer, parseQuery } from '@/lib/api/http';
import { reachMatrix } from '@/lib/reach/service';
import { matrixQuery } from '@/lib/schemas/reachability';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    return answer(await reachMatrix(parseQuery(matrixQuery, req)));
  } catch (err) {
    return toErrorResponse(err);
  }
}
