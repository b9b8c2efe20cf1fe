/**
 * A plan checked before it runs: each step's preflight (lib/rewire/preflight, the same rules a
 * change asked on its own meets) on the topology as the steps before it would leave it, and
 * that topology at the end. A network the plan creates is there for the steps after it (as
 * `planned:<name>`); a step that would be refused changes nothing for the steps after it.
 * Pure.
 */
import { checkConnect, checkDisconnect, checkRemoveNetwork } from '@/lib/rewire/preflight';
import { connectCommand, createCommand, disconnectCommand, removeCommand } from '@/lib/rewire/cli';
import { refuse, type Refusal } from '@/lib/rewire/refusal';
import type { PlanStep } from '@/lib/schemas/plans';
import { findContainer, findNetwork } from '@/lib/topology/select';
import type { Topology, TopoNetwork } from '@/lib/topology/types';

type T = Pick<Topology, 'networks' | 'containers' | 'endpoints' | 'engine'>;

export const plannedId = (name: string) => `planned:${name}`;

export function commandOf(s: PlanStep): string {
  switch (s.kind) {
    case 'connect': return connectCommand(s.network, s.container, s);
    case 'disconnect': return disconnectCommand(s.network, s.container, s.force);
    case 'network-create': return createCommand(s);
    case 'network-remove': return removeCommand(s.network);
  }
}

const noNetwork = (ref: string) => refuse('not-found', `no network "${ref}" on this engine (nor made by an earlier step)`, 'check the name with `docker network ls`');
const noContainer = (ref: string) => refuse('not-found', `no container "${ref}" on this engine`, 'check the name with `docker ps -a`');

/** One step on `t`: its refusal, or the topology after it. */
function step(t: T, s: PlanStep): { refusal: Refusal } | { after: T } {
  switch (s.kind) {
    case 'connect':
    case 'disconnect': {
      const net = findNetwork(t, s.network);
      if (!net) return { refusal: noNetwork(s.network) };
      const ctr = findContainer(t, s.container);
      if (!ctr) return { refusal: noContainer(s.container) };
      if (s.kind === 'disconnect') {
        const r = checkDisconnect(t, net, ctr);
        return r ? { refusal: r } : { after: { ...t, endpoints: t.endpoints.filter((e) => !(e.networkId === net.id && e.containerId === ctr.id)) } };
      }
      const r = checkConnect(t, net, ctr, s);
      if (r) return { refusal: r };
      return {
        after: {
          ...t,
          endpoints: [...t.endpoints, {
            networkId: net.id, containerId: ctr.id, ipv4: s.ipv4, ipv4PrefixLength: null, ipv6: s.ipv6, mac: null, gateway: null, ipv6Gateway: null,
            staticIpv4: s.ipv4, staticIpv6: s.ipv6, aliases: s.aliases, dnsNames: [], veth: null,
          }],
        },
      };
    }
    case 'network-create': {
      if (t.networks.some((n) => n.name === s.name)) return { refusal: refuse('conflict', `a network called ${s.name} already exists${t.networks.find((n) => n.name === s.name)!.id === plannedId(s.name) ? ' (made by an earlier step)' : ''}`, 'choose another name') };
      if (s.driver === 'overlay' && !t.engine.swarm?.isManager) return { refusal: refuse('conflict', 'overlay networks need a swarm manager, and this engine is not one', 'run `docker swarm init`, or use the bridge driver') };
      const net: TopoNetwork = {
        id: plannedId(s.name), name: s.name, driver: s.driver ?? 'bridge', scope: s.driver === 'overlay' ? 'swarm' : 'local', internal: s.internal, attachable: s.attachable,
        ipv6: s.ipv6, ingress: false, subnets: s.subnet ? [{ subnet: s.subnet, gateway: s.gateway, ipRange: s.ipRange }] : [], bridge: null, icc: null,
        builtin: false, dns: true, composeProject: null, labels: s.labels, options: {}, createdAt: null,
      };
      return { after: { ...t, networks: [...t.networks, net] } };
    }
    case 'network-remove': {
      const net = findNetwork(t, s.network);
      if (!net) return { refusal: noNetwork(s.network) };
      const r = checkRemoveNetwork(t, net);
      return r ? { refusal: r } : { after: { ...t, networks: t.networks.filter((n) => n.id !== net.id) } };
    }
  }
}

/** Each step's refusal (null: expected to pass) on the topology the steps before it leave, and the topology at the end. */
export function simulate<X extends T>(t: X, steps: readonly PlanStep[]): { verdicts: (Refusal | null)[]; after: X } {
  let now: X = t;
  const verdicts = steps.map((s) => {
    const r = step(now, s);
    if ('refusal' in r) return r.refusal;
    now = { ...now, ...r.after };
    return null;
  });
  return { verdicts, after: now };
}
