/**
 * GET /api/traffic: what it takes and answers, and the `traffic` event of GET /api/events.
 * The model of who talks to whom, declared once as zod schemas (types inferred). Pure.
 */
import { z } from 'zod';
import { containerRef, issue, networkRef } from './common';

export const FLOW_VIA = ['network', 'published-port', 'namespace', 'host', 'outside'] as const;
export const FLOW_STATE = ['open', 'opening', 'no-answer', 'refused', 'closed'] as const;

const peer = z.object({
  containerId: z.string().nullable().describe('The container; null for the host and for peers outside it.'),
  address: z.string().describe('The address this end uses (for a client seen from the server: the address it comes from).'),
  name: z.string().describe('The container\'s name, "host", or the outside address.'),
});

export const flowSchema = z.object({
  id: z.string().describe('Stable while the flow lasts: protocol, client, server, port and network.'),
  protocol: z.enum(['tcp', 'udp']),
  client: peer,
  server: peer.extend({
    port: z.number().int().describe('The port the client connects to (a host port, for a published port).'),
    containerPort: z.number().int().nullable().describe('For a published port: the container port it forwards to; else null.'),
  }),
  networkId: z.string().nullable().describe('The network the traffic crosses (the client\'s, towards the host or outside); null where none does (a shared namespace).'),
  via: z.enum(FLOW_VIA).describe('network: over a network both are on; published-port: through a port the host publishes (docker-proxy or DNAT); namespace: over loopback in a shared network namespace; host: to or from the host itself; outside: to or from an address outside this host.'),
  state: z.enum(FLOW_STATE).describe('open: a connection is established; opening: the handshake is under way (the server has answered); no-answer: the client keeps sending SYNs that get no answer; refused: the server (or a firewall) answered with a reset, seen by connection tracking; closed: only connections closed in the last minute (TIME_WAIT) are left.'),
  connections: z.number().int().describe('Connections open or opening now.'),
  attempts: z.number().int().describe('Attempts that failed or are failing: connects getting no answer now, and resets seen by connection tracking.'),
  closed: z.number().int().describe('Connections closed in the last minute (TIME_WAIT): a sign of repeated short requests.'),
  bytesPerSecond: z.number().nullable().describe('Both directions, from connection tracking accounting; null where it is not read (basis says why).'),
  since: z.string().describe('When Switchyard first saw this flow (ISO 8601).'),
  seenFrom: z.array(z.enum(['client', 'server', 'conntrack'])).describe('Whose sockets show it: the client\'s namespace, the server\'s, the host\'s connection tracking.'),
  reason: z.object({ summary: z.string(), fix: z.object({ text: z.string(), command: z.string(), connect: z.object({ networkId: z.string(), containerId: z.string() }).optional() }).nullable() }).nullable()
    .describe('For a flow that fails between two containers: the reachability explainer\'s verdict and its first fix.'),
});

export const trafficSchema = z.object({
  at: z.string().describe('When the sockets were read.'),
  intervalMs: z.number().int().describe('The reading interval in force: the shortest a watcher asked for, or longer where reading costs more than SWITCHYARD_TRAFFIC_CPU allows.'),
  basis: z.enum(['sockets', 'sockets+conntrack', 'none']).describe('sockets: every container\'s /proc/<pid>/net/{tcp,tcp6,udp,udp6} (connection counts and states); +conntrack: the host\'s /proc/net/nf_conntrack too (refused attempts, and bytes where accounting is on); none: nothing could be read (reason says why).'),
  reason: z.string().optional().describe('Why the basis is less than sockets+conntrack with bytes.'),
  flows: z.array(flowSchema),
  unread: z.array(z.object({ containerId: z.string(), name: z.string(), reason: z.string() })).describe('Running containers whose sockets could not be read, and why.'),
  readMs: z.number().describe('How long the last read took.'),
  cpuMs: z.number().describe('The CPU it took (the process\'s, over the read): past SWITCHYARD_TRAFFIC_CPU percent of one core, intervalMs is stretched and reason says so.'),
});

export const flowHistorySchema = z.object({
  id: z.string(),
  bucketMs: z.number().int(),
  points: z.array(z.object({ at: z.string(), connections: z.number(), attempts: z.number(), bytesPerSecond: z.number().nullable() })),
});

export const trafficPatchSchema = z.object({
  at: z.string(),
  intervalMs: z.number().int(),
  basis: trafficSchema.shape.basis,
  reason: z.string().optional(),
  upsert: z.array(flowSchema),
  remove: z.array(z.string()).describe('Ids of flows that are gone.'),
});

export type Flow = z.infer<typeof flowSchema>;
export type FlowVia = Flow['via'];
export type FlowState = Flow['state'];
export type Traffic = z.infer<typeof trafficSchema>;
export type TrafficPatch = z.infer<typeof trafficPatchSchema>;
export type FlowHistory = z.infer<typeof flowHistorySchema>;

/** The interval a client may ask for: 1 to 60 seconds. */
export const INTERVAL_MIN_MS = 1000;
export const INTERVAL_MAX_MS = 60_000;
export const DEFAULT_INTERVAL_MS = 2000;

const intervalParam = z.unknown().transform((v, ctx) => {
  if (v === undefined || v === '') return null;
  const n = typeof v === 'string' && /^\d{1,6}$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < INTERVAL_MIN_MS || n > INTERVAL_MAX_MS) {
    issue(ctx, `interval ${JSON.stringify(v).slice(0, 20)} is not a reading interval`, `milliseconds from ${INTERVAL_MIN_MS} to ${INTERVAL_MAX_MS}, for example 2000`);
    return z.NEVER;
  }
  return n;
}).openapi({ type: 'integer', minimum: INTERVAL_MIN_MS, maximum: INTERVAL_MAX_MS, description: 'How often to read the sockets, in milliseconds (default 2000). The engine\'s reading interval becomes the shortest one asked by a watcher.' });

export const trafficQuery = z.object({
  container: containerRef.optional().describe('Only flows with this container at either end.'),
  network: networkRef.optional().describe('Only flows over this network.'),
  interval: intervalParam.optional().transform((v) => v ?? null),
}).strict();

export const historyQuery = z.object({
  flow: z.string().min(1).max(300).describe('A flow id from GET /api/traffic.'),
}).strict();
