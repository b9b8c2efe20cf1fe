/**
 * The activity resource: GET /api/activity (the timeline, filtered and paginated),
 * POST /api/activity/{id}/undo, GET /api/activity/changes?since= (the graph's differences
 * since a moment, computed from the log). Queries and answers. Pure.
 */
import { z } from 'zod';
import { issue, topologyVersionSchema, wholeNumberParam } from './common';

export const ACTIVITY_KINDS = ['connect', 'disconnect', 'network-create', 'network-remove', 'container-start', 'container-die', 'container-destroy', 'agent-start', 'agent-stop', 'compose-write', 'plan'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

const objectRef = z.object({ id: z.string(), name: z.string() });

export const activityOriginSchema = z.object({
  via: z.enum(['loopback', 'session', 'sign-in', 'bearer']).describe('loopback: nothing is configured, so only this machine can ask; session: the token login cookie; sign-in: signed in through the identity provider; bearer: an Authorization header.'),
  client: z.enum(['page', 'api']).describe("page: Switchyard's own page sent it (Sec-Fetch-Site same-origin); api: a script or curl."),
  address: z.string().nullable().describe('The peer address, where the server was told it (X-Forwarded-For as Next.js sets it).'),
  actor: z.object({
    kind: z.enum(['loopback', 'admin-token', 'user', 'token']),
    id: z.string().describe("The provider's sub for a user, the token's id."),
    name: z.string(),
  }).nullable().describe('Who: the user or token (null in entries written before Switchyard named them).'),
});
export type ActivityOrigin = z.infer<typeof activityOriginSchema>;

export const activityEntrySchema = z.object({
  id: z.number().int().describe('Increasing in the order entries were written: the cursor for `before`.'),
  at: z.string().describe('When (ISO 8601, ms): the engine event\'s own time, or when Switchyard was asked.'),
  engine: z.string(),
  source: z.enum(['switchyard', 'engine']).describe('switchyard: a change asked of Switchyard; engine: an engine event Switchyard did not cause (the CLI, compose, another tool).'),
  kind: z.enum(ACTIVITY_KINDS),
  result: z.enum(['done', 'refused', 'failed']).describe('refused: Switchyard or the engine said no (reason says why); failed: the engine could not be reached.'),
  reason: z.string().nullable(),
  network: objectRef.nullable(),
  container: objectRef.nullable(),
  command: z.string().nullable().describe('The docker CLI command that does the same.'),
  origin: activityOriginSchema.nullable().describe('Who asked, for changes through Switchyard.'),
  detail: z.record(z.string(), z.unknown()).describe('What the undo needs and the inspector shows: aliases and static addresses, the removed network\'s full configuration, an exit code.'),
  undoes: z.number().int().nullable().describe('The entry this change undid.'),
  undoneBy: z.number().int().nullable(),
  undo: z.object({ command: z.string() }).nullable().describe('What undoing it would run; null where it cannot be undone (an engine event, a refusal, already undone).'),
});
export type ActivityEntry = z.infer<typeof activityEntrySchema>;

const int = wholeNumberParam;

/** A moment: ISO 8601, or ms since the epoch. */
export const moment = (name: string) => z.string().optional().transform((v, ctx) => {
  if (v === undefined || v === '') return null;
  const ms = /^\d{1,15}$/.test(v) ? Number(v) : Date.parse(v);
  if (!Number.isFinite(ms)) return issue(ctx, `"${name}" must be a time`, 'ISO 8601 (2026-12-02T10:00:00Z) or milliseconds since the epoch'), z.NEVER;
  return ms;
}).openapi({ type: 'string', description: 'ISO 8601, or milliseconds since the epoch.' });

const NAMEISH = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}$/;
const objectFilter = (name: string) => z.string().optional().transform((v, ctx) => {
  if (v === undefined || v === '') return null;
  const s = v.startsWith('/') ? v.slice(1) : v;
  if (!NAMEISH.test(s)) return issue(ctx, `"${name}" must be an id, id prefix or name`), z.NEVER;
  return s;
});

export const activityQuery = z.object({
  container: objectFilter('container').describe('Only entries about this container (id, id prefix or name).'),
  network: objectFilter('network').describe('Only entries about this network (id, id prefix or name).'),
  actor: z.string().max(200).optional().transform((v) => v?.trim() || null).describe("Only changes asked by this user or token (its name or id, exactly)."),
  kind: z.string().optional().transform((v, ctx) => {
    if (v === undefined || v === '') return null;
    const kinds = v.split(',').map((k) => k.trim()).filter(Boolean);
    const bad = kinds.find((k) => !(ACTIVITY_KINDS as readonly string[]).includes(k));
    if (bad) return issue(ctx, `"kind" ${JSON.stringify(bad.slice(0, 40))} is not an activity kind`, `kinds: ${ACTIVITY_KINDS.join(', ')} (comma separated)`), z.NEVER;
    return kinds as ActivityKind[];
  }).describe(`Comma separated: ${ACTIVITY_KINDS.join(', ')}.`),
  source: z.enum(['switchyard', 'engine'], { errorMap: () => ({ message: '"source" must be switchyard or engine' }) }).optional(),
  since: moment('since').describe('Entries at or after this time.'),
  until: moment('until').describe('Entries before this time.'),
  before: int('before', 1, Number.MAX_SAFE_INTEGER).describe('Entries older than this id: the `next` cursor of the previous page.'),
  limit: int('limit', 1, 500).describe('Entries per page, newest first (default 50, at most 500).'),
}).strict();
export type ActivityQuery = z.output<typeof activityQuery>;

export const activityStoreSchema = z.object({
  kind: z.enum(['sqlite', 'memory']).describe('memory: the data directory could not be used; entries last until the server stops.'),
  path: z.string().nullable(),
  entries: z.number().int(),
  maxEntries: z.number().int().describe('Older entries are dropped past this (SWITCHYARD_ACTIVITY_MAX).'),
  bytes: z.number().int().nullable(),
  notice: z.string().nullable().describe('A store that was set aside (damaged, or not Switchyard\'s) or a data directory that cannot be used, in words.'),
});

export const activityAnswer = z.object({
  entries: z.array(activityEntrySchema),
  next: z.number().int().nullable().describe('Pass as `before` for the next (older) page; null at the end.'),
  total: z.number().int().describe('Entries matching the filter, on every page.'),
  store: activityStoreSchema,
});
export type ActivityAnswer = z.infer<typeof activityAnswer>;

export const activityParams = z.object({
  id: z.string().transform((v, ctx) => {
    if (!/^\d{1,15}$/.test(v) || Number(v) < 1) return issue(ctx, `"${v.slice(0, 20)}" is not an activity entry id`, 'a whole number, as GET /api/activity gives'), z.NEVER;
    return Number(v);
  }).openapi({ type: 'string', pattern: '^[0-9]{1,15}$' }),
});

/** The undo's body: nothing to give (what to undo is the path's entry). */
export const undoBodySchema = z.object({}).strict().describe('An empty object: the entry in the path says what to undo.');

export const undoAnswer = z.object({
  entry: activityEntrySchema.describe('The undo, as logged.'),
  undone: activityEntrySchema.describe('The entry it undid, now with undoneBy set.'),
  topologyVersion: topologyVersionSchema,
});

export const changesQuery = z.object({
  since: moment('since').transform((v, ctx) => {
    if (v === null) return issue(ctx, '"since" is required', 'ISO 8601 or milliseconds since the epoch'), z.NEVER;
    return v;
  }),
}).strict();

const changedObject = z.object({ id: z.string(), name: z.string() });
const changedEndpoint = z.object({ network: changedObject, container: changedObject });
const diffGroup = z.object({
  networks: z.array(changedObject),
  containers: z.array(changedObject),
  endpoints: z.array(changedEndpoint),
});
export const changesAnswer = z.object({
  since: z.string(),
  added: diffGroup.describe('Networks created, containers started (from stopped or new) and connections made since then, still there now.'),
  removed: diffGroup.describe('Networks, containers and connections there then and gone now.'),
  changed: z.object({ containers: z.array(changedObject.extend({ from: z.string(), to: z.string() })).describe('Containers whose state changed (running, exited) and not in added or removed.') }),
  entries: z.number().int().describe('Log entries the differences come from.'),
  complete: z.boolean().describe('false when the log does not reach back that far (entries were dropped, or Switchyard was not running): changes before its first entry are not known.'),
});
export type ChangesAnswer = z.infer<typeof changesAnswer>;
