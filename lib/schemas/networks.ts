/**
 * The networks resource: GET/DELETE /api/networks/{id}, POST /api/networks, and
 * POST /api/networks/{id}/connect | disconnect. Bodies and answers, used by the routes and the
 * page (the dialogs' bodies are these types). Pure.
 */
import { z } from 'zod';
import { cidrContains, cidrWithin, isAddress } from '@/lib/net/cidr';
import { topoContainerSchema, topoEndpointSchema, topoNetworkSchema } from '@/lib/topology/types';
import { anyText, cidr, containerRef, ENGINE_NAME, flag, ipv4Address, ipv6Address, issue, NAME_HINT, networkRef, optional, orDefault, topologyVersionSchema } from './common';

const ALIAS = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/;
const LABEL_KEY = /^[a-zA-Z0-9][a-zA-Z0-9_.\-/]{0,127}$/;

export const networkParams = z.object({ id: networkRef });
export const containerParams = z.object({ id: containerRef });

/** One alias: a DNS name. */
export const aliasName = z.string({ invalid_type_error: 'must be a list of names' }).transform((a) => a.trim()).superRefine((a, ctx) => {
  if (a && !ALIAS.test(a)) issue(ctx, `"${a.slice(0, 64)}" is not a valid alias`, 'an alias is a DNS name: letters, digits, "_", "." and "-", starting with a letter or digit');
});
export const ALIAS_PATTERN = ALIAS;
export const LABEL_KEY_PATTERN = LABEL_KEY;

const aliases = optional(z.array(aliasName, { invalid_type_error: 'must be a list of names' }))
  .transform((a, ctx) => {
    const list = [...new Set((a ?? []).filter(Boolean))];
    if (list.length > 32) issue(ctx, 'at most 32 aliases');
    return list;
  })
  .describe('DNS names the container also answers to on this network (at most 32).');

export const connectBodySchema = z.object({
  container: containerRef,
  aliases,
  ipv4: orDefault(ipv4Address, null).describe('A static IPv4 address inside the network\'s subnet (docker network connect --ip).'),
  ipv6: orDefault(ipv6Address, null).describe('A static IPv6 address (--ip6).'),
}).strict().describe('docker network connect [--alias …] [--ip …] [--ip6 …] NETWORK CONTAINER');
export type ConnectBody = z.output<typeof connectBodySchema>;
/** What the page sends: the same, with the optional fields left out. */
export type ConnectRequest = Pick<ConnectBody, 'container'> & Partial<ConnectBody>;

export const disconnectBodySchema = z.object({
  container: containerRef,
  force: orDefault(flag, false).describe('docker network disconnect --force'),
}).strict().describe('docker network disconnect [--force] NETWORK CONTAINER');
export type DisconnectBody = z.output<typeof disconnectBodySchema>;

const labelsField = optional(z.record(z.string(), z.unknown(), { invalid_type_error: '"labels" must be an object of names to values' }))
  .transform((l, ctx) => {
    const entries = Object.entries(l ?? {});
    if (entries.length > 64) issue(ctx, 'at most 64 labels');
    for (const [k, v] of entries) {
      if (!LABEL_KEY.test(k)) return issue(ctx, `label key "${k.slice(0, 64)}" is not valid`, 'letters, digits, "_", ".", "-" and "/", starting with a letter or digit, at most 128 characters'), z.NEVER;
      if (typeof v !== 'string' || v.length > 1024) return issue(ctx, `label "${k}" must have a string value of at most 1024 characters`), z.NEVER;
    }
    return Object.fromEntries(entries) as Record<string, string>;
  });

/** The fields of a create body, one schema each (the fuzz suite draws values from them). */
export const createFields = {
  name: z.unknown().superRefine((v, ctx) => {
    if (typeof v !== 'string' || !ENGINE_NAME.test(v) || v.length > 63) issue(ctx, '"name" must be a network name', `${NAME_HINT}, at most 63 characters`);
    else if (/^[a-f0-9]{64}$/.test(v)) issue(ctx, 'a network name cannot look like a network id');
  }).transform((v) => v as string).openapi({ type: 'string', pattern: '^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$', description: "The new network's name." }),
  driver: optional(anyText()).transform((d, ctx) => {
    const driver = d ?? 'bridge';
    if (driver !== 'bridge' && driver !== 'overlay') return issue(ctx, `driver "${driver.slice(0, 40)}" is not offered`, 'use bridge, or overlay on a swarm manager'), z.NEVER;
    return driver as 'bridge' | 'overlay';
  }).describe('bridge (default) or overlay (on a swarm manager).'),
  subnet: orDefault(cidr(), null).describe('The network\'s subnet in CIDR form (--subnet).'),
  gateway: orDefault(anyText(), null).describe('The subnet\'s gateway address.'),
  ipRange: orDefault(cidr(), null).describe('A CIDR inside the subnet that the engine hands addresses out from (--ip-range).'),
  internal: orDefault(flag, false).describe('No route out of the network (--internal).'),
  attachable: orDefault(flag, false).describe('Standalone containers may join (overlay only).'),
  ipv6: orDefault(flag, false).describe('--ipv6'),
  labels: labelsField,
  acceptOverlap: orDefault(flag, false).describe('Create it even though the subnet overlaps a host route or interface range (the 409 without it names the clash).'),
};

export const createNetworkBodySchema = z.object(createFields).strict().superRefine((b, ctx) => {
  if (b.gateway !== null) {
    if (!b.subnet) return issue(ctx, 'a gateway needs a subnet');
    if (!isAddress(b.gateway)) return issue(ctx, `"${b.gateway.slice(0, 64)}" is not an IP address`, 'for example 10.77.0.1');
    if (!cidrContains(b.subnet, b.gateway)) return issue(ctx, `gateway ${b.gateway.slice(0, 64)} is not inside ${b.subnet}`);
  }
  if (b.ipRange !== null) {
    if (!b.subnet) return issue(ctx, 'an IP range needs a subnet');
    if (!cidrWithin(b.ipRange, b.subnet)) return issue(ctx, `IP range ${b.ipRange.slice(0, 64)} is not a CIDR inside ${b.subnet}`);
  }
}).describe('docker network create [--driver …] [--subnet …] [--gateway …] [--ip-range …] [--internal] [--attachable] [--ipv6] [--label k=v …] NAME');
export type CreateNetworkBody = z.output<typeof createNetworkBodySchema>;
export type CreateNetworkRequest = Pick<CreateNetworkBody, 'name'> & Partial<CreateNetworkBody>;

export const createNetworkAnswer = z.object({ network: topoNetworkSchema, topologyVersion: topologyVersionSchema });
export const connectAnswer = z.object({ endpoint: topoEndpointSchema, network: topoNetworkSchema, container: topoContainerSchema, topologyVersion: topologyVersionSchema });
export const disconnectAnswer = z.object({ network: topoNetworkSchema, container: topoContainerSchema, endpoint: topoEndpointSchema.describe('The endpoint as it was: its aliases and static addresses are what connecting again needs.'), topologyVersion: topologyVersionSchema });
export const removeNetworkAnswer = z.object({ removed: z.object({ id: z.string(), name: z.string() }), topologyVersion: topologyVersionSchema });
export const networkAnswer = z.object({
  network: topoNetworkSchema,
  endpoints: z.array(topoEndpointSchema),
  raw: z.record(z.string(), z.unknown()).describe("The engine's own GET /networks/{id} answer, as it gave it."),
});
