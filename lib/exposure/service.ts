/**
 * Exposure as the API answers it: the store's topology, the host's interfaces and firewall
 * where the engine is on this machine (elsewhere only the bind addresses speak, and the answer
 * says so).
 */
import 'server-only';
import { ApiError } from '@/lib/api/errors';
import { isLocalEndpoint } from '@/lib/docker/endpoint';
import { firewallReader } from '@/lib/host/firewall';
import { hostInterfaces } from '@/lib/host/interfaces';
import type { ExposureAnswer } from '@/lib/schemas/exposure';
import type { TopologyStore } from '@/lib/store/topology-store';
import { findContainer } from '@/lib/topology/select';
import { exposureOf, externalInterfaces } from './exposure';

export async function exposure(store: TopologyStore, q: { container?: string }): Promise<ExposureAnswer> {
  const t = await store.current();
  const c = q.container ? findContainer(t, q.container) : null;
  if (q.container && !c) throw new ApiError('bad_request', `container: no container "${q.container.slice(0, 64)}" on this engine`, 'a container id, id prefix or name from GET /api/topology');
  const engine = await store.conn.get();
  const local = isLocalEndpoint(engine.endpoint);
  const fw = local ? await firewallReader().current() : null;
  const ifaces = local ? hostInterfaces() : [];
  const scoped = c ? { ...t, containers: [c] } : t;
  const bridges = new Set(t.networks.map((n) => n.bridge).filter((b): b is string => !!b));
  return {
    firewall: fw ? { read: fw.read, reason: fw.reason, sources: fw.sources } : { read: false, reason: `the engine is reached over ${engine.endpoint.kind}: its host's interfaces and firewall are on another machine`, sources: [] },
    interfaces: externalInterfaces(ifaces, bridges).map((i) => ({ ...i, addresses: i.addresses.filter((a) => !a.startsWith('fe80:')) })),
    ports: exposureOf(scoped, ifaces, fw),
  };
}
