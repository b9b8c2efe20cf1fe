// DELETE /api/tokens/{id} - revokes a token: refused from the next request on.
import { toErrorResponse } from '@/lib/api/errors';
import { parseParams } from '@/lib/api/http';
import { revokeToken } from '@/lib/auth/service';
import { tokenParams } from '@/lib/schemas/auth';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string }> };

export async function DELETE(req: Request, ctx: Ctx): Promise<Response> {
  try {
    const { id } = await parseParams(tokenParams, ctx);
    return Response.json(revokeToken(req, id));
  } catch (err) {
    return toErrorResponse(err);
  }
}
