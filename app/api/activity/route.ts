// GET /api/activity - the engine's activity timeline, newest first: changes made through Switchyard and the engine's own network events; filtered, paginated.
import { toErrorResponse } from '@/lib/api/errors';
import { parseQuery } from '@/lib/api/http';
import { activityFor } from '@/lib/activity/service';
import { activityQuery, type ActivityAnswer } from '@/lib/schemas/activity';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    const { journal } = activityFor(req);
    const q = parseQuery(activityQuery, req);
    const body: ActivityAnswer = { ...journal.log.query(q), store: journal.log.stats() };
    return Response.json(body, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return toErrorResponse(err);
  }
}
