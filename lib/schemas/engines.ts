/** GET /api/engines: every engine Switchyard knows, with its health, version, counts and swarm role. Pure. */
import { z } from 'zod';

export const engineSummarySchema = z.object({
  name: z.string().describe('The docker context name, or the SWITCHYARD_ENGINES entry; ?engine=NAME on every other route.'),
  source: z.enum(['default', 'context', 'file']).describe('default: DOCKER_HOST or the local socket; context: a docker context; file: SWITCHYARD_ENGINES.'),
  description: z.string().nullable(),
  current: z.boolean().describe('The one a request without ?engine= is about (the docker CLI\'s current context).'),
  endpoint: z.string().describe('Where it is, without credentials.'),
  ok: z.boolean(),
  state: z.string().describe('The store following it: starting, live, resyncing or down.'),
  version: z.string().nullable().describe('The engine\'s version, once it has answered.'),
  apiVersion: z.string().nullable().describe('The API version Switchyard negotiated with it.'),
  counts: z.object({ containers: z.number().int(), running: z.number().int(), networks: z.number().int() }).nullable(),
  swarm: z.object({ role: z.enum(['manager', 'worker', 'none']), nodeId: z.string().nullable() }).nullable(),
  error: z.object({ code: z.string(), message: z.string(), hint: z.string().nullable() }).nullable(),
});
export type EngineSummary = z.infer<typeof engineSummarySchema>;

export const enginesAnswer = z.object({
  current: z.string(),
  engines: z.array(engineSummarySchema),
  problems: z.array(z.string()).describe('Context or SWITCHYARD_ENGINES files that could not be used, in words.'),
});
export type EnginesBody = z.infer<typeof enginesAnswer>;
