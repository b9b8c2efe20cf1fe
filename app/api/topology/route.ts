// GET /api/topology - every network, container and endpoint of the engine, with veth links.
import { toErrorResponse } from '@/lib/api/errors';
import { readTopology } from '@/lib/topology/read';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  try {
    return Response.json(await readTopology(), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return toErrorResponse(err);
  }
}
