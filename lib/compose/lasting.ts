/**
 * "Make it last": the change to a service's compose file that makes it say what its container
 * runs with now (networks, aliases, static addresses), so the next `docker compose up` keeps
 * it: which file, the service's networks as wanted, and the top-level declarations the file
 * needs (a network the project does not own is `external: true`). Pure; ./write-back edits
 * the text and ./write-service reads and writes the file.
 */
import { refuse, type Outcome, done, refused } from '@/lib/rewire/refusal';
import type { Topology, TopoContainer } from '@/lib/topology/types';
import { COMPOSE_LABELS } from './drift';
import type { ComposeModel } from './project';
import type { Declaration, NetworkWant } from './write-back';

export interface LastingChange {
  project: string;
  service: string;
  /** The file to write (one of the project's own). */
  file: string;
  want: NetworkWant[];
  declare: Declaration[];
}

const conflict = (m: string, hint: string | null = null) => refuse('conflict', m, hint);

/** What `c`'s service should say for `c` as it runs; `file`, when given, must be the file that holds its networks. */
export function lastingChange(t: Pick<Topology, 'endpoints' | 'networks'>, c: Pick<TopoContainer, 'id' | 'name' | 'labels' | 'sharesNetworkWith' | 'networkMode'>, model: ComposeModel, file: string | null = null): Outcome<LastingChange> {
  const project = model.project;
  const service = c.labels[COMPOSE_LABELS.service];
  const def = service ? model.services[service] : undefined;
  if (!service || !def) return refused(conflict(`the files of project ${project} have no service "${service ?? ''}" for ${c.name}`, 'an orphan container has nothing to write into'));
  if (def.unknown) return refused(conflict(def.unknown));
  if (def.networkMode || c.sharesNetworkWith || c.networkMode === 'host' || c.networkMode === 'none') {
    return refused(conflict(`${c.name} does not use networks of its own (network_mode ${def.networkMode ?? c.networkMode}): there is nothing to write`));
  }
  const holders = def.networkFiles.length ? def.networkFiles : [def.file];
  if (holders.length > 1) return refused(conflict(`service ${service}'s networks are set in ${holders.length} files (${holders.join(', ')}): Switchyard writes back only where one file sets them`, 'change them by hand, or keep them in one file'));
  const target = holders[0]!;
  if (file !== null && file !== target) {
    return refused(refuse('invalid', model.files.includes(file) ? `file: service ${service}'s networks are set in ${target}, not ${file}` : `file: ${file} is not one of project ${project}'s compose files (${model.files.join(', ')})`, 'leave it out to write the file that sets them'));
  }

  const byId = new Map(t.networks.map((n) => [n.id, n]));
  const implicit = new Set([service, c.name, c.id.slice(0, 12)]);
  const fileNets = Object.values(model.networks);
  const want: NetworkWant[] = [];
  const declare: Declaration[] = [];
  const current = new Map(def.networks.map((n) => [n.key, n]));
  for (const e of t.endpoints.filter((x) => x.containerId === c.id)) {
    const n = byId.get(e.networkId);
    if (!n) return refused(conflict(`${c.name} is on a network Switchyard does not know (${e.networkId.slice(0, 12)}): refresh and try again`));
    if (n.builtin) return refused(conflict(`${c.name} is on the engine's ${n.name} network, which a compose service's networks: cannot name`, `disconnect it from ${n.name} first, or use network_mode: ${n.name} by hand`));
    let key: string;
    if (n.labels[COMPOSE_LABELS.project] === project) {
      key = n.labels['com.docker.compose.network'] ?? n.name.replace(`${project}_`, '');
      if (!model.networks[key]) declare.push({ key, external: false });
    } else {
      const named = fileNets.find((x) => x.name === n.name);
      if (named) key = named.key;
      else {
        key = model.networks[n.name] ? `${n.name}-external` : n.name;
        declare.push({ key, external: true });
      }
    }
    const had = current.get(key);
    want.push({ key, aliases: e.aliases.filter((a) => !implicit.has(a) || had?.aliases.includes(a)).sort(), ipv4: e.staticIpv4, ipv6: e.staticIpv6 });
  }
  if (!want.length) return refused(conflict(`${c.name} is on no network now: a file that said so would put it on the project's default network`, 'connect it to a network first'));
  want.sort((a, b) => a.key.localeCompare(b.key));
  return done({ project, service, file: target, want, declare });
}
