// POST /api/activity/{id}/undo - take back a change made through Switchyard (the inverse change, validated and logged like any other).
import { toErrorResponse } from '@/lib/api/errors';
import { answer, parseBody, parseParams } from '@/lib/api/http';
import { changeContext, roleToUndo, undo, writtenVersion } from '@/lib/activity/service';
import { requireRole } from '@/lib/auth/request';
import { activityParams, undoBodySchema } from '@/lib/schemas/activity';

export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const change = changeContext(req);
    const { id } = await parseParams(activityParams, ctx);
    await parseBody(undoBodySchema, req);
    // The proxy let an operator in; undoing a network's creation or removal, or a compose write, needs admin.
    requireRole(req, roleToUndo(change, id), `undoing entry ${id}`);
    return answer(await undo(change, id), (v) => ({ ...v, topologyVersion: writtenVersion(change) }));
  } catch (err) {
    return toErrorResponse(err);
  }
}
