/**
 * Compose drift as the API answers it: the store's topology, each project's files read from
 * this machine's disk (only for an engine on this machine), compared (./drift).
 */
import 'server-only';
import { ApiError } from '@/lib/api/errors';
import { isLocalEndpoint } from '@/lib/docker/endpoint';
import type { DriftAnswer, DriftQuery } from '@/lib/schemas/compose';
import type { TopologyStore } from '@/lib/store/topology-store';
import { findContainer } from '@/lib/topology/select';
import type { TopoContainer } from '@/lib/topology/types';
import { COMPOSE_LABELS, composeDrift, isComposeServiceContainer } from './drift';
import { loadProject, projectFiles, type ProjectFiles } from './files';
import type { ProjectRead } from './project';

/** Each project's files, from the labels of its first container (by name) that records them. */
export function projectsOf(containers: readonly Pick<TopoContainer, 'name' | 'labels'>[]): Map<string, ProjectFiles | null> {
  const out = new Map<string, ProjectFiles | null>();
  for (const c of [...containers].sort((a, b) => a.name.localeCompare(b.name))) {
    if (!isComposeServiceContainer(c)) continue;
    const project = c.labels[COMPOSE_LABELS.project]!;
    if (!out.get(project)) out.set(project, projectFiles(c.labels));
  }
  return out;
}

export async function drift(store: TopologyStore, q: DriftQuery): Promise<DriftAnswer> {
  const t = await store.current();
  let project = q.project ?? null;
  if (q.container) {
    const c = findContainer(t, q.container);
    if (!c) throw new ApiError('bad_request', `container: no container "${q.container.slice(0, 64)}" on this engine`, 'a container id, id prefix or name from GET /api/topology');
    if (!isComposeServiceContainer(c)) throw new ApiError('bad_request', `container: ${c.name} is not a container of a compose service`, 'drift is about containers compose made for a service');
    project = c.labels[COMPOSE_LABELS.project]!;
  }
  const engine = await store.conn.get();
  const local = isLocalEndpoint(engine.endpoint);
  const found = projectsOf(t.containers);
  if (project !== null && !found.has(project)) throw new ApiError('bad_request', `project: no compose project "${project}" has containers on this engine`, 'the projects are the com.docker.compose.project labels of its containers');
  const reads = new Map<string, ProjectRead>();
  for (const [name, files] of found) {
    if (project !== null && name !== project) continue;
    const read: ProjectRead = !local
      ? { ok: false, reason: `the engine is reached over ${engine.endpoint.kind}: compose files are on the machine compose ran on, not this one`, file: null }
      : files ? await loadProject(files) : { ok: false, reason: 'its containers do not record their compose files (com.docker.compose.project.config_files): made by another tool, or by hand', file: null };
    reads.set(name, read);
  }
  const scoped = project !== null ? { ...t, containers: t.containers.filter((c) => c.labels[COMPOSE_LABELS.project] === project) } : t;
  const d = composeDrift(scoped, reads);
  const containers = q.container ? d.containers.filter((c) => c.containerId === findContainer(t, q.container!)!.id) : d.containers;
  return {
    available: local,
    reason: local ? null : `the engine is reached over ${engine.endpoint.kind}: Switchyard reads compose files only for an engine on this machine`,
    projects: d.projects.map((p) => {
      const files = found.get(p.project) ?? null;
      const mine = d.containers.filter((c) => c.project === p.project);
      return {
        project: p.project,
        files: files?.configFiles ?? [],
        workingDir: files?.workingDir ?? null,
        read: p.read.ok,
        reason: p.read.ok ? null : p.read.reason,
        file: p.read.ok ? null : p.read.file,
        assumptions: p.read.ok ? p.read.model.assumptions : [],
        issues: p.issues,
        containers: mine.length,
        drifted: mine.filter((c) => c.status === 'drift').length,
      };
    }),
    containers,
  };
}
