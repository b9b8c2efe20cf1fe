/**
 * Engine API version negotiation, as the docker CLI does it: the highest version both
 * this client and the engine speak. Pure.
 */

/** The oldest Engine API Switchyard reads (Debian 12's docker.io, Engine 20.10). */
export const CLIENT_MIN_API = '1.41';
/** The newest Engine API whose fields Switchyard knows (Docker 29). */
export const CLIENT_MAX_API = '1.52';

export function compareApi(a: string, b: string): number {
  const [amaj = 0, amin = 0] = a.split('.').map(Number);
  const [bmaj = 0, bmin = 0] = b.split('.').map(Number);
  return amaj !== bmaj ? amaj - bmaj : amin - bmin;
}

export class ApiVersionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiVersionError';
  }
}

/** Picks the API version to speak given the engine's `GET /version` answer. */
export function negotiateApiVersion(server: { ApiVersion?: string; MinAPIVersion?: string }): string {
  const serverMax = server.ApiVersion;
  if (!serverMax || !/^\d+\.\d+$/.test(serverMax)) {
    throw new ApiVersionError('the engine did not report its API version');
  }
  const serverMin = server.MinAPIVersion && /^\d+\.\d+$/.test(server.MinAPIVersion) ? server.MinAPIVersion : '1.12';
  const chosen = compareApi(serverMax, CLIENT_MAX_API) < 0 ? serverMax : CLIENT_MAX_API;
  if (compareApi(chosen, CLIENT_MIN_API) < 0) {
    throw new ApiVersionError(`the engine speaks API ${serverMax}; Switchyard needs ${CLIENT_MIN_API} or newer (Docker 20.10+)`);
  }
  if (compareApi(chosen, serverMin) < 0) {
    throw new ApiVersionError(`the engine needs API ${serverMin} or newer; Switchyard speaks up to ${CLIENT_MAX_API}`);
  }
  return chosen;
}
