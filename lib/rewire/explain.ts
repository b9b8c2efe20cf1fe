/**
 * The engine's refusals of network changes, in plain words with what to do. Used when the
 * engine refuses something the preflight let through (races, rules the topology cannot see).
 */
import { EngineError } from '@/lib/docker/errors';
import { refuse, type Refusal, type RefusalKind } from './refusal';

const RULES: { test: RegExp; kind: RefusalKind; message: string; hint: string }[] = [
  { test: /user specified IP address is supported only when connecting to networks with user configured subnets/i, kind: 'invalid',
    message: 'static IPs work only on networks created with an explicit --subnet', hint: 'create the network with --subnet, or leave the address empty' },
  { test: /network-scoped alias is supported only for containers in user defined networks/i, kind: 'invalid',
    message: 'aliases need a user-defined network', hint: 'create a network and connect the container to it' },
  { test: /(address already in use|Address already in use|is already in use)/i, kind: 'conflict',
    message: 'that address is already in use on this network', hint: 'pick another address, or leave it empty' },
  { test: /no available IPv4 addresses|could not find an available|no available addresses/i, kind: 'conflict',
    message: 'the network has no free addresses left', hint: 'remove containers from it, or use a network with a larger subnet' },
  { test: /already exists in network|endpoint with name .* already exists/i, kind: 'conflict',
    message: 'the container is already on that network', hint: 'disconnect it first to change its settings' },
  { test: /is not connected to (the )?network/i, kind: 'conflict',
    message: 'the container is not on that network', hint: 'refresh: someone may have changed it already' },
  { test: /has active endpoints/i, kind: 'conflict',
    message: 'the network still has members', hint: 'disconnect them (or remove those containers) first' },
  { test: /pre-defined network|cannot be removed/i, kind: 'conflict',
    message: 'builtin networks cannot be removed', hint: 'only networks you created can be removed' },
  { test: /network with name .* already exists/i, kind: 'conflict',
    message: 'a network with that name already exists', hint: 'choose another name' },
  { test: /Pool overlaps with other one on this address space|overlaps/i, kind: 'conflict',
    message: 'that subnet overlaps a network the engine already has', hint: 'choose a subnet no other network uses' },
  { test: /not manually attachable/i, kind: 'conflict',
    message: 'this swarm network is not attachable', hint: 'create the overlay network with --attachable' },
  { test: /container sharing network namespace|conflicting options: .*network|cannot be connected to multiple networks with one of the networks in private \(none\) mode|host network/i, kind: 'conflict',
    message: 'this container\'s network mode does not allow joining networks', hint: 'only containers with their own network namespace can join networks' },
  { test: /This node is not a swarm manager|swarm/i, kind: 'conflict',
    message: 'overlay networks need a swarm manager', hint: 'run `docker swarm init` first, or use the bridge driver' },
];

/** An engine refusal in plain words, or null for errors that are not one we know (they pass on as they are). */
export function explainEngineRefusal(err: unknown): Refusal | null {
  if (!(err instanceof EngineError) || err.kind === 'unreachable' || err.kind === 'timeout') return null;
  const said = err.engineMessage ?? err.message;
  const rule = RULES.find((r) => r.test.test(said));
  return rule ? refuse(rule.kind, `${rule.message} (the engine said: ${said})`, rule.hint) : null;
}
