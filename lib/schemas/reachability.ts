/** GET /api/reachability, GET /api/reachability/matrix, POST /api/reachability/test: what they take and answer. Pure. */
import { z } from 'zod';
import { containerRef, issue, networkRef } from './common';

/** A TCP port as a query string gives it: "6379". */
export const portParam = z.unknown().transform((v, ctx) => {
  if (v === undefined || v === null || v === '') return null;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,5}$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    issue(ctx, `port ${JSON.stringify(v).slice(0, 20)} is not a TCP port`, 'a whole number from 1 to 65535, for example 6379');
    return z.NEVER;
  }
  return n;
}).openapi({ type: 'integer', minimum: 1, maximum: 65535, description: 'A TCP port of B (the container side). Without it: every port B publishes or listens on.' });

export const reachQuery = z.object({
  from: containerRef.describe('Container A (id, id prefix or name): where the connection starts.'),
  to: containerRef.describe('Container B: what A wants to reach.'),
  port: portParam.optional().transform((p) => p ?? null),
}).strict();

const containerList = z.unknown().transform((v, ctx) => {
  if (v === undefined || v === '') return null;
  const parts = typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : [];
  if (parts.length < 2) {
    issue(ctx, 'containers must name at least two containers', 'for example containers=web,db,cache');
    return z.NEVER;
  }
  const out: string[] = [];
  for (const p of parts) {
    const r = containerRef.safeParse(p);
    if (!r.success) {
      issue(ctx, `containers: ${r.error.issues[0]?.message ?? 'not a container'}`, 'container ids or names, separated by commas');
      return z.NEVER;
    }
    out.push(r.data);
  }
  return out;
}).openapi({ type: 'string', description: 'Container ids or names, separated by commas (at least two).' });

/** The matrix's query fields (documented as they are); matrixQuery adds the one-of rule. */
export const matrixFields = z.object({
  network: networkRef.optional().describe('Every container on this network.'),
  project: z.string().regex(/^[a-z0-9][a-z0-9_-]*(,[a-z0-9][a-z0-9_-]*)*$/, 'project must be compose project names (lower-case letters, digits, "_" and "-"), separated by commas').optional().describe('Every container of these compose projects (one, or several separated by commas: the seed\'s two projects side by side).'),
  containers: containerList.optional(),
  port: portParam.optional().transform((p) => p ?? null),
}).strict();

export const matrixQuery = matrixFields.transform((q, ctx) => {
  const given = [q.network, q.project, q.containers].filter((x) => x !== undefined && x !== null).length;
  if (given !== 1) {
    issue(ctx, given ? 'give only one of network, project and containers' : 'network, project or containers is required', 'for example ?network=mynet, ?project=redisinsight or ?containers=web,db');
    return z.NEVER;
  }
  return { network: q.network ?? null, project: q.project ?? null, containers: q.containers ?? null, port: q.port };
});

export const probeBodySchema = z.object({
  from: containerRef,
  to: containerRef,
  port: portParam.optional().transform((p) => p ?? null),
}).strict();
export type ProbeBody = z.infer<typeof probeBodySchema>;

export const ruleRefSchema = z.object({
  table: z.string().describe('The iptables table ("filter").'),
  chain: z.string().describe('"DOCKER-USER", or a chain it jumps to, or INPUT/OUTPUT/FORWARD.'),
  position: z.number().int().describe('1-based, as `iptables -L <chain> --line-numbers` counts (policy: one past the last rule).'),
  text: z.string().describe('The rule as iptables-save writes it.'),
  family: z.union([z.literal(4), z.literal(6)]),
  comment: z.string().nullable(),
});

export const firewallNoteSchema = z.object({
  verdict: z.enum(['drop', 'reject', 'unknown', 'accept']).describe('"unknown": a rule Switchyard cannot evaluate stands on the way; "accept": only some sources are dropped (narrowed).'),
  rule: ruleRefSchema.nullable(),
  nft: z.object({ family: z.string(), table: z.string(), chain: z.string(), hook: z.string(), handle: z.number().int().nullable(), position: z.number().int().nullable(), text: z.string() }).nullable().describe('A native nftables rule that decides (not evaluated: the verdict is then unknown).'),
  text: z.string().describe('The sentence naming the rule, its position and text.'),
  narrowed: z.array(z.object({ rule: ruleRefSchema, action: z.enum(['drop', 'reject', 'accept']), sources: z.string() })).describe('Rules that drop (or accept) the traffic only from some sources.'),
});

const listenerSchema = z.object({ address: z.string(), port: z.number().int(), family: z.union([z.literal(4), z.literal(6)]) });

export const reachFixSchema = z.object({
  text: z.string(),
  command: z.string().describe('The docker command (or the check) that does it.'),
  connect: z.object({ networkId: z.string(), containerId: z.string() }).optional().describe('A fix the dashboard can run itself: connect this container to this network.'),
  compose: z.string().optional().describe('For a compose service: the YAML that makes the fix last when compose recreates the container.'),
});

export const reachabilityAnswer = z.object({
  from: z.object({ id: z.string(), name: z.string() }),
  to: z.object({ id: z.string(), name: z.string() }),
  reachable: z.boolean().describe('A reaches B at all: by IP at the network level, or on some port (a published one).'),
  byIp: z.boolean(),
  byName: z.boolean(),
  names: z.array(z.string()),
  summary: z.string(),
  ports: z.array(z.object({
    port: z.number().int(),
    protocol: z.literal('tcp'),
    open: z.boolean(),
    byName: z.boolean(),
    targets: z.array(z.string()).describe('host:port A can connect to: addresses, names, published host ports.'),
    basis: z.enum(['listening', 'network']).describe('"listening": B\'s sockets were read; "network": only the network rules apply.'),
    reasons: z.array(z.string()),
    firewall: z.array(firewallNoteSchema).describe('The host firewall rules that drop this port on some path, or cannot be evaluated.'),
    undecided: z.boolean().describe('A rule Switchyard cannot evaluate stands on every path that would be open: whether it opens is not known.'),
  })),
  paths: z.array(z.object({
    kind: z.enum(['network', 'link', 'namespace', 'host', 'published']),
    networkId: z.string().nullable(),
    address: z.string(),
    hostPort: z.number().int().nullable(),
    containerPort: z.number().int().nullable(),
    names: z.array(z.string()),
    firewall: firewallNoteSchema.nullable().describe('What the host firewall does to a ping on this path (to the TCP port, for a published one), where it drops, rejects or cannot be decided.'),
  })),
  reasons: z.array(z.string()),
  fixes: z.array(reachFixSchema),
  listeners: z.union([
    z.object({ read: z.literal(true), sockets: z.array(listenerSchema) }),
    z.object({ read: z.literal(false), reason: z.string() }),
  ]),
  firewall: z.object({ read: z.boolean(), reason: z.string().nullable() }).describe('Whether the host\'s firewall was read into this answer, and if not, why.'),
  undecided: z.boolean().describe('The answer turns on a firewall rule Switchyard cannot evaluate (named in the reasons and summary).'),
});

export const matrixAnswer = z.object({
  scope: z.object({ kind: z.enum(['network', 'project', 'containers']), name: z.string() }),
  port: z.number().int().nullable(),
  containers: z.array(z.object({ id: z.string(), name: z.string() })),
  cells: z.array(z.object({
    from: z.number().int(), to: z.number().int(), byIp: z.boolean(), byName: z.boolean(),
    port: z.boolean().nullable().describe('Open on the port asked; null without one.'), summary: z.string(),
  })).describe('Every ordered pair (from ≠ to), by index into containers.'),
  unread: z.array(z.object({ name: z.string(), reason: z.string() })),
});

export const probeCheckSchema = z.object({
  kind: z.enum(['icmp', 'dns', 'tcp']),
  target: z.string().describe('What was tried: an address, a name, or address:port.'),
  port: z.number().int().nullable().describe('For tcp: B\'s port it stands for (a published host port is tried at its own number).'),
  predicted: z.boolean().nullable().describe('null: the prediction turns on a firewall rule Switchyard cannot evaluate.'),
  observed: z.boolean().nullable().describe('null: not tried (detail says why).'),
  agrees: z.boolean().nullable(),
  detail: z.string(),
});

/** The answer of POST /api/reachability/test, around the verdict schema it carries. */
export const probeAnswer = (prediction: z.ZodTypeAny = reachabilityAnswer) => z.object({
  from: z.object({ id: z.string(), name: z.string() }),
  to: z.object({ id: z.string(), name: z.string() }),
  via: z.union([z.enum(['exec', 'host']), z.null()]).describe('exec: inside A with its own tools; host: from the host in A\'s namespace; null: it could not test (how says why).'),
  how: z.string(),
  checks: z.array(probeCheckSchema),
  disagreements: z.number().int(),
  ms: z.number().int(),
  prediction,
});
