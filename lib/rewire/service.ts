/**
 * The rewiring actions: read the objects concerned from the engine into the store (a change
 * made on the CLI a moment ago may not have arrived as an event yet), resolve ids and names,
 * refuse in plain words what the engine would refuse, run the change, then read the changed
 * objects again for the result (never a guess; connecting a stopped container emits no
 * event to wait for). Each answers an Outcome: done, or refused in plain words (./refusal);
 * only failures to reach the engine are thrown.
 */
import 'server-only';
import type { RawNetwork } from '@/lib/docker/engine-types';
import { connectContainer, createNetwork, disconnectContainer, recreateNetwork, removeNetwork, type NetworkRecreation } from '@/lib/docker/mutations';
import type { ConnectBody, CreateNetworkBody, DisconnectBody } from '@/lib/schemas/networks';
import type { TopologyStore } from '@/lib/store/topology-store';
import { findContainer, findNetwork } from '@/lib/topology/select';
import type { Topology, TopoContainer, TopoEndpoint, TopoNetwork } from '@/lib/topology/types';
import { explainEngineRefusal } from './explain';
import { addressesOf } from '@/lib/addresses/service';
import { checkConnect, checkDisconnect, checkRemoveNetwork } from './preflight';
import { done, refuse, refused, type Outcome, type Refusal } from './refusal';

export const noNetwork = (ref: string) => refuse('not-found', `no network "${ref}" on this engine`, 'check the name with `docker network ls`');
export const noContainer = (ref: string) => refuse('not-found', `no container "${ref}" on this engine`, 'check the name with `docker ps -a`');

function resolve(t: Topology, networkRef: string, containerRef: string): Outcome<{ net: TopoNetwork; ctr: TopoContainer }> {
  const net = findNetwork(t, networkRef);
  if (!net) return refused(noNetwork(networkRef));
  const ctr = findContainer(t, containerRef);
  return ctr ? done({ net, ctr }) : refused(noContainer(containerRef));
}

/** Runs a change on the engine: null when done, its refusal reworded, or the error thrown on. */
async function run(change: () => Promise<unknown>): Promise<Refusal | null> {
  try {
    await change();
    return null;
  } catch (err) {
    const refusal = explainEngineRefusal(err);
    if (refusal) return refusal;
    throw err;
  }
}

export async function connect(store: TopologyStore, networkRef: string, body: ConnectBody): Promise<Outcome<{ endpoint: TopoEndpoint; network: TopoNetwork; container: TopoContainer }>> {
  const before = await store.refresh({ networks: [networkRef], containers: [body.container] });
  const found = resolve(before, networkRef, body.container);
  if (!found.ok) return found;
  const { net, ctr } = found.value;
  const refusal = checkConnect(before, net, ctr, body) ?? await run(() => connectContainer(store.conn, net.id, ctr.id, body));
  if (refusal) return refused(refusal);
  const after = await store.refresh({ containers: [ctr.id] });
  const endpoint = after.endpoints.find((e) => e.networkId === net.id && e.containerId === ctr.id);
  if (!endpoint) return refused(refuse('conflict', `the engine accepted the change, but ${ctr.name} is not on ${net.name} now`, 'someone may have changed it at the same time: refresh'));
  return done({ endpoint, network: findNetwork(after, net.id) ?? net, container: findContainer(after, ctr.id) ?? ctr });
}

/** Disconnects; answers the endpoint as it was (its aliases and static addresses: what a reconnect needs). */
export async function disconnect(store: TopologyStore, networkRef: string, body: DisconnectBody): Promise<Outcome<{ network: TopoNetwork; container: TopoContainer; endpoint: TopoEndpoint }>> {
  const before = await store.refresh({ networks: [networkRef], containers: [body.container] });
  const found = resolve(before, networkRef, body.container);
  if (!found.ok) return found;
  const { net, ctr } = found.value;
  const refusal = checkDisconnect(before, net, ctr) ?? await run(() => disconnectContainer(store.conn, net.id, ctr.id, body.force));
  if (refusal) return refused(refusal);
  const endpoint = before.endpoints.find((e) => e.networkId === net.id && e.containerId === ctr.id)!;
  await store.refresh({ containers: [ctr.id] });
  return done({ network: net, container: ctr, endpoint });
}

export async function create(store: TopologyStore, body: CreateNetworkBody): Promise<Outcome<TopoNetwork>> {
  let before = await store.refresh({ networks: [body.name] });
  if (before.networks.some((n) => n.name === body.name)) return refused(refuse('conflict', `a network called ${body.name} already exists`, 'choose another name'));
  // Joining or leaving a swarm emits no container or network event: ask the engine before refusing.
  if (body.driver === 'overlay' && !before.engine.swarm?.isManager) before = await store.refresh({ info: true });
  if (body.driver === 'overlay' && !before.engine.swarm?.isManager) {
    return refused(refuse('conflict', 'overlay networks need a swarm manager, and this engine is not one', 'run `docker swarm init`, or use the bridge driver'));
  }
  if (body.subnet && !body.acceptOverlap) {
    // The engine refuses a subnet another network has, not one the host routes elsewhere (a VPN, the LAN): say so first.
    const { check, suggestion } = await addressesOf(store, body.subnet);
    const clashes = check?.clashes ?? [];
    if (clashes.length) {
      return refused(refuse('conflict', `${body.subnet} clashes: ${clashes.map((c) => c.text).join('; ')}`,
        `choose another subnet${suggestion ? ` (${suggestion.subnet} clashes with nothing)` : ''}, or send "acceptOverlap": true to create it anyway`));
    }
  }
  return made(store, body.name, () => createNetwork(store.conn, body));
}

/** Runs a network creation and answers the new network as the engine then has it. */
async function made(store: TopologyStore, name: string, make: () => Promise<string>): Promise<Outcome<TopoNetwork>> {
  let id = '';
  const refusal = await run(async () => {
    id = await make();
  });
  if (refusal) return refused(refusal);
  const net = findNetwork(await store.refresh({ networks: [id] }), id);
  return net ? done(net) : refused(refuse('conflict', `the engine created ${name}, but it is gone again`, 'refresh'));
}

/** Removes a network; answers it with the engine's inspect JSON from just before (what re-creating it needs). */
export async function remove(store: TopologyStore, networkRef: string): Promise<Outcome<{ id: string; name: string; raw: RawNetwork | null }>> {
  const before = await store.refresh({ networks: [networkRef] });
  const net = findNetwork(before, networkRef);
  if (!net) return refused(noNetwork(networkRef));
  const raw = store.rawNetwork(net.id);
  const refusal = checkRemoveNetwork(before, net) ?? await run(() => removeNetwork(store.conn, net.id));
  if (refusal) return refused(refusal);
  await store.refresh({ networks: [net.id] });
  return done({ id: net.id, name: net.name, raw });
}

/** Creates a network again as it was (an undone removal): the name must be free, the engine judges the rest. */
export async function recreate(store: TopologyStore, config: NetworkRecreation): Promise<Outcome<TopoNetwork>> {
  const before = await store.refresh({ networks: [config.name] });
  const taken = before.networks.find((n) => n.name === config.name);
  if (taken) return refused(refuse('conflict', `a network called ${config.name} exists again (id ${taken.id.slice(0, 12)})`, 'remove or rename it first, or leave it as it is'));
  if (config.driver === 'overlay' && !before.engine.swarm?.isManager) {
    return refused(refuse('conflict', 'overlay networks need a swarm manager, and this engine is not one now', 'run `docker swarm init` first'));
  }
  return made(store, config.name, () => recreateNetwork(store.conn, config));
}
