/**
 * The topology: Switchyard's public model of a Docker host's networks, declared once as zod
 * schemas (the types are inferred from them). Field names are a public contract (README
 * "Topology"; test/contract/topology.schema.json records them): scripts read them. Add
 * fields; do not rename. Pure.
 */
import { z } from 'zod';

const labels = z.record(z.string(), z.string());
const nullableString = z.string().nullable();

export const topologyMetaSchema = z.object({
  readAt: z.string().describe('When the engine was last read in full.'),
  engineRequests: z.number().int().describe('Engine requests that full read made (3 + one per container).'),
  readMs: z.number().describe('How long that full read took.'),
  hostLinks: z.enum(['read', 'unavailable', 'pending']).describe('"pending" between a full read and its host facts (veth pairs follow in the next version).'),
  version: z.number().int().describe("This state's number; it grows by one with every change applied (see TopologyPatch)."),
  epoch: z.string().describe("Changes with every start of the server's store: versions compare only within one epoch."),
  updatedAt: z.string().describe('When this version was made.'),
  fullReads: z.number().int().describe('Full reads since the store started (1 + one per lost event stream or safety re-read).'),
  eventsApplied: z.number().int().describe('Engine events applied since the store started.'),
}).describe('How the served topology was made: read in full at start (and after a lost event stream), then kept current from engine events.');

export const topoEngineSchema = z.object({
  id: z.string(),
  name: z.string(),
  serverVersion: z.string(),
  apiVersion: z.string().describe('The API version Switchyard spoke to read this.'),
  os: z.string(),
  swarm: z.object({ nodeId: z.string(), isManager: z.boolean() }).nullable(),
});

export const topoSubnetSchema = z.object({
  subnet: z.string(),
  gateway: nullableString.describe('From IPAM config; where IPAM leaves it out (the default bridge), the gateway the engine gives its endpoints.'),
  ipRange: nullableString,
});

export const topoNetworkSchema = z.object({
  id: z.string(),
  name: z.string(),
  driver: z.string(),
  scope: z.string(),
  internal: z.boolean(),
  attachable: z.boolean(),
  ipv6: z.boolean(),
  ingress: z.boolean(),
  subnets: z.array(topoSubnetSchema),
  bridge: nullableString.describe('Host interface: "docker0", "br-<id12>", the com.docker.network.bridge.name option, or null (not a bridge).'),
  icc: z.boolean().nullable().describe('Inter-container traffic allowed (bridge driver only; else null).'),
  builtin: z.boolean().describe("The engine's own bridge, host and none networks."),
  dns: z.boolean().describe('Containers on it resolve each other by name (user-defined networks; not the default bridge, host or none).'),
  composeProject: nullableString,
  labels,
  options: labels,
  createdAt: nullableString,
});

export const topoPortSchema = z.object({
  containerPort: z.number().int(),
  protocol: z.string(),
  hostIp: z.string(),
  hostPort: z.number().int().nullable().describe('null when the engine picks the port at start and the container is not running.'),
});

export const topoLinkSchema = z.object({
  containerId: nullableString.describe('The linked container, or null if it no longer exists.'),
  containerName: z.string().describe('Its name as written in the link.'),
  alias: z.string(),
});

export type ContainerState = 'running' | 'exited' | 'paused' | 'created' | 'restarting' | 'removing' | 'dead';

export const topoContainerSchema = z.object({
  id: z.string(),
  name: z.string().describe('Without the leading "/".'),
  image: z.string(),
  state: z.string().describe('running, exited, paused, created, restarting, removing or dead (or what a newer engine says).'),
  status: z.string().describe('The `docker ps` status line as of when the container was last read (lib/topology/status).'),
  networkMode: z.string().describe('"bridge" | "host" | "none" | "container:<id>" | "<network>".'),
  sharesNetworkWith: nullableString.describe('Id of the container whose network namespace this one uses, or null.'),
  composeProject: nullableString,
  composeService: nullableString,
  ports: z.array(topoPortSchema),
  exposedPorts: z.array(z.object({ port: z.number().int(), protocol: z.string() })).describe("Ports the image or `--expose` declares (Config.ExposedPorts), published or not."),
  links: z.array(topoLinkSchema).describe('Legacy --link targets.'),
  labels,
  pid: z.number().int().describe("Host pid of the container's init process (0 when not running)."),
  startedAt: nullableString.describe('When it last started, or null if it never has.'),
  finishedAt: nullableString.describe('When it last stopped, or null.'),
  exitCode: z.number().int().nullable().describe('Exit code of its last run, or null if it never ran.'),
  health: nullableString.describe('Its healthcheck\'s verdict ("starting", "healthy", "unhealthy"), or null without one.'),
});

export const topoVethSchema = z.object({
  containerInterface: z.string().describe('Interface name inside the container ("eth0").'),
  hostInterface: z.string().describe('Its peer on the host ("veth1a2b3c4").'),
  hostIfindex: z.number().int(),
  bridge: nullableString.describe('The bridge the host side is enslaved to ("docker0", "br-...").'),
});

export const topoEndpointSchema = z.object({
  networkId: z.string(),
  containerId: z.string(),
  ipv4: nullableString.describe('Without prefix ("10.0.0.2"); null when the container is not running.'),
  ipv4PrefixLength: z.number().int().nullable(),
  ipv6: nullableString,
  mac: nullableString,
  gateway: nullableString,
  ipv6Gateway: nullableString.describe('The IPv6 gateway, on a network with IPv6; else null.'),
  staticIpv4: nullableString.describe('The configured --ip, or null.'),
  staticIpv6: nullableString,
  aliases: z.array(z.string()).describe("As the user gave them: never the short id or the container's own name."),
  dnsNames: z.array(z.string()).describe('Names other members resolve this container by on this network; [] where the network has no DNS.'),
  veth: topoVethSchema.nullable(),
});

export type TopoWarningCode =
  | 'host_links_unavailable'
  | 'veth_unreadable'
  | 'veth_unverified'
  | 'no_veth'
  | 'inspect_failed'
  | 'unknown_network'
  | 'unknown_container';

export const topoWarningSchema = z.object({
  code: z.string().describe('host_links_unavailable, veth_unreadable, veth_unverified, no_veth, inspect_failed, unknown_network, unknown_container (more may come).'),
  message: z.string(),
  subject: z.string().optional().describe('The container or network the warning is about, where there is one.'),
});

export const topoSwarmNodeSchema = z.object({
  id: z.string(),
  hostname: z.string(),
  role: z.string().describe('manager or worker.'),
  availability: z.string().describe('active, pause or drain.'),
  state: z.string().describe('ready, down, unknown or disconnected.'),
  address: nullableString,
  leader: z.boolean(),
  engineVersion: nullableString,
  self: z.boolean().describe('The node this engine is.'),
});

export const topoServiceSchema = z.object({
  id: z.string(),
  name: z.string(),
  stack: nullableString.describe('Its `docker stack` (com.docker.stack.namespace), if any.'),
  mode: z.string().describe('replicated, global, replicated-job or global-job.'),
  replicas: z.number().int().nullable().describe('Tasks asked for (replicated); null for global services.'),
  running: z.number().int().describe('Tasks running now.'),
  image: z.string(),
  endpointMode: z.string().describe('vip (one virtual IP per network, load-balanced) or dnsrr (DNS round robin, no VIP).'),
  vips: z.array(z.object({ networkId: z.string(), address: z.string().describe('As the engine gives it, with prefix ("10.0.1.2/24").') })),
  networks: z.array(z.object({ networkId: z.string(), aliases: z.array(z.string()) })),
  ports: z.array(z.object({ protocol: z.string(), targetPort: z.number().int(), publishedPort: z.number().int().nullable(), publishMode: z.string().describe('ingress (the routing mesh, on every node) or host.') })),
});

export const topoTaskSchema = z.object({
  id: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  slot: z.number().int().nullable().describe('Its replica number; null for global services (one per node).'),
  nodeId: nullableString,
  state: z.string().describe('running, pending, preparing, failed, … (Status.State).'),
  desiredState: z.string(),
  message: z.string(),
  error: nullableString,
  containerId: nullableString.describe('Its container, on whichever node runs it.'),
  addresses: z.array(z.object({ networkId: z.string(), address: z.string() })),
});

export const topoSwarmSchema = z.object({
  nodeId: z.string().describe('This engine\'s node.'),
  nodes: z.array(topoSwarmNodeSchema),
  services: z.array(topoServiceSchema),
  tasks: z.array(topoTaskSchema).describe('Tasks that are meant to run (history left out), by service and slot.'),
}).describe('The swarm, as its manager sees it; null where the engine is not a swarm manager.');

export const topologySchema = z.object({
  engine: topoEngineSchema,
  swarm: topoSwarmSchema.nullable().optional(),
  networks: z.array(topoNetworkSchema),
  containers: z.array(topoContainerSchema),
  endpoints: z.array(topoEndpointSchema),
  warnings: z.array(topoWarningSchema),
  meta: topologyMetaSchema.optional(),
});

const entityChanges = <T extends z.ZodTypeAny>(entity: T) => z.object({
  upsert: z.array(entity),
  remove: z.array(z.string()).describe('Ids (networks, containers) or endpoint keys (`<networkId>:<containerId>`).'),
});

export const topologyPatchSchema = z.object({
  epoch: z.string(),
  from: z.number().int(),
  to: z.number().int(),
  engine: topoEngineSchema.optional(),
  swarm: topoSwarmSchema.nullable().optional().describe('The whole swarm, when it changed.'),
  networks: entityChanges(topoNetworkSchema).optional(),
  containers: entityChanges(topoContainerSchema).optional(),
  endpoints: entityChanges(topoEndpointSchema).optional(),
  warnings: z.array(topoWarningSchema).optional().describe('The whole list, when it changed.'),
  meta: topologyMetaSchema,
}).describe('From one version of the topology to the next (GET /api/events, event `patch`): applied to version `from` of the same epoch it gives version `to`; anything else calls for a full GET /api/topology.');

export type Topology = z.infer<typeof topologySchema>;
export type TopologyMeta = z.infer<typeof topologyMetaSchema>;
export type TopoEngine = z.infer<typeof topoEngineSchema>;
export type TopoSwarm = z.infer<typeof topoSwarmSchema>;
export type TopoService = z.infer<typeof topoServiceSchema>;
export type TopoTask = z.infer<typeof topoTaskSchema>;

export type TopoSubnet = z.infer<typeof topoSubnetSchema>;
export type TopoNetwork = z.infer<typeof topoNetworkSchema>;
export type TopoPort = z.infer<typeof topoPortSchema>;
export type TopoLink = z.infer<typeof topoLinkSchema>;
export type TopoContainer = z.infer<typeof topoContainerSchema>;
export type TopoVeth = z.infer<typeof topoVethSchema>;
export type TopoEndpoint = z.infer<typeof topoEndpointSchema>;
export type TopoWarning = z.infer<typeof topoWarningSchema>;
/** Changes to one kind of entity: added or changed ones whole, removed ones by key. */
export interface EntityChanges<T> {
  upsert: T[];
  remove: string[];
}
export type TopologyPatch = z.infer<typeof topologyPatchSchema>;
