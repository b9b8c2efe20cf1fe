// POST /api/plans - several changes as one: `dryRun` shows each step's command, preflight, cuts and compose diff; otherwise they run in order, and a step that fails takes back the ones done. One activity entry.
import { toErrorResponse } from '@/lib/api/errors';
import { parseBody } from '@/lib/api/http';
import { changeContext } from '@/lib/activity/service';
import { applyPlan, previewPlan } from '@/lib/plans/service';
import { planBody } from '@/lib/schemas/plans';
import { CHANGE_ROLES } from '@/lib/identity/policy';
import { requireRole } from '@/lib/auth/request';

export async function POST(req: Request): Promise<Response> {
  try {
    const change = changeContext(req);
    const body = await parseBody(planBody, req);
    // The proxy let an operator in; a plan that creates or removes a network needs admin to run.
    const admin = body.steps.find((s) => CHANGE_ROLES[s.kind] === 'admin');
    if (admin && !body.dryRun) requireRole(req, 'admin', `a plan with a ${admin.kind} step`);
    if (body.dryRun) return Response.json({ applied: false, steps: await previewPlan(change.store, body.steps), entry: null });
    return Response.json(await applyPlan(change, body.steps));
  } catch (err) {
    return toErrorResponse(err);
  }
}
