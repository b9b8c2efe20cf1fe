// GET /api/activity/changes?since= - the graph's differences since a moment (added, removed, changed), computed from the activity log.
import { toErrorResponse } from '@/lib/api/errors';
import { parseQuery } from '@/lib/api/http';
import { activityFor } from '@/lib/activity/service';
import { changesSince } from '@/lib/activity/since';
import { changesQuery } from '@/lib/schemas/activity';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    const { journal } = activityFor(req);
    const { since } = parseQuery(changesQuery, req);
    const { entries, firstAt } = journal.log.since(since);
    return Response.json(changesSince(since, entries, firstAt), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return toErrorResponse(err);
  }
}
