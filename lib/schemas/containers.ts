/** The containers resource: GET /api/containers/{id}. Pure. */
import { z } from 'zod';
import { topoContainerSchema, topoEndpointSchema, topoWarningSchema } from '@/lib/topology/types';

export { containerParams } from './networks';

export const containerAnswer = z.object({
  container: topoContainerSchema,
  endpoints: z.array(topoEndpointSchema),
  warnings: z.array(topoWarningSchema).describe('What Switchyard could not read or verify about this container.'),
  raw: z.record(z.string(), z.unknown()).nullable().describe("The engine's own GET /containers/{id}/json answer, as it gave it (null if it could not be read)."),
});
