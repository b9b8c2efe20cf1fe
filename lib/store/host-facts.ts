/**
 * The store's host facts: each running container's interfaces (cached per container and pid,
 * read again when it starts or its networks change) and the host's bridges and veth ports
 * (read again for the bridges a change touched). Plain data for buildTopology.
 */
import 'server-only';
import pLimit from 'p-limit';
import type { RawContainer, RawNetwork } from '@/lib/docker/engine-types';
import { DEFAULT_PATHS, HostInterfaceCache, isProblem, readContainerInterfaces, type ContainerInterface, type HostInterface, type HostLinkProblem, type HostLinks, type HostPaths } from '@/lib/host/links';
import { bridgeName } from '@/lib/topology/networks';
import { hostTargets } from './full-read';

/** What the host facts are made from: the engine's containers and networks as held. */
export interface HeldObjects {
  containers: ReadonlyMap<string, RawContainer>;
  networks: ReadonlyMap<string, RawNetwork>;
}

export class HostFacts {
  private cache: HostInterfaceCache;
  private host: HostInterface[] | HostLinkProblem | null = null;
  private readonly ctr = new Map<string, { pid: number; read: ContainerInterface[] | HostLinkProblem }>();

  constructor(private readonly paths: HostPaths = DEFAULT_PATHS) {
    this.cache = new HostInterfaceCache(paths);
  }

  /** 'pending' until the host has been read once. */
  state(): 'pending' | 'read' {
    return this.host === null ? 'pending' : 'read';
  }

  /** Interfaces may have changed while nobody watched: the next read is of everything, the host's anew. */
  forget(): void {
    this.cache = new HostInterfaceCache(this.paths);
  }

  dropContainer(id: string): void {
    this.ctr.delete(id);
  }

  /**
   * Reads container interfaces where the pid changed or `reread` names the container (or
   * all), drops those of stopped containers, then the host's.
   */
  async read(held: HeldObjects, reread: ReadonlySet<string> | 'all'): Promise<void> {
    const { targets, bridges } = hostTargets({ containers: [...held.containers.values()], networks: [...held.networks.values()] });
    const running = new Set(targets.map((t) => t.id));
    for (const id of this.ctr.keys()) if (!running.has(id)) this.ctr.delete(id);
    const todo = reread === 'all' ? targets : targets.filter((t) => this.ctr.get(t.id)?.pid !== t.pid || reread.has(t.id));
    const limit = pLimit(16);
    await Promise.all(todo.map((t) => limit(async () => {
      this.ctr.set(t.id, { pid: t.pid, read: await readContainerInterfaces(t.id, t.pid, this.paths) });
    })));
    // Only the bridges of the networks these containers are on can have new or lost ports.
    this.host = await this.cache.read(reread === 'all' ? bridges : bridgesOf(held, [todo.map((t) => t.id), reread]));
  }

  /** What buildTopology takes. */
  links(): HostLinks {
    const h = this.host;
    if (h && isProblem(h)) return { hostInterfaces: null, containers: {}, problems: [h] };
    const links: HostLinks = { hostInterfaces: h ?? [], containers: {}, problems: [] };
    for (const [id, { read }] of this.ctr) {
      if (isProblem(read)) links.problems.push(read);
      else links.containers[id] = read;
    }
    return links;
  }
}

/** The bridges of the networks these containers are on. */
function bridgesOf(held: HeldObjects, idSets: Iterable<string>[]): string[] {
  const out = new Set<string>();
  for (const ids of idSets) {
    for (const id of ids) {
      for (const s of Object.values(held.containers.get(id)?.NetworkSettings?.Networks ?? {})) {
        const n = s.NetworkID ? held.networks.get(s.NetworkID) : undefined;
        const b = n ? bridgeName(n) : null;
        if (b) out.add(b);
      }
    }
  }
  return [...out];
}
