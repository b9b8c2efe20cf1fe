// GET /api/containers/{idOrName} - one container, its endpoints, and the engine's raw inspect JSON
// (read now: the store holds only the fields it uses; null if the engine could not answer).
import { fromRefusal, toErrorResponse } from '@/lib/api/errors';
import { parseParams } from '@/lib/api/http';
import { noContainer } from '@/lib/rewire/service';
import { containerParams } from '@/lib/schemas/containers';
import { storeFor } from '@/lib/engines/registry';
import { endpointsOf, findContainer } from '@/lib/topology/select';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const store = storeFor(req);
    const { id: ref } = await parseParams(containerParams, ctx);
    const topology = await store.current();
    const container = findContainer(topology, ref);
    if (!container) throw fromRefusal(noContainer(ref));
    const raw = await store.inspectContainer(container.id).catch(() => null);
    return Response.json({
      container,
      endpoints: endpointsOf(topology, { containerId: container.id }),
      warnings: topology.warnings.filter((w) => w.subject === container.id),
      raw,
    }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return toErrorResponse(err);
  }
}
