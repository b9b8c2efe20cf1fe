/**
 * The rewiring actions: resolve ids and names against the engine's current state, refuse in
 * plain words what the engine would refuse, run the change, then re-read the engine for the
 * result (never a guess).
 */
import 'server-only';
import { ApiError } from '@/lib/api/errors';
import type { ConnectBody, CreateNetworkBody, DisconnectBody } from '@/lib/api/bodies';
import { connectContainer, createNetwork, disconnectContainer, removeNetwork } from '@/lib/docker/mutations';
import { readTopology } from '@/lib/topology/read';
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
  const before = await readTopology();
  const { net, ctr } = resolve(before, networkRef, body.container);
  const refusal = checkConnect(before, net, ctr!, body);
  if (refusal) throw refusal;
  await run(() => connectContainer(net.id, ctr!.id, body));
  const after = await readTopology();
  const endpoint = after.endpoints.find((e) => e.networkId === net.id && e.containerId === ctr!.id);
  if (!endpoint) throw new ApiError('conflict', `the engine accepted the change, but ${ctr!.name} is not on ${net.name} now`, 'someone may have changed it at the same time: refresh');
  return { endpoint, network: findNetwork(after, net.id) ?? net, container: findContainer(after, ctr!.id) ?? ctr! };
}

export async function disconnect(networkRef: string, body: DisconnectBody): Promise<{ network: TopoNetwork; container: TopoContainer }> {
  const before = await readTopology();
  const { net, ctr } = resolve(before, networkRef, body.container);
  const refusal = checkDisconnect(before, net, ctr!);
  if (refusal) throw refusal;
  await run(() => disconnectContainer(net.id, ctr!.id, body.force));
  return { network: net, container: ctr! };
}

export async function create(body: CreateNetworkBody): Promise<TopoNetwork> {
  const before = await readTopology();
  if (before.networks.some((n) => n.name === body.name)) {
    throw new ApiError('conflict', `a network called ${body.name} already exists`, 'choose another name');
  }
  if (body.driver === 'overlay' && !before.engine.swarm?.isManager) {
    throw new ApiError('conflict', 'overlay networks need a swarm manager, and this engine is not one', 'run `docker swarm init`, or use the bridge driver');
  }
  let id = '';
  await run(async () => {
    id = await createNetwork(body);
  });
  const after = await readTopology();
  const net = findNetwork(after, id);
  if (!net) throw new ApiError('conflict', `the engine created ${body.name}, but it is gone again`, 'refresh');
  return net;
}

export async function remove(networkRef: string): Promise<{ id: string; name: string }> {
  const before = await readTopology();
  const { net } = resolve(before, networkRef);
  const refusal = checkRemoveNetwork(before, net);
  if (refusal) throw refusal;
  await run(() => removeNetwork(net.id));
  return { id: net.id, name: net.name };
}
