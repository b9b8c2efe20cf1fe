// POST /api/networks/{idOrName}/disconnect - docker network disconnect [--force].
import { answer, parseBody, parseParams } from '@/lib/api/http';
import { toErrorResponse } from '@/lib/api/errors';
import { disconnect } from '@/lib/rewire/service';
import { disconnectBodySchema, networkParams } from '@/lib/schemas/networks';
import { storeFor } from '@/lib/store/registry';

export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const store = storeFor(req);
    const { id } = await parseParams(networkParams, ctx);
    return answer(await disconnect(store, id, await parseBody(disconnectBodySchema, req)));
  } catch (err) {
    return toErrorResponse(err);
  }
}
