// POST /api/networks/{idOrName}/disconnect - docker network disconnect [--force].
import { parseDisconnectBody, readJsonBody } from '@/lib/api/bodies';
import { toErrorResponse } from '@/lib/api/errors';
import { parseRef } from '@/lib/api/validate';
import { disconnect } from '@/lib/rewire/service';

export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const network = parseRef('network', (await params).id);
    const body = parseDisconnectBody(await readJsonBody(req));
    return Response.json(await disconnect(network, body));
  } catch (err) {
    return toErrorResponse(err);
  }
}
