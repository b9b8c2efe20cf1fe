/**
 * The address plan as the API answers it: the store's networks, the engine's pools (GET /info),
 * and the host's routes and interfaces where the engine is on this machine.
 */
import 'server-only';
import { isLocalEndpoint } from '@/lib/docker/endpoint';
import { readInfo } from '@/lib/docker/snapshot';
import { interfaceCidrs, readRoutes, type RoutesRead } from '@/lib/host/routes';
import type { TopologyStore } from '@/lib/store/topology-store';
import { addressPlan, clashesOf, type AddressPlan, type AddressPool, type InterfaceCidr, type Overlap } from './plan';

async function hostSide(store: TopologyStore): Promise<{ routes: RoutesRead; interfaces: InterfaceCidr[] }> {
  const engine = await store.conn.get();
  if (!isLocalEndpoint(engine.endpoint)) return { routes: { v4: null, v6: null, reason: `the engine is reached over ${engine.endpoint.kind}: its host's routes are on another machine` }, interfaces: [] };
  return { routes: await readRoutes(), interfaces: interfaceCidrs() };
}

/** The pools the engine reports (Engine API 1.39+: DefaultAddressPools), or null where it reports none. */
async function enginePools(store: TopologyStore): Promise<AddressPool[] | null> {
  const info = await readInfo(store.conn);
  const pools = (info.DefaultAddressPools ?? []).filter((p): p is { Base: string; Size: number } => typeof p.Base === 'string' && typeof p.Size === 'number');
  return pools.length ? pools.map((p) => ({ base: p.Base, size: p.Size })) : null;
}

/** The address plan, and with `subnet` what that subnet would clash with: one read of the engine and the host for both. */
export async function addressesOf(store: TopologyStore, subnet?: string): Promise<AddressPlan & { check?: { subnet: string; clashes: Overlap[] } }> {
  const [t, host, pools] = await Promise.all([store.current(), hostSide(store), enginePools(store)]);
  const inp = { topology: t, routes: host.routes, interfaces: host.interfaces };
  const plan = addressPlan({ ...inp, enginePools: pools });
  return subnet ? { ...plan, check: { subnet, clashes: clashesOf(subnet, inp) } } : plan;
}
