/**
 * Drift: where a compose container's networks, aliases and static addresses, as running,
 * differ from its service in the project's files, and what compose will do about it.
 *
 * What compose does is the compose that made the container (its `com.docker.compose.version`
 * label), for a running container whose service is otherwise unchanged in the files:
 * - compose 1.x (1.29) recreates a container only when its service's configuration hash
 *   changes: `up` leaves network changes made by hand as they are;
 * - compose 2 and later also recreate a running container that lacks one of the networks its
 *   service names (its convergence's `checkExpectedNetworks`): `up` puts it back from the file
 *   and so also drops networks the file does not name;
 * - either way, every recreate (`up --force-recreate`, `down` then `up`, a change to the
 *   service in the files) makes the container from the files: every difference goes.
 * A container that is not running is started by `up`, not judged here (`up: null`). Pure.
 */
import type { Topology, TopoContainer, TopoEndpoint, TopoNetwork } from '@/lib/topology/types';
import type { ComposeModel, ComposeServiceDef, ProjectRead } from './project';

export const COMPOSE_LABELS = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  oneoff: 'com.docker.compose.oneoff',
  version: 'com.docker.compose.version',
  configFiles: 'com.docker.compose.project.config_files',
  workingDir: 'com.docker.compose.project.working_dir',
  envFiles: 'com.docker.compose.project.environment_file',
} as const;

export type DriftKind = 'extra-network' | 'missing-network' | 'aliases' | 'address' | 'network-mode';

export interface DriftItem {
  kind: DriftKind;
  /** The engine network concerned (null for network-mode). */
  network: { name: string; id: string | null; key: string | null } | null;
  /** As running and as the files say it, in words ("10.1.0.7", "database, db"); null where there is none. */
  running: string | null;
  file: string | null;
  text: string;
}

/** What `docker compose up -d` does to this container now: keeps it as it runs, or recreates it from the files. */
export type UpVerdict = 'keeps' | 'recreates';

export interface ContainerDrift {
  containerId: string;
  name: string;
  project: string;
  service: string;
  /** same: as the files say; drift: items say how not; unknown: reason says why it cannot be told; orphan: the files have no such service. */
  status: 'same' | 'drift' | 'unknown' | 'orphan';
  reason: string | null;
  items: DriftItem[];
  /** Where the service is defined. */
  file: string | null;
  line: number | null;
  composeVersion: string | null;
  up: UpVerdict | null;
  /** One sentence for the inspector. */
  summary: string;
}

export interface ProjectIssue {
  kind: 'external-missing';
  network: string;
  message: string;
}

export interface ProjectDrift {
  project: string;
  read: ProjectRead;
  issues: ProjectIssue[];
}

type T = Pick<Topology, 'containers' | 'endpoints' | 'networks'>;

/** Compose's major version from the container's label (1 for "1.29.2", 2 for "2.24.0", 5 for "v5.0.0"). */
export function composeMajor(version: string | null | undefined): number | null {
  const m = /^v?(\d+)\./.exec(version ?? '');
  return m ? Number(m[1]) : null;
}

/** Whether a container is one compose runs for a service (not a `compose run` one-off). */
export function isComposeServiceContainer(c: Pick<TopoContainer, 'labels'>): boolean {
  return !!c.labels[COMPOSE_LABELS.project] && !!c.labels[COMPOSE_LABELS.service] && c.labels[COMPOSE_LABELS.oneoff] !== 'True';
}

const list = (xs: string[]) => (xs.length ? xs.join(', ') : 'none');

/** The drift of every compose container of the topology, given each project's read files. */
export function composeDrift(t: T, projects: ReadonlyMap<string, ProjectRead>): { containers: ContainerDrift[]; projects: ProjectDrift[] } {
  const byName = new Map(t.networks.map((n) => [n.name, n]));
  const byId = new Map(t.networks.map((n) => [n.id, n]));
  const endpointsOf = new Map<string, TopoEndpoint[]>();
  for (const e of t.endpoints) endpointsOf.set(e.containerId, [...(endpointsOf.get(e.containerId) ?? []), e]);
  const containers: ContainerDrift[] = [];
  for (const c of t.containers) {
    if (!isComposeServiceContainer(c)) continue;
    const project = c.labels[COMPOSE_LABELS.project]!;
    const read = projects.get(project);
    containers.push(driftOf(t, c, read ?? { ok: false, reason: 'the project\'s files were not read', file: null }, byName, byId, endpointsOf.get(c.id) ?? []));
  }
  containers.sort((a, b) => a.project.localeCompare(b.project) || a.name.localeCompare(b.name, undefined, { numeric: true }));
  const out: ProjectDrift[] = [...projects].sort(([a], [b]) => a.localeCompare(b)).map(([project, read]) => ({ project, read, issues: read.ok ? projectIssues(read.model, byName) : [] }));
  return { containers, projects: out };
}

/** External networks a service uses that do not exist: `up` stops with compose's own error. */
function projectIssues(m: ComposeModel, byName: ReadonlyMap<string, TopoNetwork>): ProjectIssue[] {
  const used = new Set(Object.values(m.services).flatMap((s) => s.networks.map((n) => n.key)));
  return Object.values(m.networks)
    .filter((n) => n.external && used.has(n.key) && !n.unknown && !byName.has(n.name))
    .map((n) => ({
      kind: 'external-missing' as const,
      network: n.name,
      message: `network ${n.name} declared as external, but could not be found (compose stops here: create it with \`docker network create ${n.name}\`)`,
    }));
}

function driftOf(t: T, c: TopoContainer, read: ProjectRead, byName: ReadonlyMap<string, TopoNetwork>, byId: ReadonlyMap<string, TopoNetwork>, eps: TopoEndpoint[]): ContainerDrift {
  const project = c.labels[COMPOSE_LABELS.project]!;
  const service = c.labels[COMPOSE_LABELS.service]!;
  const composeVersion = c.labels[COMPOSE_LABELS.version] ?? null;
  const base = { containerId: c.id, name: c.name, project, service, composeVersion, items: [] as DriftItem[], up: null, file: null, line: null };
  if (!read.ok) return { ...base, status: 'unknown', reason: read.reason, summary: `Switchyard cannot tell whether ${c.name} is as its compose files say: ${read.reason}` };
  const def = read.model.services[service];
  if (!def) {
    return {
      ...base, status: 'orphan', reason: `the files of project ${project} have no service "${service}"`,
      summary: `${c.name} is an orphan: the files of ${project} no longer have a service "${service}" (\`docker compose up --remove-orphans\` would remove it)`,
    };
  }
  const where = { file: def.file, line: def.line };
  if (def.unknown) return { ...base, ...where, status: 'unknown', reason: def.unknown, summary: `Switchyard cannot tell whether ${c.name} is as its compose files say: ${def.unknown}` };
  const items = def.networkMode ? modeDrift(t, c, def) : networkDrift(c, def, read.model, byName, byId, eps);
  const running = c.state === 'running';
  const major = composeMajor(composeVersion);
  const missing = items.some((i) => i.kind === 'missing-network');
  const up: UpVerdict | null = !running || major === null ? null : major >= 2 && missing ? 'recreates' : 'keeps';
  return { ...base, ...where, status: items.length ? 'drift' : 'same', reason: null, items, up, summary: summaryOf(c, items, up, major) };
}

function modeDrift(t: T, c: TopoContainer, def: ComposeServiceDef): DriftItem[] {
  const want = def.networkMode!;
  const owner = c.sharesNetworkWith ? t.containers.find((x) => x.id === c.sharesNetworkWith) ?? null : null;
  let same: boolean;
  if (want.startsWith('service:')) same = owner?.labels[COMPOSE_LABELS.service] === want.slice(8) && owner.labels[COMPOSE_LABELS.project] === c.labels[COMPOSE_LABELS.project];
  else if (want.startsWith('container:')) same = !!owner && (owner.name === want.slice(10) || owner.id.startsWith(want.slice(10)));
  else if (want === 'bridge') same = c.networkMode === 'bridge' || c.networkMode === 'default';
  else same = c.networkMode === want;
  if (same) return [];
  const now = owner ? `container:${owner.name}` : c.networkMode;
  return [{ kind: 'network-mode', network: null, running: now, file: want, text: `the files give ${c.name} network_mode ${want}; it runs with ${now}` }];
}

function networkDrift(c: TopoContainer, def: ComposeServiceDef, m: ComposeModel, byName: ReadonlyMap<string, TopoNetwork>, byId: ReadonlyMap<string, TopoNetwork>, eps: TopoEndpoint[]): DriftItem[] {
  const items: DriftItem[] = [];
  const wanted = new Map(def.networks.map((n) => [m.networks[n.key]!.name, n]));
  for (const [name, want] of wanted) {
    const net = byName.get(name) ?? null;
    const ep = net ? eps.find((e) => e.networkId === net.id) : undefined;
    const ref = { name, id: net?.id ?? null, key: want.key };
    if (!ep) {
      items.push({ kind: 'missing-network', network: ref, running: null, file: name, text: net ? `the files put ${c.name} on ${name}, and it is not on it` : `the files put ${c.name} on ${name}, which does not exist` });
      continue;
    }
    const implicit = new Set([def.name, c.name, c.id.slice(0, 12)]);
    const have = ep.aliases.filter((a) => !implicit.has(a) || want.aliases.includes(a)).sort();
    if (have.join('\n') !== want.aliases.join('\n')) {
      items.push({ kind: 'aliases', network: ref, running: list(have), file: list(want.aliases), text: `on ${name}, the files give ${c.name} the aliases ${list(want.aliases)}; it has ${list(have)}` });
    }
    for (const [fam, file, run] of [['IPv4', want.ipv4, ep.staticIpv4], ['IPv6', want.ipv6, ep.staticIpv6]] as const) {
      if ((file ?? null) === (run ?? null)) continue;
      const fileText = file ? `the fixed ${fam} address ${file}` : `no fixed ${fam} address`;
      const runText = run ? `${run}, fixed` : `no fixed address${(fam === 'IPv4' ? ep.ipv4 : ep.ipv6) ? ` (${fam === 'IPv4' ? ep.ipv4 : ep.ipv6}, given by the engine)` : ''}`;
      items.push({ kind: 'address', network: ref, running: run ?? null, file: file ?? null, text: `on ${name}, the files give ${c.name} ${fileText}; it has ${runText}` });
    }
  }
  for (const ep of eps) {
    const net = byId.get(ep.networkId);
    if (!net || wanted.has(net.name)) continue;
    items.push({ kind: 'extra-network', network: { name: net.name, id: net.id, key: null }, running: net.name, file: null, text: `${c.name} is on ${net.name}, which its service's files do not name` });
  }
  return items;
}

function summaryOf(c: TopoContainer, items: DriftItem[], up: UpVerdict | null, major: number | null): string {
  // compose 1 is the docker-compose program; later ones the docker CLI's plugin
  const cmd = major === 1 ? 'docker-compose' : 'docker compose';
  if (!items.length) return `${c.name} is on the networks its compose files give it`;
  const extra = items.filter((i) => i.kind === 'extra-network').map((i) => i.network!.name);
  const missing = items.filter((i) => i.kind === 'missing-network').map((i) => i.network!.name);
  const parts: string[] = [];
  if (up === 'recreates') {
    parts.push(`\`${cmd} up\` would recreate ${c.name} from the files (compose ${major} recreates a running container that lacks one of its networks): it would join ${missing.join(', ')} again`);
    if (extra.length) parts.push(`and take it off ${extra.join(', ')}`);
  } else {
    const now = up === 'keeps' ? `\`${cmd} up\` leaves ${c.name} as it is (compose ${major} recreates only when the service changes in the files)` : `${c.name} is not running: compose makes it from the files when it next creates it`;
    parts.push(now);
    const lost = [...(extra.length ? [`take it off ${extra.join(', ')}`] : []), ...(missing.length ? [`put it back on ${missing.join(', ')}`] : [])];
    const rest = items.length - extra.length - missing.length;
    if (lost.length || rest) parts.push(`but the next recreate (\`up --force-recreate\`, \`down\` and \`up\`, or a change to the service) would ${[...lost, ...(rest ? ['set its aliases and addresses as the files say'] : [])].join(' and ')}`);
  }
  return parts.join(', ');
}
