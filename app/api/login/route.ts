// POST /api/login - exchange the access token for an HttpOnly, SameSite=Strict session cookie.
import { ApiError, errorResponse, toErrorResponse } from '@/lib/api/errors';
import { parseBody } from '@/lib/api/http';
import { loginBodySchema } from '@/lib/schemas/login';
import { SESSION_COOKIE, sessionValue, tokenMatches } from '@/lib/security/auth';
import { securityConfig } from '@/lib/security/config';
import { clientAddress } from '@/lib/auth/gate';
import { authLimiter } from '@/lib/auth/limiter';
import { authStore } from '@/lib/auth/server';

export async function POST(req: Request): Promise<Response> {
  try {
    const { token } = securityConfig();
    if (!token) throw new ApiError('bad_request', 'no access token is configured: nothing to log in to');
    const address = clientAddress((n) => req.headers.get(n));
    const wait = authLimiter().wait(address);
    if (wait !== null) {
      const r = errorResponse('too_many_requests', `too many failed attempts from ${address}: try again in ${wait} s`);
      r.headers.set('retry-after', String(wait));
      return r;
    }
    const body = await parseBody(loginBodySchema, req).catch(() => null);
    if (!body || !tokenMatches(token, body.token)) {
      authLimiter().fail(address);
      authStore().log({ kind: 'sign-in-failed', actor: null, address, detail: { why: 'not the access token (SWITCHYARD_TOKEN)' } });
      await new Promise((r) => setTimeout(r, 500)); // slow down guessing
      return errorResponse('unauthorized', 'that is not the access token');
    }
    authStore().log({ kind: 'sign-in', actor: { kind: 'admin-token', id: 'SWITCHYARD_TOKEN', name: 'SWITCHYARD_TOKEN' }, address, detail: { with: 'the access token' } });
    const secure = new URL(req.url).protocol === 'https:' ? '; Secure' : '';
    return Response.json({ ok: true }, {
      headers: { 'set-cookie': `${SESSION_COOKIE}=${sessionValue(token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200${secure}` },
    });
  } catch (err) {
    return toErrorResponse(err);
  }
}
