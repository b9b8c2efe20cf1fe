/**
 * The store's reads: the engine's objects (./engine-state) and the host's facts about them
 * (./host-facts), read together, timed, and turned into a topology. The store decides when.
 */
import 'server-only';
import type { Engine, EngineConnection } from '@/lib/docker/client';
import type { HostPaths } from '@/lib/host/links';
import { TopologyBuilder } from '@/lib/topology/incremental';
import type { TopologyChanges } from '@/lib/topology/patch';
import type { Topology, TopologyMeta } from '@/lib/topology/types';
import { EngineState, type Cause, type ListSeen } from './engine-state';
import type { EventPlan } from './event-plan';
import { HOST_LINKS_OFF_REASON, remoteEngineWarning } from './full-read';
import { HostFacts } from './host-facts';
import { isLocalEndpoint } from '@/lib/docker/endpoint';
import { askAgent } from '@/lib/agent/client';
import { agentWarning, runningAgent } from '@/lib/agent/spec';

const since = (t: number) => Math.round(performance.now() - t);

export class Reads {
  readonly held: EngineState;
  private readonly host: HostFacts;
  /** Kept between builds: a change costs in proportion to what it touched (lib/topology/incremental). */
  private readonly builder = new TopologyBuilder();

  constructor(private readonly conn: EngineConnection, private readonly hostLinks: boolean, paths: HostPaths) {
    this.host = new HostFacts(paths);
    this.held = new EngineState(conn, (id) => this.host.dropContainer(id));
  }

  /**
   * Where host facts are read: on a remote engine with Switchyard's agent container running
   * (lib/agent), by asking it; else on this machine. Checked before every host read.
   */
  private async chooseReader(): Promise<void> {
    const engine = await this.conn.get();
    const agent = isLocalEndpoint(engine.endpoint) ? null : runningAgent(this.held.containers.values());
    this.host.readVia(agent ? { agentId: agent, read: (ask) => askAgent(this.conn, agent, 'links', ask) } : null);
  }

  /** The agent container host facts are read by (null: this machine). */
  agent(): string | null {
    return this.host.agent();
  }

  /** Everything the engine has; answers the requests made and the time taken (ms). */
  async engineAll(): Promise<{ engineRequests: number; engineMs: number }> {
    const t0 = performance.now();
    const engineRequests = await this.held.readAll();
    return { engineRequests, engineMs: since(t0) };
  }

  /**
   * Every interface, the host's anew (they may have changed while nobody watched); answers
   * the time taken (ms), or null where host facts are not read.
   */
  async hostAll(): Promise<number | null> {
    if (!this.hostLinks) return null;
    const t0 = performance.now();
    await this.chooseReader();
    this.host.forget();
    await this.host.read(this.held, 'all');
    return since(t0);
  }

  /** The list check's reads (outside the work queue). */
  listNow(): Promise<ListSeen> {
    return this.held.listNow();
  }

  /** The list check's plan (null: nothing differs). */
  planCheck(seen: ListSeen): EventPlan | null {
    return this.held.planCheck(seen);
  }

  /** Applies a plan; answers how long the engine reads and the host reads took (ms). */
  async apply(plan: EventPlan, cause: Cause): Promise<{ readMs: number; hostMs: number }> {
    const t0 = performance.now();
    const touched = await this.held.apply(plan, cause);
    const t1 = performance.now();
    if (this.hostLinks && (plan.inspectContainers.size || plan.readNetworks.size || plan.dropNetworks.size)) {
      await this.chooseReader();
      await this.host.read(this.held, plan.rereadInterfaces, touched);
    }
    return { readMs: Math.round(t1 - t0), hostMs: since(t1) };
  }

  /**
   * The topology of what is held, what changed since the last build (null: the first), and
   * whether its host facts are read.
   */
  build(engine: Engine): { topology: Topology; changes: TopologyChanges | null; hostLinks: TopologyMeta['hostLinks'] } {
    const links = this.hostLinks ? this.host.links() : null;
    const agent = this.host.agent();
    const remote = agent ? agentWarning(agent, this.held.containers.get(agent)?.Name) : remoteEngineWarning(engine, links);
    const changed = this.held.takeChanged();
    let built: ReturnType<TopologyBuilder['build']>;
    try {
      built = this.builder.build(this.held.snapshot(engine.apiVersion), { links, unavailableReason: HOST_LINKS_OFF_REASON }, remote ? [remote] : [], changed && { containers: changed, byId: this.held.containers });
    } catch (err) {
      this.held.everything();
      throw err;
    }
    const { topology, changes } = built;
    return { topology, changes, hostLinks: this.hostLinks ? this.host.state() : 'unavailable' };
  }
}
