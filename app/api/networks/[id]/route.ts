// GET /api/networks/{idOrName} - one network and its endpoints (from the store), and the engine's raw inspect JSON (one request).
import { fromRefusal, toErrorResponse } from '@/lib/api/errors';
import { answer, parseParams } from '@/lib/api/http';
import { readNetwork } from '@/lib/docker/snapshot';
import { changeContext, remove, writtenVersion } from '@/lib/activity/service';
import { noNetwork } from '@/lib/rewire/service';
import { networkParams } from '@/lib/schemas/networks';
import { storeFor } from '@/lib/engines/registry';
import { endpointsOf, findNetwork } from '@/lib/topology/select';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const store = storeFor(req);
    const { id: ref } = await parseParams(networkParams, ctx);
    const topology = await store.current();
    const network = findNetwork(topology, ref);
    if (!network) throw fromRefusal(noNetwork(ref));
    return Response.json({
      network,
      endpoints: endpointsOf(topology, { networkId: network.id }),
      raw: await readNetwork(store.conn, network.id),
    }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return toErrorResponse(err);
  }
}

// DELETE /api/networks/{idOrName} - docker network rm; refused for builtin networks and while members remain; logged in the activity timeline.
export async function DELETE(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const change = changeContext(req);
    const { id } = await parseParams(networkParams, ctx);
    return answer((await remove(change, id)).outcome, ({ id: removed, name }) => ({ removed: { id: removed, name }, topologyVersion: writtenVersion(change) }));
  } catch (err) {
    return toErrorResponse(err);
  }
}
