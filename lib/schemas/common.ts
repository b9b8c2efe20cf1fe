/**
 * What every route shares: how an engine object is named, the error body, and how a schema
 * says what is wrong in plain words (the message names the field; the hint says what is
 * allowed). Pure: used by the route handlers and by the page.
 */
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { issue } from '@/lib/config/issue';
import { isCidr } from '@/lib/net/cidr';

// `.openapi({...})` on a schema: how a field that is checked in code is documented (lib/openapi/document).
extendZodWithOpenApi(z);

/** The engine's own name rule: a letter or digit, then letters, digits, "_", "." and "-". */
export const ENGINE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
export const NAME_HINT = 'names start with a letter or digit and contain only letters, digits, "_", "." and "-"';
const HEX_ID = /^[a-f0-9]{1,64}$/;

export { issue };

const quoted = (v: string, max = 64) => `"${v.slice(0, max)}"`;

/** A container or network given by id, id prefix or name ("/name" for containers, as the engine writes it). */
function ref(kind: 'container' | 'network') {
  return z.unknown().transform((value, ctx) => {
    if (typeof value !== 'string' || value.length === 0) {
      issue(ctx, `a ${kind} id or name is required`);
      return z.NEVER;
    }
    const v = value.startsWith('/') && kind === 'container' ? value.slice(1) : value;
    if (!HEX_ID.test(v) && !(ENGINE_NAME.test(v) && v.length <= 255)) {
      issue(ctx, `${quoted(value, 80)} is not a valid ${kind} id or name`, `${NAME_HINT}; ids are hexadecimal`);
      return z.NEVER;
    }
    return v;
  }).openapi({ type: 'string', pattern: `^/?([a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}|[a-f0-9]{1,64})$`, description: `A ${kind} id, id prefix or name.` });
}
export const containerRef = ref('container');
export const networkRef = ref('network');

/** null, "" and a missing field all mean "not given" (the dashboard sends null). */
export function optional<T extends z.ZodTypeAny>(schema: T) {
  return z.preprocess((v) => (v === null || v === '' ? undefined : v), schema.optional());
}

// The building blocks below are single schemas (so the fuzz suite can draw their values:
// test/system/fuzz.test.ts); a message starting with "must" gets the field's name in front.
export const flag = z.boolean({ invalid_type_error: 'must be true or false' });
const text = () => z.string({ invalid_type_error: 'must be a string' });

/** An IPv4 address in dotted form (no leading zeros). */
export const ipv4Address = text().superRefine((v, ctx) => {
  if (!ipaddr.IPv4.isValidFourPartDecimal(v)) issue(ctx, `${quoted(v)} is not an IPv4 address`, 'for example 172.38.0.20');
});
export const ipv6Address = text().superRefine((v, ctx) => {
  if (v.length > 45 || !ipaddr.IPv6.isValid(v)) issue(ctx, `${quoted(v)} is not an IPv6 address`, 'for example fd00:77::20');
});
/** A CIDR (IPv4 or IPv6), written as given. */
export const cidr = () => text().superRefine((v, ctx) => {
  if (!isCidr(v)) issue(ctx, `${quoted(v)} is not a subnet`, 'write it in CIDR form, for example 10.77.0.0/24');
});
export const anyText = text;

/** An optional field: its value, or `dflt` when not given. */
export const orDefault = <T extends z.ZodTypeAny, D>(schema: T, dflt: D) => optional(schema).transform((v) => (v ?? dflt) as z.output<T> | D);


/**
 * The topology version a change produced: every write answers with it, and the page waits for
 * that version on its event stream (lib/hooks/use-topology) instead of fetching the topology.
 */
/** A whole-number query parameter from `min` to `max` (absent: null); the message names it. */
export const wholeNumberParam = (name: string, min: number, max: number) => z.string().optional().transform((v, ctx) => {
  if (v === undefined || v === '') return null;
  if (!/^\d{1,15}$/.test(v) || Number(v) < min || Number(v) > max) return issue(ctx, `"${name}" must be a whole number from ${min} to ${max}`), z.NEVER;
  return Number(v);
});

export const topologyVersionSchema = z.object({
  epoch: z.string().describe("The server's store's epoch (GET /api/topology's meta.epoch)."),
  version: z.number().int().describe('The version that holds this change, or a later one (meta.version).'),
}).describe('The topology version that holds this change: the patch to it comes over GET /api/events.');
export type TopologyVersion = z.infer<typeof topologyVersionSchema>;

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().describe('bad_request, unauthorized, forbidden (the hint names the role needed), too_many_requests, read_only, not_found, conflict, body_too_large, engine_error, engine_unreachable, engine_timeout, unsafe_configuration, internal'),
    message: z.string().describe('What is wrong, in plain words (a 400 names the field).'),
    hint: z.string().nullable().describe('What to do about it, or what is allowed.'),
  }),
}).describe('Every error answer, whatever the route.');
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** A value through a schema: its output, or the first problem as a message and a hint (what a 400 would say). */
export function checkInput<S extends z.ZodTypeAny>(schema: S, value: unknown): { ok: true; value: z.output<S> } | { ok: false; problem: { message: string; hint: string | null } } {
  const r = schema.safeParse(value);
  return r.success ? { ok: true, value: r.data } : { ok: false, problem: describeIssues(r.error, schema) };
}

/** The fields an object schema takes (through refinements and transforms). */
export function fieldsOf(schema: z.ZodTypeAny): string[] {
  let s: z.ZodTypeAny = schema;
  while (s instanceof z.ZodEffects) s = s.innerType();
  return s instanceof z.ZodObject ? Object.keys(s.shape as object) : [];
}

/** The first problem a schema found, as a message and a hint (`schema` names the fields allowed). */
export function describeIssues(err: z.ZodError, schema?: z.ZodTypeAny): { message: string; hint: string | null } {
  const first = err.issues[0];
  if (!first) return { message: 'the request is not valid', hint: null };
  const field = first.path.length ? `"${first.path.join('.')}"` : 'the body';
  const hint = (first.code === z.ZodIssueCode.custom ? (first.params as { hint?: string } | undefined)?.hint : undefined) ?? null;
  if (first.code === z.ZodIssueCode.unrecognized_keys) {
    const keys = first.keys.map((k) => `"${k.slice(0, 40)}"`).join(', ');
    const allowed = schema ? fieldsOf(schema) : [];
    return { message: `unknown field${first.keys.length > 1 ? 's' : ''}: ${keys}`, hint: allowed.length ? `allowed: ${allowed.join(', ')}` : null };
  }
  if (first.code === z.ZodIssueCode.invalid_type && first.path.length === 0) return { message: 'the body must be a JSON object', hint: null };
  if (first.message.startsWith('must ')) return { message: `${field} ${first.message}`, hint };
  // Every 400 names the field: messages that do not yet get it in front.
  const name = String(first.path[0] ?? '');
  const named = !name || first.message.toLowerCase().includes(name.toLowerCase());
  return { message: named ? first.message : `"${name}": ${first.message}`, hint };
}
