/**
 * The Engine API objects Switchyard reads, as the engine sends them (PascalCase), typed only
 * as far as we read them. Fields marked "(API x)" exist only from that version on; every
 * optional field may be absent on one engine or another.
 */

export interface RawIpamConfig {
  Subnet?: string;
  Gateway?: string;
  IPRange?: string;
  AuxiliaryAddresses?: Record<string, string> | null;
}

/** GET /networks (list) and GET /networks/{id}. The list has no members on most engines. */
export interface RawNetwork {
  Id: string;
  Name: string;
  Created?: string;
  Scope?: string;
  Driver?: string;
  EnableIPv4?: boolean; // (API 1.47)
  EnableIPv6?: boolean;
  IPAM?: { Driver?: string; Config?: RawIpamConfig[] | null; Options?: Record<string, string> | null };
  Internal?: boolean;
  Attachable?: boolean;
  Ingress?: boolean;
  ConfigOnly?: boolean;
  Containers?: Record<string, { Name?: string; EndpointID?: string; MacAddress?: string; IPv4Address?: string; IPv6Address?: string }> | null;
  Options?: Record<string, string> | null;
  Labels?: Record<string, string> | null;
}

/** One entry of NetworkSettings.Networks in GET /containers/{id}/json. */
export interface RawEndpointSettings {
  IPAMConfig?: { IPv4Address?: string; IPv6Address?: string; LinkLocalIPs?: string[] } | null;
  Links?: string[] | null;
  Aliases?: string[] | null;
  MacAddress?: string;
  NetworkID?: string;
  EndpointID?: string;
  Gateway?: string;
  IPAddress?: string;
  IPPrefixLen?: number;
  IPv6Gateway?: string;
  GlobalIPv6Address?: string;
  GlobalIPv6PrefixLen?: number;
  DNSNames?: string[] | null; // (API 1.44)
}

export interface RawPortBinding {
  HostIp?: string;
  HostPort?: string;
}

/** GET /containers/{id}/json. */
export interface RawContainer {
  Id: string;
  Name: string;
  Created?: string;
  Image?: string;
  Config?: { Image?: string; Labels?: Record<string, string> | null; Hostname?: string; ExposedPorts?: Record<string, unknown> | null };
  State?: {
    Status?: string; Running?: boolean; Paused?: boolean; Restarting?: boolean; Pid?: number; ExitCode?: number;
    StartedAt?: string; FinishedAt?: string; Health?: { Status?: string } | null;
  };
  HostConfig?: { NetworkMode?: string; Links?: string[] | null; PortBindings?: Record<string, RawPortBinding[] | null> | null };
  NetworkSettings?: { Ports?: Record<string, RawPortBinding[] | null> | null; Networks?: Record<string, RawEndpointSettings> | null };
}

/** One row of GET /containers/json?all=1 (used for ids, Status text, and when an inspect fails). */
export interface RawContainerSummary {
  Id: string;
  Names?: string[];
  Image?: string;
  State?: string;
  Status?: string;
  Labels?: Record<string, string> | null;
  Ports?: { PrivatePort: number; PublicPort?: number; Type: string; IP?: string }[];
  HostConfig?: { NetworkMode?: string };
  NetworkSettings?: { Networks?: Record<string, RawEndpointSettings> | null };
}

/** GET /info, the fields we read. */
export interface RawInfo {
  ID?: string;
  Name?: string;
  ServerVersion?: string;
  OperatingSystem?: string;
  OSType?: string;
  Swarm?: { NodeID?: string; LocalNodeState?: string; ControlAvailable?: boolean } | null;
  /** The pools networks are cut from ("default-address-pools"); null or absent where the engine uses its defaults. */
  DefaultAddressPools?: { Base?: string; Size?: number }[] | null;
}

/** GET /nodes (a swarm manager only). */
export interface RawNode {
  ID: string;
  Description?: { Hostname?: string; Engine?: { EngineVersion?: string } } | null;
  Spec?: { Role?: string; Availability?: string; Labels?: Record<string, string> | null } | null;
  Status?: { State?: string; Addr?: string; Message?: string } | null;
  ManagerStatus?: { Leader?: boolean; Reachability?: string; Addr?: string } | null;
}

/** GET /services (a swarm manager only). */
export interface RawService {
  ID: string;
  Spec?: {
    Name?: string;
    Labels?: Record<string, string> | null;
    Mode?: { Replicated?: { Replicas?: number } | null; Global?: object | null; ReplicatedJob?: object | null; GlobalJob?: object | null } | null;
    TaskTemplate?: { ContainerSpec?: { Image?: string } | null; Networks?: { Target?: string; Aliases?: string[] | null }[] | null } | null;
    /** Before API 1.44 the networks were here too. */
    Networks?: { Target?: string; Aliases?: string[] | null }[] | null;
    EndpointSpec?: { Mode?: string } | null;
  } | null;
  Endpoint?: {
    Spec?: { Mode?: string } | null;
    Ports?: { Protocol?: string; TargetPort?: number; PublishedPort?: number; PublishMode?: string }[] | null;
    VirtualIPs?: { NetworkID?: string; Addr?: string }[] | null;
  } | null;
}

/** GET /tasks (a swarm manager only). */
export interface RawTask {
  ID: string;
  ServiceID?: string;
  Slot?: number;
  NodeID?: string;
  DesiredState?: string;
  Status?: { State?: string; Message?: string; Err?: string; ContainerStatus?: { ContainerID?: string } | null } | null;
  NetworksAttachments?: { Network?: { ID?: string }; Addresses?: string[] | null }[] | null;
}

/** A swarm as its manager sees it. */
export interface RawSwarm {
  nodes: RawNode[];
  services: RawService[];
  tasks: RawTask[];
}

/** Everything one topology is built from: what the engine said, at one moment. */
export interface EngineSnapshot {
  /** The API version the snapshot was read with (shapes differ by version). */
  apiVersion: string;
  info: RawInfo;
  networks: RawNetwork[];
  /** Inspect data; a container whose inspect failed appears here built from its list row. */
  containers: RawContainer[];
  /**
   * When each container was inspected (ms since the epoch, by id): its status line is made
   * for that moment, so a container that did not change reads the same in every build.
   */
  inspectedAt?: Record<string, number>;
  /** Containers whose inspect failed: their ids and why. */
  partial: { id: string; reason: string }[];
  /** The swarm's nodes, services and tasks, where the engine is a swarm manager; null elsewhere. */
  swarm?: RawSwarm | null;
}
