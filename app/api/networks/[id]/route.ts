// GET /api/networks/{idOrName} - one network and its endpoints (from the store), and the engine's raw inspect JSON (one request).
import { ApiError, toErrorResponse } from '@/lib/api/errors';
import { parseRef } from '@/lib/api/validate';
import { readNetwork } from '@/lib/docker/snapshot';
import { topologyStore } from '@/lib/store/registry';
import { endpointsOf, findNetwork } from '@/lib/topology/select';
import { remove } from '@/lib/rewire/service';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const ref = parseRef('network', (await params).id);
    const store = topologyStore();
    const topology = await store.current();
    const network = findNetwork(topology, ref);
    if (!network) throw new ApiError('not_found', `no network "${ref}" on this engine`, 'check the name with `docker network ls`');
    return Response.json({
      network,
      endpoints: endpointsOf(topology, { networkId: network.id }),
      raw: await readNetwork(store.conn, network.id),
    }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return toErrorResponse(err);
  }
}

// DELETE /api/networks/{idOrName} - docker network rm; refused for builtin networks and while members remain.
export async function DELETE(_req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const ref = parseRef('network', (await params).id);
    return Response.json({ removed: await remove(ref) });
  } catch (err) {
    return toErrorResponse(err);
  }
}
