// GET /api/engines - every engine Switchyard knows (docker contexts, SWITCHYARD_ENGINES), each
// with its health, version, counts and swarm role; each asked in parallel and bounded in time.
import { toErrorResponse } from '@/lib/api/errors';
import { engineOverview } from '@/lib/engines/overview';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  try {
    return Response.json(await engineOverview(), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return toErrorResponse(err);
  }
}
