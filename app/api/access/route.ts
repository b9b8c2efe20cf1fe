// GET /api/access[?actor=&kind=&before=&limit=] - the access log: sign-ins, failed sign-ins, sign-outs,
// token use and refusals, tokens made and revoked (newest first; no secrets).
import { toErrorResponse } from '@/lib/api/errors';
import { parseQuery } from '@/lib/api/http';
import { accessLog } from '@/lib/auth/service';
import { accessQuery } from '@/lib/schemas/auth';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    return Response.json(accessLog(parseQuery(accessQuery, req)), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return toErrorResponse(err);
  }
}
