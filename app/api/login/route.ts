// POST /api/login - exchange the access token for an HttpOnly, SameSite=Strict session cookie.
import { readJsonBody } from '@/lib/api/bodies';
import { ApiError, toErrorResponse } from '@/lib/api/errors';
import { SESSION_COOKIE, sessionValue, tokenMatches } from '@/lib/security/auth';
import { readSecurityConfig } from '@/lib/security/config';

export async function POST(req: Request): Promise<Response> {
  try {
    const { token } = readSecurityConfig(process.env);
    if (!token) throw new ApiError('bad_request', 'no access token is configured: nothing to log in to');
    const body = (await readJsonBody(req)) as { token?: unknown };
    if (typeof body !== 'object' || body === null || typeof body.token !== 'string' || !tokenMatches(token, body.token)) {
      await new Promise((r) => setTimeout(r, 500)); // slow down guessing
      return Response.json({ error: { code: 'unauthorized', message: 'that is not the access token', hint: null } }, { status: 401 });
    }
    const secure = new URL(req.url).protocol === 'https:' ? '; Secure' : '';
    return Response.json({ ok: true }, {
      headers: { 'set-cookie': `${SESSION_COOKIE}=${sessionValue(token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200${secure}` },
    });
  } catch (err) {
    return toErrorResponse(err);
  }
}
