// GET /api/exposure[?container=] - who can reach each published port: bind address, the host's interfaces, the firewall.
import { toErrorResponse } from '@/lib/api/errors';
import { parseQuery } from '@/lib/api/http';
import { storeFor } from '@/lib/engines/registry';
import { exposure } from '@/lib/exposure/service';
import { exposureQuery } from '@/lib/schemas/exposure';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    const store = storeFor(req);
    const q = parseQuery(exposureQuery, req);
    return Response.json(await exposure(store, q));
  } catch (err) {
    return toErrorResponse(err);
  }
}
