/** Network changes on the engine: connect, disconnect, create, remove. Raw engine calls only. */
import 'server-only';
import type { EngineConnection } from './client';

const MUTATION_TIMEOUT_MS = 15_000;

export function connectContainer(conn: EngineConnection, networkId: string, containerId: string, opts: { aliases: string[]; ipv4: string | null; ipv6: string | null }): Promise<void> {
  const ipam = opts.ipv4 || opts.ipv6 ? { IPv4Address: opts.ipv4 ?? undefined, IPv6Address: opts.ipv6 ?? undefined } : undefined;
  return conn.call(`POST /networks/${networkId.slice(0, 12)}/connect`, (d, signal) => d.getNetwork(networkId).connect({
    Container: containerId,
    EndpointConfig: { Aliases: opts.aliases.length ? opts.aliases : undefined, IPAMConfig: ipam },
    abortSignal: signal,
  }), MUTATION_TIMEOUT_MS);
}

export function disconnectContainer(conn: EngineConnection, networkId: string, containerId: string, force: boolean): Promise<void> {
  return conn.call(`POST /networks/${networkId.slice(0, 12)}/disconnect`, (d, signal) => d.getNetwork(networkId).disconnect({
    Container: containerId, Force: force, abortSignal: signal,
  }), MUTATION_TIMEOUT_MS);
}

export interface NetworkSpec {
  name: string;
  driver: string;
  subnet: string | null;
  gateway: string | null;
  ipRange: string | null;
  internal: boolean;
  attachable: boolean;
  ipv6: boolean;
  labels: Record<string, string>;
}

export async function createNetwork(conn: EngineConnection, spec: NetworkSpec): Promise<string> {
  const net = await conn.call('POST /networks/create', (d, signal) => d.createNetwork({
    Name: spec.name,
    Driver: spec.driver,
    CheckDuplicate: true,
    Internal: spec.internal,
    Attachable: spec.attachable,
    EnableIPv6: spec.ipv6,
    Labels: spec.labels,
    IPAM: spec.subnet ? { Driver: 'default', Config: [{ Subnet: spec.subnet, Gateway: spec.gateway ?? undefined, IPRange: spec.ipRange ?? undefined }] } : undefined,
    abortSignal: signal,
  }), MUTATION_TIMEOUT_MS);
  return net.id;
}

export function removeNetwork(conn: EngineConnection, networkId: string): Promise<void> {
  return conn.call(`DELETE /networks/${networkId.slice(0, 12)}`, (d, signal) =>
    d.getNetwork(networkId).remove({ abortSignal: signal }), MUTATION_TIMEOUT_MS);
}

/** A network as it was, every part of its configuration given again (an undone removal). */
export interface NetworkRecreation {
  name: string;
  driver: string;
  scope: string | null;
  internal: boolean;
  attachable: boolean;
  enableIPv6: boolean;
  enableIPv4: boolean | null;
  ipam: { driver: string; config: { subnet?: string; gateway?: string; ipRange?: string; auxAddresses?: Record<string, string> }[]; options: Record<string, string> };
  options: Record<string, string>;
  labels: Record<string, string>;
}

export async function recreateNetwork(conn: EngineConnection, c: NetworkRecreation): Promise<string> {
  const net = await conn.call('POST /networks/create', (d, signal) => d.createNetwork({
    Name: c.name,
    Driver: c.driver,
    CheckDuplicate: true,
    Scope: c.scope ?? undefined,
    Internal: c.internal,
    Attachable: c.attachable,
    EnableIPv6: c.enableIPv6,
    ...(c.enableIPv4 === null ? {} : { EnableIPv4: c.enableIPv4 }),
    IPAM: {
      Driver: c.ipam.driver,
      Config: c.ipam.config.map((p) => ({ Subnet: p.subnet, Gateway: p.gateway, IPRange: p.ipRange, AuxiliaryAddresses: p.auxAddresses })),
      Options: c.ipam.options,
    },
    Options: c.options,
    Labels: c.labels,
    abortSignal: signal,
  }), MUTATION_TIMEOUT_MS);
  return net.id;
}
