// POST /api/networks/{idOrName}/disconnect - docker network disconnect [--force]; logged in the activity timeline.
import { answer, parseBody, parseParams } from '@/lib/api/http';
import { toErrorResponse } from '@/lib/api/errors';
import { changeContext, disconnect, writtenVersion } from '@/lib/activity/service';
import { disconnectBodySchema, networkParams } from '@/lib/schemas/networks';

export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const change = changeContext(req);
    const { id } = await parseParams(networkParams, ctx);
    return answer((await disconnect(change, id, await parseBody(disconnectBodySchema, req))).outcome, (v) => ({ ...v, topologyVersion: writtenVersion(change) }));
  } catch (err) {
    return toErrorResponse(err);
  }
}
