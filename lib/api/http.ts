/**
 * Route input and output through the schemas (lib/schemas): parse path, query and body, and
 * answer an action's outcome. Every failure becomes an ApiError, so the one mapping
 * (./errors) words it: a 400 names the field and says what is allowed.
 */
import type { z } from 'zod';
import type { Outcome } from '@/lib/rewire/refusal';
import { checkInput } from '@/lib/schemas/common';
import { ApiError, fromRefusal } from './errors';
import { MAX_BODY_BYTES } from './limits';

export { MAX_BODY_BYTES };

/** A schema's output for the value, or a 400 from its first problem. */
export function parseInput<S extends z.ZodTypeAny>(schema: S, value: unknown): z.output<S> {
  const r = checkInput(schema, value);
  if (r.ok) return r.value;
  throw new ApiError('bad_request', r.problem.message, r.problem.hint);
}

/** Path parameters of a dynamic route (Next passes them as a promise). */
export async function parseParams<S extends z.ZodTypeAny>(schema: S, ctx: { params: Promise<unknown> }): Promise<z.output<S>> {
  return parseInput(schema, await ctx.params);
}

/** The route's own query parameters; `engine`, which every route takes, is lib/engines/registry's. */
export function parseQuery<S extends z.ZodTypeAny>(schema: S, req: Request | undefined): z.output<S> {
  const params = req ? Object.fromEntries(new URL(req.url).searchParams) : {};
  delete params.engine;
  return parseInput(schema, params);
}

/** A JSON body of bounded size through its schema; malformed or oversized bodies are 400s. */
export async function parseBody<S extends z.ZodTypeAny>(schema: S, req: Request): Promise<z.output<S>> {
  return parseInput(schema, await readJsonBody(req));
}

export async function readJsonBody(req: Request): Promise<unknown> {
  const length = Number(req.headers.get('content-length') ?? '0');
  if (length > MAX_BODY_BYTES) throw new ApiError('bad_request', `the body is ${length} bytes; at most ${MAX_BODY_BYTES} are accepted`);
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new ApiError('bad_request', `the body is larger than ${MAX_BODY_BYTES} bytes`);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('bad_request', 'the body is not valid JSON');
  }
}

/** The answer for an outcome: its value as JSON (shaped by `wrap`), or the refusal's error. */
export function answer<T>(outcome: Outcome<T>, wrap: (v: T) => unknown = (v) => v, status = 200): Response {
  if (!outcome.ok) throw fromRefusal(outcome.refusal);
  return Response.json(wrap(outcome.value), { status });
}
