/** GET /api/health: whether the engine answers, and how the topology store follows it. Pure. */
import { z } from 'zod';

const storeStatusSchema = z.object({
  state: z.string().describe('starting, live, resyncing or down.'),
  endpoint: z.string(),
  epoch: z.string(),
  version: z.number().int(),
  error: z.object({ kind: z.string(), message: z.string(), hint: z.string().nullable() }).nullable(),
  eventsReceived: z.number().int(),
  eventsApplied: z.number().int(),
  streamDrops: z.number().int(),
  fullReads: z.number().int(),
  engineRequests: z.object({ fullReads: z.number().int(), events: z.number().int(), checks: z.number().int(), changes: z.number().int() }).describe('Engine requests the store made, by cause.'),
  lastFullRead: z.object({ at: z.string(), ms: z.number(), engineMs: z.number(), engineRequests: z.number().int(), hostMs: z.number().nullable() }).nullable()
    .describe('ms: until the new state was served (engine reads and build); engineMs: the engine reads alone.'),
  lastEventAt: z.string().nullable(),
  lastCheckAt: z.string().nullable(),
  lastBatch: z.object({
    events: z.number().int(), readMs: z.number(), hostMs: z.number(), buildMs: z.number(), totalMs: z.number(),
    fromEventMs: z.number().describe('From the first of its events received from the engine to its patch published (ms).'),
  }).nullable()
    .describe('The last burst of events applied: how many, and where its time went (ms).'),
}).describe('The topology store: live / resyncing / down, its version and what it has cost the engine.');

export const healthAnswer = z.object({
  ok: z.boolean(),
  name: z.string().describe('The engine\'s name (its docker context, or SWITCHYARD_ENGINES entry): ?engine=NAME.'),
  readOnly: z.boolean().describe('Changes are turned off (SWITCHYARD_READ_ONLY).'),
  endpoint: z.string().describe('The engine endpoint, without credentials.'),
  engine: z.object({
    serverVersion: z.string(),
    apiVersion: z.string().describe('The API version Switchyard negotiated and speaks.'),
    serverApiVersion: z.string(),
    minApiVersion: z.string().nullable(),
    os: z.string(),
    arch: z.string(),
  }).nullable(),
  store: storeStatusSchema,
  error: z.object({ code: z.string(), message: z.string(), hint: z.string().nullable() }).optional(),
});
export type HealthBody = z.infer<typeof healthAnswer>;
