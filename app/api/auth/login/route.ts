// GET /api/auth/login[?next=/path] - starts a sign-in at the identity provider (authorization code
// with PKCE): a sealed cookie for the callback and a redirect to the provider.
import { toErrorResponse } from '@/lib/api/errors';
import { parseQuery } from '@/lib/api/http';
import { startSignIn } from '@/lib/auth/sign-in';
import { signInQuery } from '@/lib/schemas/auth';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    const { next } = parseQuery(signInQuery, req);
    return await startSignIn(req, next);
  } catch (err) {
    return toErrorResponse(err);
  }
}
