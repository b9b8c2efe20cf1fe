/**
 * Podman's Docker-compatible API, made to read as Docker's where the two differ (seen with
 * Podman 4.3.1, compat API 1.41):
 * - GET /version names the engine in Components ("Podman Engine"), Version is Podman's own;
 * - a network's bridge interface (podman0, podman1, ...) is not in the compat answer, whose
 *   Options are empty; only the libpod API says it (GET /v4.0.0/libpod/networks/json,
 *   `network_interface`), and it is set here as Docker's com.docker.network.bridge.name;
 * - a container on a user-defined network says HostConfig.NetworkMode "bridge": it is given
 *   the name of its (first) network, as Docker would.
 * No swarm (Info.Swarm is always inactive), and the events stream is Podman's own.
 */
import 'server-only';
import type { EngineApi } from './engine-api';
import type { RawContainer, RawNetwork } from './engine-types';

export const PODMAN_BRIDGE_OPTION = 'com.docker.network.bridge.name';

/** What GET /version says of the engine: Podman names itself in Components. */
export function isPodman(version: { Components?: { Name?: string }[] | null }): boolean {
  return (version.Components ?? []).some((c) => /podman/i.test(c.Name ?? ''));
}

interface LibpodNetwork { id?: string; name?: string; network_interface?: string }

/** Each network's bridge interface, by id, from GET /v4.0.0/libpod/networks/json. */
export function podmanBridges(data: unknown): Map<string, string> {
  const list = (Array.isArray(data) ? data : []) as LibpodNetwork[];
  return new Map(list.filter((n) => n.id && n.network_interface).map((n) => [n.id!, n.network_interface!]));
}

/** GET /v4.0.0/libpod/networks/json: each network's bridge interface, by id. */
export function readPodmanBridges(unversioned: EngineApi, signal: AbortSignal): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    unversioned.modem.dial({ path: '/v4.0.0/libpod/networks/json', method: 'GET', statusCodes: { 200: true, 500: 'server error' }, options: {}, abortSignal: signal },
      (err: unknown, data: unknown) => {
        if (err) return reject(err);
        resolve(podmanBridges(data));
      });
  });
}

/** A compat network with its bridge interface where Podman knows it. */
export function withPodmanBridge(n: RawNetwork, bridges: ReadonlyMap<string, string>): RawNetwork {
  const iface = bridges.get(n.Id);
  if (!iface || n.Options?.[PODMAN_BRIDGE_OPTION]) return n;
  return { ...n, Options: { ...(n.Options ?? {}), [PODMAN_BRIDGE_OPTION]: iface } };
}

/** A compat container whose NetworkMode names its network, not "bridge", when it is not on one called bridge. */
export function withPodmanNetworkMode(c: RawContainer): RawContainer {
  const nets = Object.keys(c.NetworkSettings?.Networks ?? {});
  if (c.HostConfig?.NetworkMode !== 'bridge' || nets.length === 0 || nets.includes('bridge')) return c;
  return { ...c, HostConfig: { ...c.HostConfig, NetworkMode: nets.sort()[0]! } };
}
