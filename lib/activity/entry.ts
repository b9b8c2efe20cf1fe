/**
 * What an activity entry says, apart from where it is kept: the entry a Switchyard change or
 * an engine event makes, and what undoing a change would run. Pure.
 *
 * A change's `detail` keeps what its undo needs, read when it was made:
 * - connect: the aliases and static addresses asked for (undo: disconnect);
 * - disconnect: the endpoint's aliases and static addresses before (undo: connect with them);
 * - network-create: the new network's id (undo: remove it, while it is empty);
 * - network-remove: the network's whole configuration (undo: create it again as it was);
 * - compose-write: the file, its backup and both texts' SHA-256 (undo: the backup back in place,
 *   while the file is as Switchyard wrote it).
 */
import type { RawNetwork } from '@/lib/docker/engine-types';
import type { EngineEvent } from '@/lib/docker/events';
import type { NetworkRecreation } from '@/lib/docker/mutations';
import { connectCommand, disconnectCommand, removeCommand, shellQuote } from '@/lib/rewire/cli';
import type { ActivityEntry, ActivityKind, ActivityOrigin } from '@/lib/schemas/activity';

export type { ActivityEntry, ActivityKind, ActivityOrigin };

/** An entry before it is written (the log gives id, undoneBy and undo). */
export type EntryInput = Omit<ActivityEntry, 'id' | 'undoneBy' | 'undo'>;

/** A removed network's configuration, as GET /networks/{id} gave it: enough to create it again. */
export type NetworkConfig = NetworkRecreation;

/** The configuration of a network as the engine reports it (swarm-only fields left out). */
export function networkConfigOf(raw: RawNetwork): NetworkConfig {
  const rec = (r: Record<string, string> | null | undefined) => ({ ...(r ?? {}) });
  return {
    name: raw.Name,
    driver: raw.Driver ?? 'bridge',
    scope: raw.Scope ?? null,
    internal: raw.Internal ?? false,
    attachable: raw.Attachable ?? false,
    enableIPv6: raw.EnableIPv6 ?? false,
    enableIPv4: raw.EnableIPv4 ?? null,
    ipam: {
      driver: raw.IPAM?.Driver ?? 'default',
      config: (raw.IPAM?.Config ?? []).map((c) => {
        const out: NetworkConfig['ipam']['config'][number] = {};
        if (c.Subnet) out.subnet = c.Subnet;
        if (c.Gateway) out.gateway = c.Gateway;
        if (c.IPRange) out.ipRange = c.IPRange;
        if (c.AuxiliaryAddresses && Object.keys(c.AuxiliaryAddresses).length) out.auxAddresses = { ...c.AuxiliaryAddresses };
        return out;
      }),
      options: rec(raw.IPAM?.Options),
    },
    options: rec(raw.Options),
    labels: rec(raw.Labels),
  };
}

export interface EndpointConfig {
  aliases: string[];
  ipv4: string | null;
  ipv6: string | null;
}

/** The change that takes an entry back, or null where there is none to make. */
export type UndoPlan =
  | { kind: 'disconnect'; network: { id: string; name: string }; container: { id: string; name: string } }
  | { kind: 'connect'; network: { id: string; name: string }; container: { id: string; name: string }; endpoint: EndpointConfig }
  | { kind: 'network-remove'; network: { id: string; name: string } }
  | { kind: 'network-create'; network: { id: string; name: string }; config: NetworkConfig }
  | { kind: 'compose-restore'; container: { id: string; name: string }; file: string; backup: string; written: string; original: string };

export function endpointOf(detail: Record<string, unknown>): EndpointConfig {
  const aliases = Array.isArray(detail.aliases) ? detail.aliases.filter((a): a is string => typeof a === 'string') : [];
  const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
  return { aliases, ipv4: str(detail.ipv4), ipv6: str(detail.ipv6) };
}

export function undoPlan(e: Pick<ActivityEntry, 'source' | 'result' | 'kind' | 'network' | 'container' | 'detail'> & { undoneBy: number | null }): UndoPlan | null {
  if (e.source !== 'switchyard' || e.result !== 'done' || e.undoneBy !== null) return null;
  if (e.kind === 'compose-write') {
    const d = e.detail;
    const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
    const [file, backup, written, original] = [str(d.file), str(d.backup), str(d.after), str(d.before)];
    return e.container && file && backup && written && original ? { kind: 'compose-restore', container: e.container, file, backup, written, original } : null;
  }
  if (!e.network) return null;
  const network = e.network;
  switch (e.kind) {
    case 'connect':
      return e.container ? { kind: 'disconnect', network, container: e.container } : null;
    case 'disconnect':
      return e.container ? { kind: 'connect', network, container: e.container, endpoint: endpointOf(e.detail) } : null;
    case 'network-create':
      return { kind: 'network-remove', network };
    case 'network-remove': {
      const config = e.detail.config as NetworkConfig | undefined;
      return config && typeof config === 'object' && typeof config.name === 'string' ? { kind: 'network-create', network, config } : null;
    }
    default:
      return null;
  }
}

/** docker network create with every part of a network's configuration that can be given again. */
export function recreateCommand(c: NetworkConfig): string {
  const args = ['docker', 'network', 'create', '--driver', c.driver];
  if (c.scope && c.scope !== 'local' && c.driver !== 'overlay') args.push('--scope', c.scope);
  if (c.ipam.driver && c.ipam.driver !== 'default') args.push('--ipam-driver', c.ipam.driver);
  for (const p of c.ipam.config) {
    if (p.subnet) args.push('--subnet', p.subnet);
    if (p.gateway) args.push('--gateway', p.gateway);
    if (p.ipRange) args.push('--ip-range', p.ipRange);
    for (const [k, v] of Object.entries(p.auxAddresses ?? {})) args.push('--aux-address', `${k}=${v}`);
  }
  for (const [k, v] of Object.entries(c.ipam.options)) args.push('--ipam-opt', `${k}=${v}`);
  if (c.internal) args.push('--internal');
  if (c.attachable) args.push('--attachable');
  if (c.enableIPv6) args.push('--ipv6');
  if (c.enableIPv4 === false) args.push('--ipv4=false');
  for (const [k, v] of Object.entries(c.options)) args.push('--opt', `${k}=${v}`);
  for (const [k, v] of Object.entries(c.labels)) args.push('--label', `${k}=${v}`);
  args.push(c.name);
  return args.map(shellQuote).join(' ');
}

export function undoCommand(p: UndoPlan): string {
  switch (p.kind) {
    case 'disconnect': return disconnectCommand(p.network.name, p.container.name);
    case 'connect': return connectCommand(p.network.name, p.container.name, { aliases: p.endpoint.aliases, ipv4: p.endpoint.ipv4, ipv6: p.endpoint.ipv6 });
    case 'network-remove': return removeCommand(p.network.name);
    case 'network-create': return recreateCommand(p.config);
    case 'compose-restore': return ['cp', p.backup, p.file].map(shellQuote).join(' ');
  }
}

const EVENT_KINDS: Record<string, ActivityKind> = {
  'network:create': 'network-create',
  'network:destroy': 'network-remove',
  'network:connect': 'connect',
  'network:disconnect': 'disconnect',
  'container:start': 'container-start',
  'container:die': 'container-die',
  'container:destroy': 'container-destroy',
};

/** The activity kind of an engine event, or null for events the timeline does not keep. */
export function eventKind(e: Pick<EngineEvent, 'type' | 'action'>): ActivityKind | null {
  return EVENT_KINDS[`${e.type}:${e.action}`] ?? null;
}

const short = (id: string) => id.slice(0, 12);

/**
 * The entry an engine event makes (null for one the timeline does not keep). `names` gives
 * what the event does not say: a container's name on network events.
 */
/**
 * Why the engine said a container joined or left a network, where it was not
 * `docker network connect|disconnect`: a container joins its configured networks as it starts
 * and leaves them (keeping them configured) as it stops. Judged from what the store held:
 * - connect: the container already had the network configured (or was not known yet, as in
 *   `docker run`): it is starting (a connect on a stopped container emits no event);
 * - disconnect: once the store has read it again, the container still has the network
 *   configured (it stopped), or is gone (removed).
 */
export type LinkCause = 'start' | 'stop' | 'remove' | null;

export function connectCause(hadNetwork: boolean | null): LinkCause {
  return hadNetwork === false ? null : 'start';
}

export function disconnectCause(after: { networks: string[] } | null, network: { id: string; name: string }): LinkCause {
  if (!after) return 'remove';
  return after.networks.includes(network.id) || after.networks.includes(network.name) ? 'stop' : null;
}

/** The networks a container has configured (names and ids), from its inspect JSON. */
export function configuredNetworks(raw: { NetworkSettings?: { Networks?: Record<string, { NetworkID?: string }> | null } } | null): string[] | null {
  if (!raw) return null;
  const nets = raw.NetworkSettings?.Networks ?? {};
  return Object.entries(nets).flatMap(([name, s]) => (s?.NetworkID ? [name, s.NetworkID] : [name]));
}

export function entryFromEvent(engine: string, e: EngineEvent, names: { container: (id: string) => string | null; network: (id: string) => string | null }, cause: LinkCause = null): EntryInput | null {
  const kind = eventKind(e);
  if (!kind) return null;
  const at = new Date(e.timeNano ? Math.floor(e.timeNano / 1e6) : e.time * 1000).toISOString();
  const base = { at, engine, source: 'engine' as const, kind, result: 'done' as const, reason: null, origin: null, undoes: null };
  if (e.type === 'network') {
    const network = { id: e.id, name: e.name ?? names.network(e.id) ?? short(e.id) };
    if (kind === 'connect' || kind === 'disconnect') {
      const cid = e.container ?? '';
      const container = { id: cid, name: names.container(cid) ?? short(cid) };
      if (cause) return { ...base, network, container, command: null, detail: { cause } };
      const command = kind === 'connect' ? connectCommand(network.name, container.name, {}) : disconnectCommand(network.name, container.name);
      return { ...base, network, container, command, detail: {} };
    }
    const command = kind === 'network-create' ? `docker network create ${shellQuote(network.name)}` : removeCommand(network.name);
    return { ...base, network, container: null, command, detail: e.attributes?.type ? { driver: e.attributes.type } : {} };
  }
  const container = { id: e.id, name: e.name ?? names.container(e.id) ?? short(e.id) };
  // A container that dies may have been stopped or may have crashed: no one command says it.
  const verb = kind === 'container-start' ? 'start' : kind === 'container-destroy' ? 'rm' : null;
  const detail: Record<string, unknown> = {};
  if (kind === 'container-die' && e.attributes?.exitCode !== undefined) detail.exitCode = Number(e.attributes.exitCode);
  if (e.attributes?.image) detail.image = e.attributes.image;
  return { ...base, network: null, container, command: verb ? `docker ${verb} ${shellQuote(container.name)}` : null, detail };
}
