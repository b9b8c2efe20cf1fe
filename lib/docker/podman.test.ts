import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildTopology } from '@/lib/topology/build';
import type { RawContainer, RawNetwork } from './engine-types';
import { isPodman, PODMAN_BRIDGE_OPTION, podmanBridges, withPodmanBridge, withPodmanNetworkMode } from './podman';

// Recorded from Podman 4.3.1's compat API (see the fixture's _comment).
const f = JSON.parse(readFileSync(new URL('./fixtures/podman-4.3.1.json', import.meta.url), 'utf8')) as {
  version: { Version: string; Components: { Name: string }[] }; networks: RawNetwork[]; libpodNetworks: unknown; container: RawContainer;
};

describe('Podman\'s compat API, read as Docker\'s', () => {
  it('knows Podman by the components GET /version lists', () => {
    expect(isPodman(f.version)).toBe(true);
    expect(isPodman({ Components: [{ Name: 'Engine' }, { Name: 'containerd' }] })).toBe(false);
    expect(isPodman({})).toBe(false);
  });

  it('gives each network the bridge interface only the libpod API names', () => {
    const net = f.networks.find((n) => n.Name === 'sy-pod-net')!;
    expect(net.Options ?? {}).not.toHaveProperty(PODMAN_BRIDGE_OPTION);
    const bridges = podmanBridges(f.libpodNetworks);
    const fixed = withPodmanBridge(net, bridges);
    expect(fixed.Options![PODMAN_BRIDGE_OPTION]).toMatch(/^podman\d+$/);
    expect(withPodmanBridge(net, new Map())).toBe(net);
    // The topology then names that bridge, not Docker's br-<id>.
    const t = buildTopology({ apiVersion: '1.41', info: {}, networks: f.networks.map((n) => withPodmanBridge(n, bridges)), containers: [withPodmanNetworkMode(f.container)], partial: [] }, { links: null });
    expect(t.networks.find((n) => n.name === 'sy-pod-net')!.bridge).toBe(fixed.Options![PODMAN_BRIDGE_OPTION]);
  });

  it('gives a container on a user network that network as its mode, as Docker does', () => {
    expect(f.container.HostConfig!.NetworkMode).toBe('bridge');
    expect(withPodmanNetworkMode(f.container).HostConfig!.NetworkMode).toBe('sy-pod-net');
    const onDefault = { ...f.container, NetworkSettings: { Networks: { bridge: {} } } } as RawContainer;
    expect(withPodmanNetworkMode(onDefault)).toBe(onDefault);
  });
});
