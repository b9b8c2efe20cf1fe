// POST /api/networks - docker network create; answers the new network.
import { parseCreateNetworkBody, readJsonBody } from '@/lib/api/bodies';
import { toErrorResponse } from '@/lib/api/errors';
import { create } from '@/lib/rewire/service';

export async function POST(req: Request): Promise<Response> {
  try {
    const body = parseCreateNetworkBody(await readJsonBody(req));
    return Response.json({ network: await create(body) }, { status: 201 });
  } catch (err) {
    return toErrorResponse(err);
  }
}
