// POST /api/networks/{idOrName}/connect - docker network connect; answers the new endpoint.
import { answer, parseBody, parseParams } from '@/lib/api/http';
import { toErrorResponse } from '@/lib/api/errors';
import { connect } from '@/lib/rewire/service';
import { connectBodySchema, networkParams } from '@/lib/schemas/networks';
import { storeFor } from '@/lib/store/registry';

export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const store = storeFor(req);
    const { id } = await parseParams(networkParams, ctx);
    return answer(await connect(store, id, await parseBody(connectBodySchema, req)));
  } catch (err) {
    return toErrorResponse(err);
  }
}
