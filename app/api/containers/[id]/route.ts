// GET /api/containers/{idOrName} - one container, its endpoints, and the engine's raw inspect JSON (from the store).
import { ApiError, toErrorResponse } from '@/lib/api/errors';
import { parseRef } from '@/lib/api/validate';
import { topologyStore } from '@/lib/store/registry';
import { endpointsOf, findContainer } from '@/lib/topology/select';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const ref = parseRef('container', (await params).id);
    const store = topologyStore();
    const topology = await store.current();
    const container = findContainer(topology, ref);
    if (!container) throw new ApiError('not_found', `no container "${ref}" on this engine`, 'check the name with `docker ps -a`');
    return Response.json({
      container,
      endpoints: endpointsOf(topology, { containerId: container.id }),
      warnings: topology.warnings.filter((w) => w.subject === container.id),
      raw: store.rawContainer(container.id),
    }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return toErrorResponse(err);
  }
}
