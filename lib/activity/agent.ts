/**
 * Switchyard's agent on an engine (lib/agent), started, read and stopped (GET/POST/DELETE
 * /api/engines/{name}/agent), only when asked. Starting it is an activity entry (`agent-start`)
 * with the docker CLI that does the same; so is stopping it (`agent-stop`). Where the engine
 * lacks the image, it is copied from a local engine that has it (docker save | docker load,
 * through the two engines' APIs) and the entry says so.
 */
import 'server-only';
import { ApiError } from '@/lib/api/errors';
import { journalOf } from './registry';
import { originOf } from './origin';
import type { ActivityEntry, EntryInput } from './entry';
import type { Echo } from './journal';
import { settings } from '@/lib/config/env';
import { isLocalEndpoint, describeEndpoint } from '@/lib/docker/endpoint';
import { containersLabelled, copyImage, createAndStart, hasImage, removeContainer } from '@/lib/docker/containers';
import { catalog } from '@/lib/engines/catalog';
import { engineSpec, topologyStore } from '@/lib/engines/registry';
import { authRequired, securityConfig } from '@/lib/security/config';
import type { TopologyStore } from '@/lib/store/topology-store';
import { agentStats } from '@/lib/agent/client';
import { AGENT_LABEL, AGENT_NAME, agentCommand, agentCreateBody } from '@/lib/agent/spec';

/** The image the agent runs: Switchyard's own (SWITCHYARD_AGENT_IMAGE, default `switchyard`). */
export const agentImage = () => settings().SWITCHYARD_AGENT_IMAGE;

export interface AgentStatus {
  engine: string;
  /** none: no agent container; running; stopped: there, not running (start it again, or remove it). */
  state: 'none' | 'running' | 'stopped';
  /** Whether the engine is on this machine (its host is read without an agent then). */
  local: boolean;
  image: string;
  container: { id: string; name: string; image: string; startedAt: string | null } | null;
  /** Whether the store reads this engine's host facts through it now. */
  reading: boolean;
  asks: number;
  failures: number;
  lastAt: string | null;
  lastMs: number | null;
  lastError: string | null;
}

interface Found { id: string; name: string; image: string; running: boolean; startedAt: string | null }

async function findAgent(store: TopologyStore): Promise<Found | null> {
  const c = (await containersLabelled(store.conn, AGENT_LABEL))[0];
  if (!c) return null;
  return { id: c.Id, name: (c.Names?.[0] ?? AGENT_NAME).replace(/^\//, ''), image: c.Image ?? '', running: c.State === 'running', startedAt: null };
}

export async function agentStatus(name: string): Promise<AgentStatus> {
  const spec = engineSpec(name);
  const store = topologyStore(spec.name);
  const engine = await store.conn.get();
  const found = await findAgent(store);
  const stats = found ? agentStats(found.id) : agentStats('');
  return {
    engine: spec.name, state: !found ? 'none' : found.running ? 'running' : 'stopped', local: isLocalEndpoint(engine.endpoint), image: agentImage(),
    container: found ? { id: found.id, name: found.name, image: found.image, startedAt: found.startedAt } : null,
    reading: !!found && store.agent() === found.id,
    ...stats,
  };
}

function changeOf(req: Request, name: string) {
  const store = topologyStore(name);
  return { store, journal: journalOf(name, store), origin: originOf((h) => req.headers.get(h), authRequired(securityConfig())) };
}

/** Writes one agent entry: done, refused (with why) or failed. */
async function logged<T>(req: Request, name: string, kind: 'agent-start' | 'agent-stop', command: string, run: (store: TopologyStore) => Promise<{ value: T; container: { id: string; name: string }; detail: Record<string, unknown>; echoes: Echo[] }>): Promise<{ value: T; entry: ActivityEntry }> {
  const ctx = changeOf(req, name);
  const base = { at: new Date().toISOString(), engine: ctx.journal.engine, source: 'switchyard' as const, kind, origin: ctx.origin, undoes: null, network: null, command };
  return ctx.journal.change(async () => {
    const r = await run(ctx.store);
    const entry: EntryInput = { ...base, container: r.container, result: 'done', reason: null, detail: r.detail };
    return { value: r.value, entry, echoes: r.echoes };
  }, (err) => ({
    ...base, container: null, result: err instanceof ApiError && err.status < 500 ? 'refused' : 'failed',
    reason: err instanceof ApiError && err.hint ? `${err.message} (${err.hint})` : err instanceof Error ? err.message : String(err), detail: {},
  }));
}

/** Starts the agent on a remote engine (409 if it runs, if the engine is local, or if no engine has the image). */
export async function startAgent(req: Request, name: string): Promise<{ status: AgentStatus; entry: ActivityEntry }> {
  const spec = engineSpec(name);
  const image = agentImage();
  const { entry } = await logged(req, spec.name, 'agent-start', agentCommand(image, spec.name), async (store) => {
    const engine = await store.conn.get();
    if (isLocalEndpoint(engine.endpoint)) {
      throw new ApiError('conflict', `${spec.name} is on this machine (${describeEndpoint(engine.endpoint)}): Switchyard reads its host itself`, 'the agent is for an engine on another machine');
    }
    const found = await findAgent(store);
    if (found?.running) throw new ApiError('conflict', `Switchyard's agent already runs on ${spec.name} (${found.name})`, 'stop it first to start it again');
    if (found) await removeContainer(store.conn, found.id);
    const copiedFrom = await ensureImage(store, spec.name, image);
    const id = await createAndStart(store.conn, AGENT_NAME, agentCreateBody(image, spec.name));
    // The store reads the host through it from its next host read: now.
    await store.refresh({ containers: [id] });
    return { value: id, container: { id, name: AGENT_NAME }, detail: { image, ...(copiedFrom ? { imageCopiedFrom: copiedFrom } : {}) }, echoes: await agentEchoes(store, id, 'start') };
  });
  return { status: await agentStatus(spec.name), entry };
}

/** Stops and removes the agent (404 when there is none). */
export async function stopAgent(req: Request, name: string): Promise<{ status: AgentStatus; entry: ActivityEntry }> {
  const spec = engineSpec(name);
  const { entry } = await logged(req, spec.name, 'agent-stop', `docker rm -f ${AGENT_NAME}`, async (store) => {
    const found = await findAgent(store);
    if (!found) throw new ApiError('not_found', `Switchyard's agent does not run on ${spec.name}`, null);
    const echoes = await agentEchoes(store, found.id, 'stop');
    await removeContainer(store.conn, found.id);
    await store.refresh({ containers: [found.id] });
    return { value: found.id, container: { id: found.id, name: found.name }, detail: { asks: agentStats(found.id).asks }, echoes };
  });
  return { status: await agentStatus(spec.name), entry };
}

/** The engine events starting or removing the agent causes: its own entry says it (lib/activity/journal echoes). */
async function agentEchoes(store: TopologyStore, id: string, what: 'start' | 'stop'): Promise<Echo[]> {
  const host = (await store.current().catch(() => null))?.networks.find((n) => n.builtin && n.driver === 'host')?.id;
  const joined: Echo[] = host ? [{ kind: what === 'start' ? 'connect' : 'disconnect', networkId: host, containerId: id }] : [];
  return what === 'start' ? [{ kind: 'container-start', networkId: id }, ...joined] : [{ kind: 'container-die', networkId: id }, { kind: 'container-destroy', networkId: id }, ...joined];
}

/** The image on the engine; copied from a local engine that has it when it is not. Answers where it came from (null: it was there). */
async function ensureImage(store: TopologyStore, name: string, image: string): Promise<string | null> {
  if (await hasImage(store.conn, image)) return null;
  for (const s of catalog().engines) {
    if (s.name === name || s.endpoint instanceof Error || !isLocalEndpoint(s.endpoint)) continue;
    const local = topologyStore(s.name);
    if (!(await hasImage(local.conn, image).catch(() => false))) continue;
    await copyImage(local.conn, store.conn, image);
    if (!(await hasImage(store.conn, image))) throw new ApiError('engine_error', `${image} was sent from ${s.name} to ${name}, but ${name} does not have it after loading`);
    return s.name;
  }
  throw new ApiError('conflict', `${name} has no image ${image}, and no engine on this machine has it to copy`, `build Switchyard's image (docker build -t ${image} .) or load it there (docker save ${image} | docker -H … load); SWITCHYARD_AGENT_IMAGE names another`);
}
