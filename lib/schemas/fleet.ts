/** GET /api/fleet: every engine's topology as one (lib/fleet/merge). Pure. */
import { z } from 'zod';
import { topologySchema } from './topology';

export const fleetAnswer = z.object({
  topology: topologySchema.describe('Ids of an engine\'s own objects are `<engine>/<id>`; swarm-scoped networks keep their id and appear once; containers are grouped ("composeProject") by "engine: NAME", or "node: HOST (not reachable)" for a task on a node no engine of the fleet is (state "unreachable").'),
  engines: z.array(z.object({
    name: z.string(),
    nodeId: z.string().nullable().describe('Its swarm node ID (from /info), where it is a swarm node.'),
    ok: z.boolean(),
    error: z.string().nullable(),
  })),
});
export type FleetBody = z.infer<typeof fleetAnswer>;
