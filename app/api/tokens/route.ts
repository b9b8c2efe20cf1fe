// GET /api/tokens - every API token (never the token itself: only hashes are kept).
// POST - makes one ({ name, role, engine?, expires? }); the answer holds the token, shown this once.
import { toErrorResponse } from '@/lib/api/errors';
import { parseBody } from '@/lib/api/http';
import { createToken } from '@/lib/auth/service';
import { authStore } from '@/lib/auth/server';
import { createTokenBody } from '@/lib/schemas/auth';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  try {
    return Response.json({ tokens: authStore().tokens() }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return toErrorResponse(err);
  }
}

export async function POST(req: Request): Promise<Response> {
  try {
    const body = await parseBody(createTokenBody, req);
    return Response.json(createToken(req, body), { status: 201, headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return toErrorResponse(err);
  }
}
