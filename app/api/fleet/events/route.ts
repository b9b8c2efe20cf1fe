// GET /api/fleet/events - the fleet's events, as GET /api/events has an engine's: `ready`,
// then a `patch` per new version of GET /api/fleet/topology (`dropped` as there). No traffic
// and no activity: those are asked of one engine.
import { eventsResponse } from '@/lib/events/respond';
import { fleetLive } from '@/lib/fleet/live';

export const dynamic = 'force-dynamic';

export function GET(req: Request): Promise<Response> {
  return eventsResponse(req, () => ({ store: fleetLive(), journal: null, traffic: null }));
}
