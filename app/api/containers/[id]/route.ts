// GET /api/containers/{idOrName} - one container, its endpoints, and the engine's raw inspect JSON.
import { ApiError, toErrorResponse } from '@/lib/api/errors';
import { parseRef } from '@/lib/api/validate';
import { readTopologyWithSnapshot } from '@/lib/topology/read';
import { endpointsOf, findContainer } from '@/lib/topology/select';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const ref = parseRef('container', (await params).id);
    const { topology, snapshot } = await readTopologyWithSnapshot();
    const container = findContainer(topology, ref);
    if (!container) throw new ApiError('not_found', `no container "${ref}" on this engine`, 'check the name with `docker ps -a`');
    return Response.json({
      container,
      endpoints: endpointsOf(topology, { containerId: container.id }),
      warnings: topology.warnings.filter((w) => w.subject === container.id),
      raw: snapshot.containers.find((c) => c.Id === container.id) ?? null,
    }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return toErrorResponse(err);
  }
}
