// POST /api/login - exchange the access token for an HttpOnly, SameSite=Strict session cookie.
import { ApiError, errorResponse, toErrorResponse } from '@/lib/api/errors';
import { parseBody } from '@/lib/api/http';
import { loginBodySchema } from '@/lib/schemas/login';
import { SESSION_COOKIE, sessionValue, tokenMatches } from '@/lib/security/auth';
import { securityConfig } from '@/lib/security/config';

export async function POST(req: Request): Promise<Response> {
  try {
    const { token } = securityConfig();
    if (!token) throw new ApiError('bad_request', 'no access token is configured: nothing to log in to');
    const body = await parseBody(loginBodySchema, req).catch(() => null);
    if (!body || !tokenMatches(token, body.token)) {
      await new Promise((r) => setTimeout(r, 500)); // slow down guessing
      return errorResponse('unauthorized', 'that is not the access token');
    }
    const secure = new URL(req.url).protocol === 'https:' ? '; Secure' : '';
    return Response.json({ ok: true }, {
      headers: { 'set-cookie': `${SESSION_COOKIE}=${sessionValue(token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200${secure}` },
    });
  } catch (err) {
    return toErrorResponse(err);
  }
}
