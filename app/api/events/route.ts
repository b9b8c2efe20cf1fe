// GET /api/events - Server-Sent Events from the server's topology store; an open page costs
// the engine nothing. Events:
//   ready        {epoch, version}  the store is live at this version
//   patch        TopologyPatch     from one version to the next (apply it; on a gap, GET /api/topology)
//   change       {type, action, id, name, container, time}  an engine event, as received
//   resyncing    {message}         the store lost its engine event stream and is reading in full;
//                                  `ready` follows with the version it reached (patches too)
//   activity     ActivityEntry     an entry just written to the activity timeline
//   engine-down  {message, hint}   the engine went away; the stream ends, reconnect
//   dropped      {at, queuedBytes, message}  first on a stream whose client (?client=ID) was
//                                  dropped for not reading (lib/events/backlog): why
// A client that leaves SWITCHYARD_SSE_BACKLOG bytes unread is dropped (the stream errors).
// With ?traffic=MS (the Traffic layer on; MS the reading interval, 1000 to 60000) also:
//   traffic        Traffic          the flows now (GET /api/traffic's answer), once
//   traffic-patch  TrafficPatch     what changed since, at each read that changed something
import { activityFor } from '@/lib/activity/service';
import { eventsResponse } from '@/lib/events/respond';

export const dynamic = 'force-dynamic';

export function GET(req: Request): Promise<Response> {
  return eventsResponse(req, (r) => {
    const { store, journal } = activityFor(r);
    return { store, journal, traffic: store };
  });
}
