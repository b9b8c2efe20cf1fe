/**
 * The dockerode calls Switchyard makes, typed as dockerode 5 takes and answers them. Its
 * typings (@types/dockerode 4) predate the `abortSignal` option every call here passes, and
 * type the answers loosely or as dockerode's own objects; the engine's JSON is lib/docker/
 * engine-types. The one cast from dockerode to these types is `engineApi` below: every other
 * module calls through it (EngineConnection.call hands it to each call).
 */
import type Docker from 'dockerode';
import { modemGet, type JsonGet } from './direct-get';
import type { RawContainer, RawContainerSummary, RawInfo, RawNetwork, RawNode, RawService, RawTask } from './engine-types';

interface Signal { abortSignal: AbortSignal }

/** GET /version's answer. */
export interface EngineVersion {
  Version: string;
  ApiVersion: string;
  MinAPIVersion?: string;
  Os: string;
  Arch: string;
  KernelVersion?: string;
  /** Podman names itself here (lib/docker/podman). */
  Components?: { Name?: string; Version?: string }[] | null;
}

/** POST /networks/create's body (the parts Switchyard sends). */
export interface NetworkCreateBody {
  Name: string;
  Driver: string;
  CheckDuplicate?: boolean;
  Internal: boolean;
  Attachable: boolean;
  EnableIPv6: boolean;
  /** Engine 28+ only: left out for older engines. */
  EnableIPv4?: boolean;
  Labels: Record<string, string>;
  Options?: Record<string, string>;
  Scope?: string;
  IPAM?: { Driver: string; Config: { Subnet?: string; Gateway?: string; IPRange?: string; AuxiliaryAddresses?: Record<string, string> }[]; Options?: Record<string, string> };
}

export interface EndpointConfigBody {
  Aliases?: string[];
  IPAMConfig?: { IPv4Address?: string; IPv6Address?: string };
}

export interface EngineApi {
  /** GET a path of the versioned API as JSON (the store's lists and inspects: ./direct-get). */
  getJson: JsonGet;
  version(o: Signal): Promise<EngineVersion>;
  info(o: Signal): Promise<RawInfo>;
  listNetworks(o: Signal): Promise<RawNetwork[]>;
  listContainers(o: Signal & { all: boolean; filters?: Record<string, string[]> }): Promise<RawContainerSummary[]>;
  /** POST /containers/create (Switchyard's agent: lib/agent). */
  createContainer(o: Signal & { name: string } & Record<string, unknown>): Promise<{ id: string }>;
  getImage(name: string): {
    inspect(o: Signal): Promise<unknown>;
    /** GET /images/{name}/get: the image as a tar stream (docker save). dockerode takes no options here (an object would be taken for a callback). */
    get(): Promise<NodeJS.ReadableStream>;
  };
  /** POST /images/load: a tar stream in (docker load); the engine's progress out. */
  loadImage(tar: NodeJS.ReadableStream, o: Signal): Promise<NodeJS.ReadableStream>;
  listNodes(o: Signal): Promise<RawNode[]>;
  listServices(o: Signal): Promise<RawService[]>;
  listTasks(o: Signal): Promise<RawTask[]>;
  /** GET /events: the raw stream of JSON lines. */
  getEvents(o: Signal & { filters: Record<string, string[]> }): Promise<NodeJS.ReadableStream>;
  createNetwork(o: Signal & NetworkCreateBody): Promise<{ id: string }>;
  getNetwork(id: string): {
    inspect(o: Signal): Promise<RawNetwork>;
    connect(o: Signal & { Container: string; EndpointConfig?: EndpointConfigBody }): Promise<void>;
    disconnect(o: Signal & { Container: string; Force: boolean }): Promise<void>;
    remove(o: Signal): Promise<void>;
  };
  getContainer(id: string): {
    inspect(o: Signal): Promise<RawContainer>;
    /** GET /containers/{id}/archive: a tar stream. */
    getArchive(o: Signal & { path: string }): Promise<NodeJS.ReadableStream>;
    exec: Docker.Container['exec'];
    start(o: Signal): Promise<void>;
    remove(o: Signal & { force: boolean }): Promise<void>;
  };
  modem: {
    demuxStream: Docker['modem']['demuxStream'];
    /** A request of dockerode's modem (Podman's own API). */
    dial(o: { path: string; method: 'GET'; statusCodes: Record<number, true | string>; options: object } & Signal, cb: (err: unknown, data: unknown) => void): void;
  };
}

/**
 * The dockerode client as the calls above: the one cast between dockerode and these types.
 * `getJson` is the GET the store's reads go through (./direct-get): straight on node:http where
 * it can, else through dockerode's modem.
 */
export function engineApi(docker: Docker, getJson?: JsonGet): EngineApi {
  const api = docker as unknown as EngineApi;
  api.getJson = getJson ?? modemGet(api.modem);
  return api;
}
