// POST /api/networks - docker network create; answers the new network (201).
import { answer, parseBody } from '@/lib/api/http';
import { toErrorResponse } from '@/lib/api/errors';
import { create } from '@/lib/rewire/service';
import { createNetworkBodySchema } from '@/lib/schemas/networks';

export async function POST(req: Request): Promise<Response> {
  try {
    const body = await parseBody(createNetworkBodySchema, req);
    return answer(await create(body), (network) => ({ network }), 201);
  } catch (err) {
    return toErrorResponse(err);
  }
}
