/** Engine network -> TopoNetwork. Pure. */
import type { RawEndpointSettings, RawNetwork } from '@/lib/docker/engine-types';
import { cidrContains } from '@/lib/net/cidr';
import type { TopoNetwork } from './types';

const BUILTIN_DRIVER: Record<string, string> = { bridge: 'bridge', host: 'host', none: 'null' };

export type NetworkFields = Pick<RawNetwork, 'Id' | 'Name'> &
  Partial<Pick<RawNetwork, 'Created' | 'Scope' | 'Driver' | 'EnableIPv6' | 'IPAM' | 'Internal' | 'Attachable' | 'Ingress' | 'Options' | 'Labels'>>;

export function isBuiltinNetwork(n: Pick<RawNetwork, 'Name' | 'Driver' | 'Scope'>): boolean {
  return BUILTIN_DRIVER[n.Name] !== undefined && BUILTIN_DRIVER[n.Name] === n.Driver && (n.Scope ?? 'local') === 'local';
}

/** The host bridge interface of a bridge-driver network. */
export function bridgeName(n: Pick<RawNetwork, 'Id' | 'Driver' | 'Options'>): string | null {
  if (n.Driver !== 'bridge') return null;
  return n.Options?.['com.docker.network.bridge.name'] || `br-${n.Id.slice(0, 12)}`;
}

/**
 * @param gatewaysSeen gateways the engine gave endpoints on this network, used where IPAM
 *   config has none (the default bridge on Engine 20.10 records only its subnet).
 */
export function toNetwork(n: NetworkFields, gatewaysSeen: readonly string[] = []): TopoNetwork {
  const options = { ...(n.Options ?? {}) };
  const labels = { ...(n.Labels ?? {}) };
  const driver = n.Driver ?? '';
  const builtin = isBuiltinNetwork({ Name: n.Name, Driver: driver, Scope: n.Scope });
  const subnets = (n.IPAM?.Config ?? [])
    .filter((c) => c.Subnet)
    .map((c) => ({
      subnet: c.Subnet!,
      gateway: c.Gateway || gatewaysSeen.find((g) => cidrContains(c.Subnet!, g)) || null,
      ipRange: c.IPRange || null,
    }));
  return {
    id: n.Id,
    name: n.Name,
    driver,
    scope: n.Scope ?? 'local',
    internal: n.Internal === true,
    attachable: n.Attachable === true,
    ipv6: n.EnableIPv6 === true,
    ingress: n.Ingress === true,
    subnets,
    bridge: bridgeName({ Id: n.Id, Driver: driver, Options: options }),
    icc: driver === 'bridge' ? options['com.docker.network.bridge.enable_icc'] !== 'false' : null,
    builtin,
    // Docker's embedded DNS serves user-defined networks only (moby: NetworkMode.IsUserDefined).
    dns: !builtin,
    composeProject: labels['com.docker.compose.project'] ?? null,
    labels,
    options,
    createdAt: n.Created ?? null,
  };
}

/** Gateways per network id, as the engine reported them on endpoints. */
export function gatewaysByNetwork(settings: readonly Pick<RawEndpointSettings, 'NetworkID' | 'Gateway'>[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of settings) {
    if (!s.NetworkID || !s.Gateway) continue;
    const list = out.get(s.NetworkID) ?? [];
    if (!list.includes(s.Gateway)) list.push(s.Gateway);
    out.set(s.NetworkID, list);
  }
  return out;
}
