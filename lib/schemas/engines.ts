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

/** /api/engines/{name}/agent: the engine named in the path. */
export const engineParams = z.object({
  name: z.string().max(64).regex(/^[a-zA-Z0-9][a-zA-Z0-9_.+-]*$/, 'an engine name: letters, digits and _ . + - (as docker context names)'),
});

/** GET /api/engines/{name}/agent, and the `status` of POST and DELETE's answers. */
export const agentStatusSchema = z.object({
  engine: z.string(),
  state: z.enum(['none', 'running', 'stopped']).describe('none: no agent container; stopped: it is there but not running (start it again, or remove it).'),
  local: z.boolean().describe('The engine is on this machine: Switchyard reads its host without an agent.'),
  image: z.string().describe('The image an agent is started from (SWITCHYARD_AGENT_IMAGE).'),
  container: z.object({ id: z.string(), name: z.string(), image: z.string(), startedAt: z.string().nullable() }).nullable(),
  reading: z.boolean().describe('The store reads this engine\'s host facts (veth pairs, bridges, sockets, traffic) through it now.'),
  asks: z.number().int().describe('Questions asked of it (one exec each) since this server started.'),
  failures: z.number().int(),
  lastAt: z.string().nullable(),
  lastMs: z.number().nullable(),
  lastError: z.string().nullable(),
});
export type AgentStatusBody = z.infer<typeof agentStatusSchema>;
