/** GET /api/addresses: what it takes and answers. Pure. */
import { z } from 'zod';
import { cidr } from './common';

export const addressesQuery = z.object({
  subnet: cidr().optional().describe('A subnet to check before creating a network with it: the answer\'s `check` lists what it would clash with.'),
}).strict();

const route = z.object({ family: z.union([z.literal(4), z.literal(6)]), dst: z.string(), dev: z.string(), gateway: z.string().nullable(), metric: z.number() });

export const overlapSchema = z.object({
  kind: z.enum(['network', 'route', 'interface']),
  networkId: z.string(),
  networkName: z.string(),
  subnet: z.string(),
  with: z.object({
    networkId: z.string().optional(), networkName: z.string().optional(),
    route: route.optional().describe('A host route (from /proc/net/route or /proc/net/ipv6_route).'),
    interface: z.object({ name: z.string(), cidr: z.string() }).optional(),
  }),
  text: z.string().describe('What it breaks, in words.'),
});

export const addressesAnswer = z.object({
  networks: z.array(z.object({
    id: z.string(), name: z.string(), driver: z.string(), bridge: z.string().nullable(),
    subnets: z.array(z.object({
      subnet: z.string(), family: z.union([z.literal(4), z.literal(6)]), gateway: z.string().nullable(), ipRange: z.string().nullable(),
      assignable: z.string().describe('Addresses containers can be given (the subnet or its ip-range, less network, broadcast and gateway), as a decimal string: IPv6 counts exceed a JSON number.'),
      used: z.number().int().describe('The gateway and every endpoint address in the subnet.'),
      free: z.string().describe('assignable less those in use, as a decimal string.'),
    })),
  })),
  overlaps: z.array(overlapSchema).describe('Every overlap between two networks, and between a network and a host route or interface range (IPv4 and IPv6).'),
  pools: z.object({
    source: z.enum(['engine', 'default']).describe('engine: GET /info DefaultAddressPools; default: Docker\'s built-in pools (the engine reported none).'),
    note: z.string(),
    pools: z.array(z.object({ base: z.string(), size: z.number().int(), blocks: z.number().int(), free: z.number().int(), taken: z.object({ networks: z.number().int(), host: z.number().int() }) })),
  }),
  suggestion: z.object({ subnet: z.string(), gateway: z.string(), from: z.string() }).nullable().describe('A free IPv4 subnet that clashes with no network, route or interface.'),
  routes: z.object({ read: z.boolean(), reason: z.string().nullable(), count: z.number().int() }),
  check: z.object({ subnet: z.string(), clashes: z.array(overlapSchema) }).optional().describe('With ?subnet=: what that subnet would clash with.'),
});
