/** GET /api/topology and GET /api/events: the topology and its patches (lib/topology/types), and how they are asked for. Pure. */
import { z } from 'zod';
import { issue } from './common';

export { topologySchema, topologyPatchSchema } from '@/lib/topology/types';

export const topologyQuery = z.object({
  encoding: z.string().optional().transform((e, ctx) => {
    if (e === undefined) return null;
    if (e === 'gzip' || e === 'br') return e;
    return issue(ctx, `encoding=${e.slice(0, 40)} is not offered`, 'use encoding=gzip or encoding=br, or leave it out for plain JSON'), z.NEVER;
  }).describe('gzip or br: the body compressed once per version and sent as is (Content-Encoding set); without it, plain JSON.'),
}).passthrough();
