// GET /api/networks/{idOrName} - one network, its endpoints, and the engine's raw inspect JSON.
import { ApiError, toErrorResponse } from '@/lib/api/errors';
import { parseRef } from '@/lib/api/validate';
import { inspectNetwork } from '@/lib/docker/networks';
import { readTopology } from '@/lib/topology/read';
import { endpointsOf, findNetwork } from '@/lib/topology/select';
import { remove } from '@/lib/rewire/service';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const ref = parseRef('network', (await params).id);
    const topology = await readTopology();
    const network = findNetwork(topology, ref);
    if (!network) throw new ApiError('not_found', `no network "${ref}" on this engine`, 'check the name with `docker network ls`');
    return Response.json({
      network,
      endpoints: endpointsOf(topology, { networkId: network.id }),
      raw: await inspectNetwork(network.id),
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
