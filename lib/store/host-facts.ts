/**
 * The store's host facts: each running container's interfaces (cached per container and pid,
 * read again when it starts or its networks change) and the host's bridges and veth ports
 * (read again for the bridges a change touched). Plain data for buildTopology.
 */
import 'server-only';
import pLimit from 'p-limit';
import type { RawContainer, RawNetwork } from '@/lib/docker/engine-types';
import { ASYNC_SYS, DEFAULT_PATHS, HostInterfaceCache, SYNC_SYS, isProblem, readContainerInterfaces, type ContainerInterface, type HostInterface, type HostLinkProblem, type HostLinks, type HostPaths } from '@/lib/host/links';
import type { LinksAnswer, LinksAsk } from '@/lib/agent/protocol';
import { bridgeName } from '@/lib/topology/networks';
import { hostTargets, runningPid } from './full-read';

/** What the host facts are made from: the engine's containers and networks as held. */
export interface HeldObjects {
  containers: ReadonlyMap<string, RawContainer>;
  networks: ReadonlyMap<string, RawNetwork>;
}

/**
 * Reads of another machine's host: one question for the containers and bridges a read needs
 * (Switchyard's agent container on a remote engine, lib/agent). Its id names it in the facts.
 */
export interface RemoteHostReader {
  agentId: string;
  read: (ask: LinksAsk) => Promise<LinksAnswer>;
}

/** Containers whose interfaces a read takes at once (sync): a burst's few; more go asynchronously. */
const AT_ONCE = 8;

/** Two reads of the same thing, compared (they are small: a container's interfaces, the host's). */
const sameRead = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

export class HostFacts {
  private cache: HostInterfaceCache;
  private host: HostInterface[] | HostLinkProblem | null = null;
  private readonly ctr = new Map<string, { pid: number; read: ContainerInterface[] | HostLinkProblem }>();
  /** links() as last made; null once anything in it changed. The builder rechecks veths only when it is a new object. */
  private made: HostLinks | null = null;
  private remote: RemoteHostReader | null = null;
  /** The next read is of every container (another reader took over: nothing read is kept). */
  private readEverything = false;

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

  /**
   * Reads through `reader` from now on (null: this machine's /proc and /sys). Another reader
   * reads another host: what was read is forgotten, and the next read is of everything.
   */
  readVia(reader: RemoteHostReader | null): void {
    if ((reader?.agentId ?? null) === (this.remote?.agentId ?? null)) return;
    this.remote = reader;
    this.readEverything = true;
    this.ctr.clear();
    this.host = null;
    this.made = null;
    this.forget();
  }

  /** The agent container the facts are read by, or null (this machine's own). */
  agent(): string | null {
    return this.remote?.agentId ?? null;
  }

  dropContainer(id: string): void {
    if (this.ctr.delete(id)) this.made = null;
  }

  /**
   * Reads container interfaces where the pid changed or `reread` names the container (or
   * all), drops those of stopped containers, then the host's.
   * @param touched the containers read or dropped since the last read (EngineState.apply): only
   *   theirs can have changed, so only they are looked at, not every container held; without
   *   it (or after another reader took over, which forgets what was read), every one is.
   */
  async read(held: HeldObjects, reread: ReadonlySet<string> | 'all', touched?: ReadonlySet<string>): Promise<void> {
    let todo: { id: string; pid: number }[];
    let wanted: string[];
    if (reread === 'all' || !touched || this.readEverything) {
      this.readEverything = false;
      const { targets, bridges } = hostTargets({ containers: [...held.containers.values()], networks: [...held.networks.values()] });
      const running = new Set(targets.map((t) => t.id));
      for (const id of this.ctr.keys()) if (!running.has(id)) this.dropContainer(id);
      todo = reread === 'all' ? targets : targets.filter((t) => this.ctr.get(t.id)?.pid !== t.pid || reread.has(t.id));
      wanted = reread === 'all' ? bridges : bridgesOf(held, [todo.map((t) => t.id), reread]);
    } else {
      todo = [];
      for (const id of new Set([...touched, ...reread])) {
        const pid = runningPid(held.containers.get(id));
        if (pid === null) this.dropContainer(id);
        else if (this.ctr.get(id)?.pid !== pid || reread.has(id)) todo.push({ id, pid });
      }
      wanted = bridgesOf(held, [todo.map((t) => t.id), reread]);
    }
    if (this.remote) return this.readRemote(this.remote, todo, wanted);
    const limit = pLimit(16);
    // A change's few files are read at once; a whole host's asynchronously (lib/host/links SysReader).
    const io = reread !== 'all' && todo.length <= AT_ONCE ? SYNC_SYS : ASYNC_SYS;
    // The containers' and the host's interfaces at once.
    // Only the bridges of the networks these containers are on can have new or lost ports.
    const [, host] = await Promise.all([
      Promise.all(todo.map((t) => limit(async () => {
        this.keepContainer(t, await readContainerInterfaces(t.id, t.pid, this.paths, io));
      }))),
      this.cache.read(wanted, io),
    ]);
    this.keepHost(host);
  }

  /** The same, in one question to the agent (a failed one leaves the facts unread, saying why). */
  private async readRemote(remote: RemoteHostReader, todo: { id: string; pid: number }[], bridges: string[]): Promise<void> {
    let answer: LinksAnswer;
    try {
      answer = await remote.read({ targets: todo, bridges });
    } catch (err) {
      this.keepHost({ containerId: null, code: 'host_sys_unreadable', message: err instanceof Error ? err.message : String(err) });
      this.readEverything = true; // what it would have read is not known: the next read asks for all
      return;
    }
    if (this.remote !== remote) return; // another reader took over meanwhile
    for (const t of todo) {
      const read = answer.containers[t.id];
      if (read) this.keepContainer(t, read);
    }
    // The agent lists the ports of the bridges asked for: those of the others are kept as they
    // were read (as the local HostInterfaceCache keeps them), while the port and bridge are there.
    const host = answer.host;
    if (Array.isArray(host) && Array.isArray(this.host)) {
      const asked = new Set(bridges);
      const names = new Set(host.map((h) => h.name));
      const was = new Map(this.host.map((h) => [h.name, h.master]));
      this.keepHost(host.map((h) => {
        const m = was.get(h.name);
        return h.master === null && m && !asked.has(m) && names.has(m) ? { ...h, master: m } : h;
      }));
    } else {
      this.keepHost(host);
    }
  }

  /** A container's interfaces as read; the facts are made again only if they differ. */
  private keepContainer(t: { id: string; pid: number }, read: ContainerInterface[] | HostLinkProblem): void {
    const was = this.ctr.get(t.id);
    if (was && was.pid === t.pid && sameRead(was.read, read)) return;
    this.ctr.set(t.id, { pid: t.pid, read });
    this.made = null;
  }

  private keepHost(host: HostInterface[] | HostLinkProblem): void {
    if (!sameRead(this.host, host)) {
      this.host = host;
      this.made = null;
    }
  }

  /** What buildTopology takes: the same object until something in it changes. */
  links(): HostLinks {
    return (this.made ??= this.make());
  }

  private make(): HostLinks {
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
