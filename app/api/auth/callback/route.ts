// GET /api/auth/callback?code&state - where the identity provider sends the browser back: the code
// is traded and checked, the roles mapped, the session cookie set; any failure goes to /login?error=.
import { toErrorResponse } from '@/lib/api/errors';
import { finishCallback } from '@/lib/auth/sign-in';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    return await finishCallback(req);
  } catch (err) {
    return toErrorResponse(err);
  }
}
