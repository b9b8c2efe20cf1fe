// POST /api/networks/{idOrName}/connect - docker network connect; answers the new endpoint.
import { parseConnectBody, readJsonBody } from '@/lib/api/bodies';
import { toErrorResponse } from '@/lib/api/errors';
import { parseRef } from '@/lib/api/validate';
import { connect } from '@/lib/rewire/service';

export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const network = parseRef('network', (await params).id);
    const body = parseConnectBody(await readJsonBody(req));
    return Response.json(await connect(network, body));
  } catch (err) {
    return toErrorResponse(err);
  }
}
