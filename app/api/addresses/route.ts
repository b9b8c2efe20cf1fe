// GET /api/addresses[?subnet=] - the address plan: subnets in use and free, overlaps with each other and the host's routes, the pools, a free subnet.
import { toErrorResponse } from '@/lib/api/errors';
import { parseQuery } from '@/lib/api/http';
import { addressesOf } from '@/lib/addresses/service';
import { storeFor } from '@/lib/engines/registry';
import { addressesQuery } from '@/lib/schemas/addresses';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    const store = storeFor(req);
    const q = parseQuery(addressesQuery, req);
    return Response.json(await addressesOf(store, q.subnet));
  } catch (err) {
    return toErrorResponse(err);
  }
}
