/**
 * Route-handler errors: one typed ApiError and one place that turns anything thrown into
 * the JSON body `{ error: { code, message, hint } }`. Unknown errors are logged, never echoed.
 */
import { EngineError, type EngineErrorKind } from '@/lib/docker/errors';

export type ApiErrorCode =
  | 'bad_request'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'engine_unreachable'
  | 'engine_timeout'
  | 'engine_error'
  | 'internal';

const STATUS: Record<ApiErrorCode, number> = {
  bad_request: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  engine_error: 502,
  engine_unreachable: 503,
  engine_timeout: 503,
  internal: 500,
};

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly hint: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; hint: string | null };
}

const FROM_ENGINE: Record<EngineErrorKind, ApiErrorCode> = {
  unreachable: 'engine_unreachable',
  timeout: 'engine_timeout',
  'not-found': 'not_found',
  conflict: 'conflict',
  'bad-request': 'bad_request',
  forbidden: 'forbidden',
  engine: 'engine_error',
};

/**
 * Next bundles server code per route, and a module can load in more than one chunk: an error
 * made by the store's copy of EngineError is not `instanceof` the route's copy. Go by shape.
 */
function isEngineError(err: unknown): err is EngineError {
  return err instanceof EngineError
    || (err instanceof Error && err.name === 'EngineError' && typeof (err as EngineError).kind === 'string' && (err as EngineError).kind in FROM_ENGINE);
}

function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError || (err instanceof Error && err.name === 'ApiError' && typeof (err as ApiError).code === 'string' && (err as ApiError).code in STATUS);
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (isApiError(err)) {
    const e = err as { code: ApiErrorCode; message: string; hint: string | null };
    return new ApiError(e.code, e.message, e.hint);
  }
  if (isEngineError(err)) return new ApiError(FROM_ENGINE[err.kind], err.message, err.hint);
  console.error('[switchyard] unexpected error', err);
  return new ApiError('internal', 'Switchyard hit an unexpected error; the server log has the details', null);
}

export function toErrorResponse(err: unknown): Response {
  const e = toApiError(err);
  const body: ApiErrorBody = { error: { code: e.code, message: e.message, hint: e.hint } };
  return Response.json(body, { status: e.status, headers: { 'cache-control': 'no-store' } });
}
