// POST /api/reachability/test - "Test now": tries A -> B for real from inside A's network
// namespace (ping, name lookup, TCP connect), bounded in time, and answers each observation
// beside its prediction. A change-like request: refused in read-only mode, JSON only, same origin.
import { toErrorResponse } from '@/lib/api/errors';
import { answer, parseBody } from '@/lib/api/http';
import { testReach } from '@/lib/reach/probe';
import { probeBodySchema } from '@/lib/schemas/reachability';
import { storeFor } from '@/lib/engines/registry';

export const dynamic = 'force-dynamic';

export async function POST(req: Request): Promise<Response> {
  try {
    const store = storeFor(req);
    const body = await parseBody(probeBodySchema, req);
    return answer(await testReach(store, body.from, body.to, body.port));
  } catch (err) {
    return toErrorResponse(err);
  }
}
