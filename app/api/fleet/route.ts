// GET /api/fleet - every engine's topology as one (lib/fleet/merge): ids per engine
// (`<engine>/<id>`), each engine a group, swarm networks once, tasks on nodes no engine is as
// "unreachable"; with each engine's node ID and whether it could be read.
import { toErrorResponse } from '@/lib/api/errors';
import { fleetLive } from '@/lib/fleet/live';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  try {
    const fleet = fleetLive();
    const topology = await fleet.current();
    return Response.json({ topology, engines: await fleet.engines() }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return toErrorResponse(err);
  }
}
