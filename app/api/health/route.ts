// GET /api/health - whether the engine answers, its version, the negotiated API version and endpoint.
import { engineCall, endpointLabel, getEngine, readVersion } from '@/lib/docker/client';
import { toApiError } from '@/lib/api/errors';
import { readSecurityConfig } from '@/lib/security/config';

export const dynamic = 'force-dynamic';

export interface HealthBody {
  ok: boolean;
  /** Changes are turned off (SWITCHYARD_READ_ONLY). */
  readOnly: boolean;
  endpoint: string;
  engine: null | {
    serverVersion: string;
    apiVersion: string;
    serverApiVersion: string;
    minApiVersion: string | null;
    os: string;
    arch: string;
  };
  error?: { code: string; message: string; hint: string | null };
}

export async function GET(): Promise<Response> {
  try {
    const v = await engineCall('GET /version', readVersion);
    const engine = await getEngine();
    const body: HealthBody = {
      ok: true,
      readOnly: readSecurityConfig(process.env).readOnly,
      endpoint: engine.endpointLabel,
      engine: {
        serverVersion: v.Version,
        apiVersion: engine.apiVersion,
        serverApiVersion: v.ApiVersion,
        minApiVersion: v.MinAPIVersion ?? null,
        os: v.Os,
        arch: v.Arch,
      },
    };
    return Response.json(body, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    const e = toApiError(err);
    const body: HealthBody = { ok: false, readOnly: readSecurityConfig(process.env).readOnly, endpoint: endpointLabel(), engine: null, error: { code: e.code, message: e.message, hint: e.hint } };
    return Response.json(body, { status: e.status === 500 ? 500 : 503, headers: { 'cache-control': 'no-store' } });
  }
}
