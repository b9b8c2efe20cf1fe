// GET /api/compose/write-back?container= - the diff that makes a compose container's service file say what it runs with ("Make it last").
// POST /api/compose/write-back - apply that diff (refused if the file or container changed since); logged, undoable.
import { toErrorResponse } from '@/lib/api/errors';
import { answer, parseBody, parseQuery } from '@/lib/api/http';
import { changeContext, writeBack } from '@/lib/activity/service';
import { proposeWriteBack } from '@/lib/compose/write-service';
import { storeFor } from '@/lib/engines/registry';
import { writeBackBody, writeBackQuery } from '@/lib/schemas/compose';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    const store = storeFor(req);
    const q = parseQuery(writeBackQuery, req);
    return answer(await proposeWriteBack(store, q.container, q.file ?? null));
  } catch (err) {
    return toErrorResponse(err);
  }
}

export async function POST(req: Request): Promise<Response> {
  try {
    const change = changeContext(req);
    const body = await parseBody(writeBackBody, req);
    const { outcome, entry } = await writeBack(change, { container: body.container, file: body.file ?? null, base: body.base, result: body.result });
    return answer(outcome, (v) => ({ entry, proposal: v.proposal, backup: v.backup, check: v.check }));
  } catch (err) {
    return toErrorResponse(err);
  }
}
