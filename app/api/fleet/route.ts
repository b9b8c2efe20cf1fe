// GET /api/fleet - every engine's topology as one (lib/fleet/merge): ids per engine
// (`<engine>/<id>`), each engine a group, swarm networks once, tasks on nodes no engine is as
// "unreachable"; with each engine's node ID and whether it could be read.
import { toErrorResponse } from '@/lib/api/errors';
import { currentFleet } from '@/lib/fleet/service';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  try {
    return Response.json(await currentFleet(), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return toErrorResponse(err);
  }
}
