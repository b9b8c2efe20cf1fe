/** GET /api/exposure: what it takes and answers. Pure. */
import { z } from 'zod';
import { containerRef } from './common';
import { firewallNoteSchema } from './reachability';

export const exposureQuery = z.object({
  container: containerRef.optional().describe('Only this container\'s published ports.'),
}).strict();

const interfaceVerdict = z.object({
  name: z.string().describe('A host interface other than loopback and Docker\'s own bridges and veths ("eth0", "wg0").'),
  addresses: z.array(z.string()),
  verdict: z.enum(['open', 'narrowed', 'dropped', 'unknown']).describe('open: nothing read stops a connection arriving here; narrowed: dropped for some sources only; dropped; unknown: a rule Switchyard cannot evaluate stands on the way.'),
  firewall: firewallNoteSchema.nullable(),
  route: z.enum(['dnat', 'proxy']).describe('dnat: Docker\'s DNAT forwards it (DOCKER-USER applies, INPUT does not); proxy: docker-proxy answers on the host (INPUT applies).'),
});

export const exposureSchema = z.object({
  containerId: z.string(),
  containerName: z.string(),
  composeService: z.string().nullable(),
  composeProject: z.string().nullable(),
  protocol: z.string(),
  containerPort: z.number().int(),
  hostIp: z.string().describe('The host address it is bound to ("0.0.0.0", "::", "127.0.0.1", an interface\'s address).'),
  hostPort: z.number().int(),
  scope: z.enum(['loopback', 'address', 'all']).describe('loopback: this host only; address: whoever routes to that one address; all: every interface.'),
  summary: z.string(),
  fromLoopback: z.boolean().describe('The host\'s loopback (127.0.0.1 or ::1 at hostPort) reaches it.'),
  interfaces: z.array(interfaceVerdict),
  risk: z.number().describe('Higher is riskier: 3 open to every machine that routes here, 2 open on some interface, 1 narrowed, dropped or unknown, 0 loopback only; +0.5 for a database, cache or control port.'),
  reasons: z.array(z.string()),
  fixes: z.array(z.object({ text: z.string(), command: z.string().optional(), compose: z.string().optional() })),
});

export const exposureAnswer = z.object({
  firewall: z.object({ read: z.boolean(), reason: z.string().nullable(), sources: z.array(z.object({ name: z.string(), ok: z.boolean(), reason: z.string().nullable() })) }),
  interfaces: z.array(z.object({ name: z.string(), addresses: z.array(z.string()) })).describe('The host\'s interfaces a connection from another machine can arrive on.'),
  ports: z.array(exposureSchema).describe('Every published port, riskiest first.'),
});
export type ExposureAnswer = z.infer<typeof exposureAnswer>;
