// GET /api/health - whether the engine answers, its version, the negotiated API version and
// endpoint, and how the topology store follows it. While the store's event stream is live this
// asks the engine nothing (the stream itself says the engine is there); otherwise one GET /version.
// Down, it answers the same body with ok: false and the error, at the error's status
// (lib/api/errors); a 503 whenever the engine cannot be reached.
import { readVersion, type EngineVersion } from '@/lib/docker/client';
import { forEngine, toApiError, toErrorResponse } from '@/lib/api/errors';
import type { HealthBody } from '@/lib/schemas/health';
import { storeFor } from '@/lib/engines/registry';
import type { TopologyStore } from '@/lib/store/topology-store';
import { securityConfig } from '@/lib/security/config';

export const dynamic = 'force-dynamic';

export async function GET(req?: Request): Promise<Response> {
  let store: TopologyStore;
  try {
    store = storeFor(req);
  } catch (err) {
    return toErrorResponse(err);
  }
  const readOnly = securityConfig().readOnly;
  try {
    let v: EngineVersion;
    const held = store.engineInfo();
    if (store.status().state === 'live' && held) {
      v = held.version;
    } else {
      v = await store.conn.call('GET /version', readVersion);
      // The engine answers again: have the store read it now rather than at its next retry.
      void store.current().catch(() => {});
    }
    const engine = await store.conn.get();
    const body: HealthBody = {
      ok: true,
      name: store.conn.name,
      readOnly,
      endpoint: engine.endpointLabel,
      engine: {
        serverVersion: v.Version,
        apiVersion: engine.apiVersion,
        serverApiVersion: v.ApiVersion,
        minApiVersion: v.MinAPIVersion ?? null,
        os: v.Os,
        arch: v.Arch,
      },
      store: store.status(),
    };
    return Response.json(body, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    const e = forEngine(store.conn.name, toApiError(err));
    const body: HealthBody = { ok: false, name: store.conn.name, readOnly, endpoint: store.conn.label(), engine: null, store: store.status(), error: { code: e.code, message: e.message, hint: e.hint } };
    return Response.json(body, { status: e.status, headers: { 'cache-control': 'no-store' } });
  }
}
