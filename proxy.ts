// Every request passes the Host / Origin guard before any route runs (see lib/security).
import { NextResponse, type NextRequest } from 'next/server';
import { allowedHostsFromEnv, checkRequest } from '@/lib/security/request-guard';

const allowedHosts = allowedHostsFromEnv(process.env);

export function proxy(request: NextRequest) {
  const verdict = checkRequest({ method: request.method, header: (n) => request.headers.get(n), allowedHosts });
  if (!verdict.ok) {
    return NextResponse.json({ error: { code: verdict.code, message: verdict.message, hint: null } }, { status: verdict.status });
  }
  return NextResponse.next();
}
