/**
 * The rewiring actions: read the objects concerned from the engine into the store (a change
 * made on the CLI a moment ago may not have arrived as an event yet), resolve ids and names,
 * refuse in plain words what the engine would refuse, run the change, then read the changed
 * objects again for the result (never a guess; connecting a stopped container emits no
 * event to wait for).
 */
import 'server-only';
import { ApiError } from '@/lib/api/errors';
import type { ConnectBody, CreateNetworkBody, DisconnectBody } from '@/lib/api/bodies';
import { connectContainer, createNetwork, disconnectContainer, removeNetwork } from '@/lib/docker/mutations';
import { topologyStore } from '@/lib/store/registry';
import { findContainer, findNetwork } from '@/lib/topology/select';
import type { Topology, TopoContainer, TopoEndpoint, TopoNetwork } from '@/lib/topology/types';
import { explainEngineRefusal } from './explain';
import { checkConnect, checkDisconnect, checkRemoveNetwork } from './preflight';

function resolve(t: Topology, networkRef: string, containerRef?: string): { net: TopoNetwork; ctr: TopoContainer | null } {
  const net = findNetwork(t, networkRef);
  if (!net) throw new ApiError('not_found', `no network "${networkRef}" on this engine`, 'check the name with `docker network ls`');
  if (containerRef === undefined) return { net, ctr: null };
  const ctr = findContainer(t, containerRef);
  if (!ctr) throw new ApiError('not_found', `no container "${containerRef}" on this engine`, 'check the name with `docker ps -a`');
  return { net, ctr };
}

async function run(change: () => Promise<unknown>): Promise<void> {
  try {
    await change();
  } catch (err) {
    throw explainEngineRefusal(err);
  }
}

export async function connect(networkRef: string, body: ConnectBody): Promise<{ endpoint: TopoEndpoint; network: TopoNetwork; container: TopoContainer }> {
  const store = topologyStore();
  const before = await store.refresh({ networks: [networkRef], containers: [body.container] });
  const { net, ctr } = resolve(before, networkRef, body.container);
  const refusal = checkConnect(before, net, ctr!, body);
  if (refusal) throw refusal;
  await run(() => connectContainer(store.conn, net.id, ctr!.id, body));
  const after = await store.refresh({ containers: [ctr!.id] });
  const endpoint = after.endpoints.find((e) => e.networkId === net.id && e.containerId === ctr!.id);
  if (!endpoint) throw new ApiError('conflict', `the engine accepted the change, but ${ctr!.name} is not on ${net.name} now`, 'someone may have changed it at the same time: refresh');
  return { endpoint, network: findNetwork(after, net.id) ?? net, container: findContainer(after, ctr!.id) ?? ctr! };
}

export async function disconnect(networkRef: string, body: DisconnectBody): Promise<{ network: TopoNetwork; container: TopoContainer }> {
  const store = topologyStore();
  const before = await store.refresh({ networks: [networkRef], containers: [body.container] });
  const { net, ctr } = resolve(before, networkRef, body.container);
  const refusal = checkDisconnect(before, net, ctr!);
  if (refusal) throw refusal;
  await run(() => disconnectContainer(store.conn, net.id, ctr!.id, body.force));
  await store.refresh({ containers: [ctr!.id] });
  return { network: net, container: ctr! };
}

export async function create(body: CreateNetworkBody): Promise<TopoNetwork> {
  const store = topologyStore();
  let before = await store.refresh({ networks: [body.name] });
  if (before.networks.some((n) => n.name === body.name)) {
    throw new ApiError('conflict', `a network called ${body.name} already exists`, 'choose another name');
  }
  // Joining or leaving a swarm emits no container or network event: ask the engine before refusing.
  if (body.driver === 'overlay' && !before.engine.swarm?.isManager) before = await store.refresh({ info: true });
  if (body.driver === 'overlay' && !before.engine.swarm?.isManager) {
    throw new ApiError('conflict', 'overlay networks need a swarm manager, and this engine is not one', 'run `docker swarm init`, or use the bridge driver');
  }
  let id = '';
  await run(async () => {
    id = await createNetwork(store.conn, body);
  });
  const after = await store.refresh({ networks: [id] });
  const net = findNetwork(after, id);
  if (!net) throw new ApiError('conflict', `the engine created ${body.name}, but it is gone again`, 'refresh');
  return net;
}

export async function remove(networkRef: string): Promise<{ id: string; name: string }> {
  const store = topologyStore();
  const before = await store.refresh({ networks: [networkRef] });
  const { net } = resolve(before, networkRef);
  const refusal = checkRemoveNetwork(before, net);
  if (refusal) throw refusal;
  await run(() => removeNetwork(store.conn, net.id));
  await store.refresh({ networks: [net.id] });
  return { id: net.id, name: net.name };
}
