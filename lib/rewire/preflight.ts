/**
 * Why the engine would refuse a change, said in plain words before asking it. Pure: reads
 * only the topology. The engine stays the judge: what passes here can still be refused
 * there, and lib/rewire/explain.ts words those refusals the same way.
 */
import { cidrContains, familyOf, isIpv4NetworkOrBroadcast } from '@/lib/net/cidr';
import type { ConnectBody } from '@/lib/schemas/networks';
import type { Topology, TopoContainer, TopoNetwork } from '@/lib/topology/types';
import { refuse, type Refusal } from './refusal';

const conflict = (m: string, hint: string | null = null) => refuse('conflict', m, hint);
const bad = (m: string, hint: string | null = null) => refuse('invalid', m, hint);

export function checkConnect(t: Pick<Topology, 'endpoints' | 'containers'>, net: TopoNetwork, ctr: TopoContainer, body: Pick<ConnectBody, 'aliases' | 'ipv4' | 'ipv6'>): Refusal | null {
  if (ctr.networkMode === 'host') {
    return conflict(`${ctr.name} uses the host's network stack (--network host), so it cannot join other networks`, 'recreate it without --network host to give it networks of its own');
  }
  if (ctr.sharesNetworkWith) {
    const owner = t.containers.find((c) => c.id === ctr.sharesNetworkWith);
    return conflict(`${ctr.name} shares ${owner?.name ?? 'another container'}'s network namespace (--network container:…), so it cannot join networks itself`, `connect ${owner?.name ?? 'that container'} instead: ${ctr.name} sees its networks`);
  }
  if (ctr.networkMode === 'none') {
    return conflict(`${ctr.name} was started with --network none, so it cannot join other networks`, 'recreate it with a network (or without --network none)');
  }
  if (net.builtin && net.driver !== 'bridge') {
    return bad(`containers cannot be connected to the ${net.name} network`, 'choose a bridge or overlay network');
  }
  const existing = t.endpoints.find((e) => e.networkId === net.id && e.containerId === ctr.id);
  if (existing) {
    return conflict(`${ctr.name} is already on ${net.name}${existing.ipv4 ? ` (${existing.ipv4})` : ''}`, 'disconnect it first to change its aliases or address');
  }
  if (net.scope === 'swarm' && !net.attachable) {
    return conflict(`${net.name} is a swarm network that is not attachable: only swarm services can join it`, 'create an overlay network with --attachable for standalone containers');
  }
  if (net.builtin && (body.aliases.length || body.ipv4 || body.ipv6)) {
    return bad(`aliases and static IPs need a user-defined network; the default bridge (${net.bridge ?? 'docker0'}) has neither DNS nor fixed addresses`, 'create a network (docker network create) and connect both containers to it');
  }
  if (body.ipv4) {
    const v4 = net.subnets.map((s) => s.subnet).filter((c) => familyOf(c) === 4);
    const home = v4.find((c) => cidrContains(c, body.ipv4!));
    if (!home) {
      return bad(`${body.ipv4} is outside ${net.name}'s subnet${v4.length === 1 ? '' : 's'} ${v4.join(', ') || '(none configured)'}`, 'pick an address inside the subnet, or leave it empty to get one');
    }
    if (isIpv4NetworkOrBroadcast(home, body.ipv4)) return bad(`${body.ipv4} is the network or broadcast address of ${home}`, 'pick a host address');
    if (net.subnets.some((s) => s.gateway === body.ipv4)) return conflict(`${body.ipv4} is ${net.name}'s gateway`, 'pick another address');
    const holder = t.endpoints.find((e) => e.networkId === net.id && (e.ipv4 === body.ipv4 || e.staticIpv4 === body.ipv4));
    if (holder) {
      const who = t.containers.find((c) => c.id === holder.containerId);
      return conflict(`${body.ipv4} is in use on ${net.name} by ${who?.name ?? holder.containerId.slice(0, 12)}${holder.ipv4 ? '' : ' (stopped, but it keeps the address)'}`, 'pick another address, or leave it empty to get a free one');
    }
  }
  if (body.ipv6) {
    if (!net.ipv6) return bad(`${net.name} has no IPv6`, 'create a network with IPv6 enabled to give containers IPv6 addresses');
    const v6 = net.subnets.map((s) => s.subnet).filter((c) => familyOf(c) === 6);
    if (!v6.some((c) => cidrContains(c, body.ipv6!))) return bad(`${body.ipv6} is outside ${net.name}'s IPv6 subnet${v6.length === 1 ? '' : 's'} ${v6.join(', ')}`);
  }
  return null;
}

export function checkDisconnect(t: Pick<Topology, 'endpoints'>, net: TopoNetwork, ctr: TopoContainer): Refusal | null {
  if (!t.endpoints.some((e) => e.networkId === net.id && e.containerId === ctr.id)) {
    return conflict(`${ctr.name} is not on ${net.name}`);
  }
  if (net.builtin && net.driver === 'host') {
    return conflict(`${ctr.name} runs with --network host: it cannot be taken off the host's network`, 'recreate it with another network mode');
  }
  return null;
}

export function checkRemoveNetwork(t: Pick<Topology, 'endpoints' | 'containers'>, net: TopoNetwork): Refusal | null {
  if (net.builtin) return conflict(`${net.name} is one of the engine's builtin networks and cannot be removed`);
  const members = t.endpoints.filter((e) => e.networkId === net.id).map((e) => t.containers.find((c) => c.id === e.containerId)?.name ?? e.containerId.slice(0, 12));
  if (members.length) {
    return conflict(`${net.name} still has ${members.length} member${members.length === 1 ? '' : 's'}: ${members.join(', ')}`, 'disconnect them (or remove those containers) first; stopped containers count too');
  }
  return null;
}
