// GET /api/engines/{name}/agent - Switchyard's agent on that engine: whether it runs, whether the
// store reads the host through it, and how its questions went.
// POST - starts it (a remote engine only; its image copied from a local engine where it lacks
// it); DELETE - stops and removes it. Both are entries in the activity log. Never on their own.
import { parseParams } from '@/lib/api/http';
import { toErrorResponse } from '@/lib/api/errors';
import { agentStatus, startAgent, stopAgent } from '@/lib/activity/agent';
import { engineParams } from '@/lib/schemas/engines';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ name: string }> };

export async function GET(_req: Request, ctx: Ctx): Promise<Response> {
  try {
    const { name } = await parseParams(engineParams, ctx);
    return Response.json(await agentStatus(name), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return toErrorResponse(err);
  }
}

export async function POST(req: Request, ctx: Ctx): Promise<Response> {
  try {
    const { name } = await parseParams(engineParams, ctx);
    return Response.json(await startAgent(req, name), { status: 201 });
  } catch (err) {
    return toErrorResponse(err);
  }
}

export async function DELETE(req: Request, ctx: Ctx): Promise<Response> {
  try {
    const { name } = await parseParams(engineParams, ctx);
    return Response.json(await stopAgent(req, name));
  } catch (err) {
    return toErrorResponse(err);
  }
}
