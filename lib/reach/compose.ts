/**
 * A connect made by hand is lost when compose recreates the container. For a container of a
 * compose project, the YAML that makes the same connection last: the service's `networks:`
 * (its current networks kept, the new one added) and the top-level `external: true` entry for
 * a network the project does not own, as the seed article does. Pure.
 */
import type { Topology, TopoContainer, TopoNetwork } from '@/lib/topology/types';

const COMPOSE_NETWORK = 'com.docker.compose.network';

/** How the project's compose file names a network: its key for the project's own, else the engine name. */
function composeKey(n: TopoNetwork, project: string): { key: string; external: boolean } {
  if (n.composeProject === project) return { key: n.labels[COMPOSE_NETWORK] ?? n.name.replace(`${project}_`, ''), external: false };
  return { key: n.name, external: true };
}

/** YAML for `c`'s compose file that keeps it on `target` too, or null when `c` is not a compose service. */
export function composeFix(t: Pick<Topology, 'endpoints' | 'networks'>, c: TopoContainer, target: TopoNetwork): string | null {
  const project = c.composeProject;
  const service = c.composeService;
  if (!project || !service) return null;
  const current = t.endpoints
    .filter((e) => e.containerId === c.id)
    .map((e) => t.networks.find((n) => n.id === e.networkId))
    .filter((n): n is TopoNetwork => !!n && !n.builtin && n.id !== target.id);
  const nets = [...current, target].map((n) => composeKey(n, project));
  const external = nets.filter((n) => n.external);
  const lines = [
    `# in the compose file of project "${project}" (then: docker compose up -d)`,
    'services:',
    `  ${yamlKey(service)}:`,
    '    networks:',
    ...nets.map((n) => `      - ${yamlKey(n.key)}`),
  ];
  if (external.length) {
    lines.push('networks:');
    for (const n of external) lines.push(`  ${yamlKey(n.key)}:`, '    external: true');
  }
  return `${lines.join('\n')}\n`;
}

/** A YAML key as is when plain, quoted otherwise. */
function yamlKey(s: string): string {
  return /^[A-Za-z0-9_.-]+$/.test(s) ? s : JSON.stringify(s);
}
