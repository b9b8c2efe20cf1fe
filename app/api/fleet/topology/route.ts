// GET /api/fleet/topology - the fleet's topology (every engine's as one, lib/fleet/merge) with
// versions of its own, as GET /api/topology serves an engine's: ETag (304), ?encoding=gzip|br.
// Patches to it come on GET /api/fleet/events.
import { fleetLive } from '@/lib/fleet/live';
import { topologyResponse } from '@/lib/api/topology-response';

export const dynamic = 'force-dynamic';

export function GET(req?: Request): Promise<Response> {
  return topologyResponse(req, () => fleetLive().currentServed());
}
