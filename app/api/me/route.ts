// GET /api/me - who the request was let in as, and their role on each engine (the page shows only what it allows).
import { toErrorResponse } from '@/lib/api/errors';
import { whoAmI } from '@/lib/auth/service';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    return Response.json(whoAmI(req), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return toErrorResponse(err);
  }
}
