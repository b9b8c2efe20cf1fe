// POST /api/networks - docker network create; answers the new network (201).
import { answer, parseBody } from '@/lib/api/http';
import { toErrorResponse } from '@/lib/api/errors';
import { create } from '@/lib/rewire/service';
import { createNetworkBodySchema } from '@/lib/schemas/networks';
import { storeFor } from '@/lib/store/registry';

export async function POST(req: Request): Promise<Response> {
  try {
    const store = storeFor(req);
    const body = await parseBody(createNetworkBodySchema, req);
    return answer(await create(store, body), (network) => ({ network }), 201);
  } catch (err) {
    return toErrorResponse(err);
  }
}
