/**
 * The one error mapping: a typed ApiError, its HTTP status, and the one place that turns
 * anything thrown (engine errors, domain refusals, schema failures) into the JSON body
 * `{ error: { code, message, hint } }` (lib/schemas/common errorBodySchema). The proxy, login
 * and health answer through it too. Unknown errors are logged, never echoed.
 */
import { ZodError } from 'zod';
import { EngineError, type EngineErrorKind } from '@/lib/docker/errors';
import type { Refusal, RefusalKind } from '@/lib/rewire/refusal';
import { describeIssues, type ErrorBody } from '@/lib/schemas/common';

const STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  read_only: 403,
  cross_origin: 403,
  cross_site: 403,
  json_required: 415,
  host_not_allowed: 421,
  not_found: 404,
  unknown_engine: 404,
  conflict: 409,
  body_too_large: 413,
  too_many_requests: 429,
  internal: 500,
  engine_error: 502,
  engine_unreachable: 503,
  engine_timeout: 503,
  unsafe_configuration: 503,
} as const;
export type ApiErrorCode = keyof typeof STATUS;
/** Each error code's HTTP status (the OpenAPI document lists them per route). */
export const ERROR_STATUSES = STATUS;

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

export type ApiErrorBody = ErrorBody;

const FROM_REFUSAL: Record<RefusalKind, ApiErrorCode> = { invalid: 'bad_request', 'not-found': 'not_found', conflict: 'conflict' };
export const fromRefusal = (r: Refusal) => new ApiError(FROM_REFUSAL[r.kind], r.message, r.hint);

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

/**
 * An engine's error as said of an engine that is not DOCKER_HOST's: the advice to set
 * DOCKER_HOST is for the default engine only (another is a context or SWITCHYARD_ENGINES entry).
 */
export function forEngine(name: string, e: ApiError): ApiError {
  if (name === 'default' || !/ set DOCKER_HOST to use another$/.test(e.message)) return e;
  return new ApiError(e.code, e.message.replace(/ set DOCKER_HOST to use another$/, ''), e.hint);
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof ZodError) {
    const { message, hint } = describeIssues(err);
    return new ApiError('bad_request', message, hint);
  }
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
  return errorResponse(e.code, e.message, e.hint);
}

/** The error answer for a code: its status, the one body shape, never cached. */
export function errorResponse(code: ApiErrorCode, message: string, hint: string | null = null): Response {
  const body: ApiErrorBody = { error: { code, message, hint } };
  return Response.json(body, { status: STATUS[code], headers: { 'cache-control': 'no-store' } });
}
