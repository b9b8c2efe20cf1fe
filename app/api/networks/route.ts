// POST /api/networks - docker network create; answers the new network (201) and the topology version that holds it; logged in the activity timeline.
import { answer, parseBody } from '@/lib/api/http';
import { toErrorResponse } from '@/lib/api/errors';
import { changeContext, create, writtenVersion } from '@/lib/activity/service';
import { createNetworkBodySchema } from '@/lib/schemas/networks';

export async function POST(req: Request): Promise<Response> {
  try {
    const change = changeContext(req);
    const body = await parseBody(createNetworkBodySchema, req);
    return answer((await create(change, body)).outcome, (network) => ({ network, topologyVersion: writtenVersion(change) }), 201);
  } catch (err) {
    return toErrorResponse(err);
  }
}
