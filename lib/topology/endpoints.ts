/** A container's NetworkSettings.Networks -> TopoEndpoints. Pure. */
import type { RawEndpointSettings } from '@/lib/docker/engine-types';
import type { TopoEndpoint, TopoNetwork } from './types';

/**
 * Aliases as the user gave them. Engines before API 1.45 add the container's short id (and
 * the docker CLI its name) to Aliases; both are names, not aliases, and appear in dnsNames.
 */
export function userAliases(aliases: readonly string[] | null | undefined, containerId: string, containerName: string): string[] {
  const shortId = containerId.slice(0, 12);
  const out: string[] = [];
  for (const a of aliases ?? []) {
    if (a === shortId || a === containerName || out.includes(a)) continue;
    out.push(a);
  }
  return out;
}

/**
 * Names other members resolve this container by on this network. Engines from API 1.44 say
 * so (DNSNames); for older ones it is what their embedded DNS answers: the container's name,
 * its aliases and its short id, on networks that have DNS at all.
 */
export function dnsNamesFor(network: Pick<TopoNetwork, 'dns'>, settings: Pick<RawEndpointSettings, 'DNSNames'>, containerId: string, containerName: string, aliases: readonly string[]): string[] {
  if (!network.dns) return [];
  if (Array.isArray(settings.DNSNames)) return [...new Set(settings.DNSNames)];
  return [...new Set([containerName, ...aliases, containerId.slice(0, 12)])];
}

export function toEndpoint(network: Pick<TopoNetwork, 'id' | 'dns'>, containerId: string, containerName: string, s: RawEndpointSettings): TopoEndpoint {
  const aliases = userAliases(s.Aliases, containerId, containerName);
  return {
    networkId: network.id,
    containerId,
    ipv4: s.IPAddress || null,
    ipv4PrefixLength: s.IPAddress && s.IPPrefixLen ? s.IPPrefixLen : null,
    ipv6: s.GlobalIPv6Address || null,
    mac: s.MacAddress ? s.MacAddress.toLowerCase() : null,
    gateway: s.Gateway || null,
    ipv6Gateway: s.IPv6Gateway || null,
    staticIpv4: s.IPAMConfig?.IPv4Address || null,
    staticIpv6: s.IPAMConfig?.IPv6Address || null,
    aliases,
    dnsNames: dnsNamesFor(network, s, containerId, containerName, aliases),
    veth: null,
  };
}
