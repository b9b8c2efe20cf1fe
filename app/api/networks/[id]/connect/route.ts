// POST /api/networks/{idOrName}/connect - docker network connect; answers the new endpoint and the topology version that holds it; logged in the activity timeline.
import { answer, parseBody, parseParams } from '@/lib/api/http';
import { toErrorResponse } from '@/lib/api/errors';
import { changeContext, connect, writtenVersion } from '@/lib/activity/service';
import { connectBodySchema, networkParams } from '@/lib/schemas/networks';

export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const change = changeContext(req);
    const { id } = await parseParams(networkParams, ctx);
    return answer((await connect(change, id, await parseBody(connectBodySchema, req))).outcome, (v) => ({ ...v, topologyVersion: writtenVersion(change) }));
  } catch (err) {
    return toErrorResponse(err);
  }
}
