/**
 * The topology: Switchyard's public model of a Docker host's networks. Field names are a
 * public contract (README "Topology"): scripts read them. Add fields; do not rename.
 */

export interface Topology {
  engine: TopoEngine;
  networks: TopoNetwork[];
  containers: TopoContainer[];
  endpoints: TopoEndpoint[];
  warnings: TopoWarning[];
  /** How this answer was made (not part of the engine's state). */
  meta?: TopologyMeta;
}

/**
 * How the served topology was made. Switchyard reads the engine in full at start (and after
 * its event stream was lost), then keeps the topology current from the engine's events.
 */
export interface TopologyMeta {
  /** When the engine was last read in full. */
  readAt: string;
  /** Engine requests that full read made (3 + one per container). */
  engineRequests: number;
  /** How long that full read took. */
  readMs: number;
  /** "pending" between a full read and its host facts (veth pairs follow in the next version). */
  hostLinks: 'read' | 'unavailable' | 'pending';
  /** This state's number; it grows by one with every change applied (see TopologyPatch). */
  version: number;
  /** Changes with every start of the server's store: versions compare only within one epoch. */
  epoch: string;
  /** When this version was made. */
  updatedAt: string;
  /** Full reads since the store started (1 + one per lost event stream or safety re-read). */
  fullReads: number;
  /** Engine events applied since the store started. */
  eventsApplied: number;
}

export interface TopoEngine {
  id: string;
  name: string;
  serverVersion: string;
  /** The API version Switchyard spoke to read this. */
  apiVersion: string;
  os: string;
  swarm: null | { nodeId: string; isManager: boolean };
}

export interface TopoSubnet {
  subnet: string;
  /** From IPAM config; where IPAM leaves it out (the default bridge), the gateway the engine gives its endpoints. */
  gateway: string | null;
  ipRange: string | null;
}

export interface TopoNetwork {
  id: string;
  name: string;
  driver: string;
  scope: string;
  internal: boolean;
  attachable: boolean;
  ipv6: boolean;
  ingress: boolean;
  subnets: TopoSubnet[];
  /** Host interface: "docker0", "br-<id12>", the com.docker.network.bridge.name option, or null (not a bridge). */
  bridge: string | null;
  /** Inter-container traffic allowed (bridge driver only; else null). */
  icc: boolean | null;
  /** The engine's own bridge, host and none networks. */
  builtin: boolean;
  /** Containers on it resolve each other by name (user-defined networks; not the default bridge, host or none). */
  dns: boolean;
  composeProject: string | null;
  labels: Record<string, string>;
  options: Record<string, string>;
  createdAt: string | null;
}

export interface TopoPort {
  containerPort: number;
  protocol: string;
  hostIp: string;
  /** null when the engine picks the port at start and the container is not running. */
  hostPort: number | null;
}

export interface TopoLink {
  /** The linked container, or null if it no longer exists. */
  containerId: string | null;
  /** Its name as written in the link. */
  containerName: string;
  alias: string;
}

export type ContainerState = 'running' | 'exited' | 'paused' | 'created' | 'restarting' | 'removing' | 'dead';

export interface TopoContainer {
  id: string;
  /** Without the leading "/". */
  name: string;
  image: string;
  state: ContainerState | string;
  /** The `docker ps` status line as of when the container was last read (lib/topology/status). */
  status: string;
  /** "bridge" | "host" | "none" | "container:<id>" | "<network>". */
  networkMode: string;
  /** Id of the container whose network namespace this one uses, or null. */
  sharesNetworkWith: string | null;
  composeProject: string | null;
  composeService: string | null;
  ports: TopoPort[];
  /** Legacy --link targets. */
  links: TopoLink[];
  labels: Record<string, string>;
  /** Host pid of the container's init process (0 when not running). */
  pid: number;
  /** When it last started, or null if it never has. */
  startedAt: string | null;
  /** When it last stopped, or null. */
  finishedAt: string | null;
  /** Exit code of its last run, or null if it never ran. */
  exitCode: number | null;
  /** Its healthcheck's verdict ("starting", "healthy", "unhealthy"), or null without one. */
  health: string | null;
}

export interface TopoVeth {
  /** Interface name inside the container ("eth0"). */
  containerInterface: string;
  /** Its peer on the host ("veth1a2b3c4"). */
  hostInterface: string;
  hostIfindex: number;
  /** The bridge the host side is enslaved to ("docker0", "br-..."). */
  bridge: string | null;
}

export interface TopoEndpoint {
  networkId: string;
  containerId: string;
  /** Without prefix ("10.0.0.2"); null when the container is not running. */
  ipv4: string | null;
  ipv4PrefixLength: number | null;
  ipv6: string | null;
  mac: string | null;
  gateway: string | null;
  /** The configured --ip, or null. */
  staticIpv4: string | null;
  staticIpv6: string | null;
  /** As the user gave them: never the short id or the container's own name. */
  aliases: string[];
  /** Names other members resolve this container by on this network; [] where the network has no DNS. */
  dnsNames: string[];
  veth: TopoVeth | null;
}

export type TopoWarningCode =
  | 'host_links_unavailable'
  | 'veth_unreadable'
  | 'veth_unverified'
  | 'no_veth'
  | 'inspect_failed'
  | 'unknown_network'
  | 'unknown_container';

export interface TopoWarning {
  code: TopoWarningCode | string;
  message: string;
  /** The container or network the warning is about, where there is one. */
  subject?: string;
}

/** Changes to one kind of entity: added or changed ones whole, removed ones by key. */
export interface EntityChanges<T> {
  upsert: T[];
  /** Ids (networks, containers) or endpoint keys (`<networkId>:<containerId>`). */
  remove: string[];
}

/**
 * From one version of the topology to the next (GET /api/events, event `patch`). Applied to
 * version `from` of the same epoch it gives version `to`; anything else calls for a full
 * GET /api/topology. See lib/topology/patch.ts.
 */
export interface TopologyPatch {
  epoch: string;
  from: number;
  to: number;
  engine?: TopoEngine;
  networks?: EntityChanges<TopoNetwork>;
  containers?: EntityChanges<TopoContainer>;
  endpoints?: EntityChanges<TopoEndpoint>;
  /** The whole list, when it changed. */
  warnings?: TopoWarning[];
  meta: TopologyMeta;
}
