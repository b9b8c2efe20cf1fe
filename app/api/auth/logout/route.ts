// POST /api/auth/logout - signs out: the session ends on the server and both sign-in cookies are cleared.
import { toErrorResponse } from '@/lib/api/errors';
import { signOut } from '@/lib/auth/sign-in';

export const dynamic = 'force-dynamic';

export async function POST(req: Request): Promise<Response> {
  try {
    return await signOut(req);
  } catch (err) {
    return toErrorResponse(err);
  }
}
