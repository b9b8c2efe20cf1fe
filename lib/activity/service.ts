/**
 * The rewiring actions, logged: each change asked of Switchyard runs through lib/rewire's
 * service and is written to the engine's journal with who asked, its CLI equivalent and its
 * result. Undo builds the inverse change from the entry, checks that the world has not moved
 * on (the same container and network, by id, still there), and runs it through the same
 * actions, so it meets the same validation and refusals, and is logged itself.
 */
import 'server-only';
import { connectCommand, createCommand, disconnectCommand, removeCommand } from '@/lib/rewire/cli';
import { refuse, refused, done, type Outcome, type Refusal } from '@/lib/rewire/refusal';
import * as rewire from '@/lib/rewire/service';
import { authRequired, securityConfig } from '@/lib/security/config';
import { CHANGE_ROLES } from '@/lib/identity/policy';
import type { Role } from '@/lib/identity/roles';
import type { ConnectBody, CreateNetworkBody, DisconnectBody } from '@/lib/schemas/networks';
import { storeFor } from '@/lib/engines/registry';
import type { TopologyStore } from '@/lib/store/topology-store';
import { findContainer, findNetwork } from '@/lib/topology/select';
import type { TopoContainer, TopoEndpoint, TopoNetwork } from '@/lib/topology/types';
import { networkConfigOf, undoCommand, undoPlan, type ActivityEntry, type ActivityKind, type ActivityOrigin, type EntryInput, type UndoPlan } from './entry';
import type { Echo, Journal } from './journal';
import { originOf } from './origin';
import { journalOf } from './registry';
import { cutsBefore, type Cuts } from '@/lib/traffic/cuts';
import { applyWriteBack, restoreFile, type WriteDone } from '@/lib/compose/write-service';

export interface ChangeContext {
  store: TopologyStore;
  journal: Journal;
  origin: ActivityOrigin;
}

/** The store and journal of the engine a request names. */
export function activityFor(req: Request | undefined): { store: TopologyStore; journal: Journal } {
  const store = storeFor(req);
  return { store, journal: journalOf(store.conn.name, store) };
}

/** The topology version now served: after a change, one that holds it (the change re-reads what it touched). */
export function writtenVersion(ctx: Pick<ChangeContext, 'store'>): { epoch: string; version: number } {
  const { epoch, version } = ctx.store.status();
  return { epoch, version };
}

/** A change request's store, journal and origin. */
export function changeContext(req: Request): ChangeContext {
  return { ...activityFor(req), origin: originOf((h) => req.headers.get(h), authRequired(securityConfig())) };
}

type Ref = { id: string; name: string };
const ref = (o: { id: string; name: string }): Ref => ({ id: o.id, name: o.name });

/** Names a change's objects as the store knows them, else as they were given. */
async function named(store: TopologyStore, networkRef: string | null, containerRef: string | null): Promise<{ network: Ref | null; container: Ref | null }> {
  const t = await store.current().catch(() => null);
  const net = networkRef === null ? null : (t && findNetwork(t, networkRef)) || null;
  const ctr = containerRef === null ? null : (t && findContainer(t, containerRef)) || null;
  return {
    network: networkRef === null ? null : net ? ref(net) : { id: networkRef, name: networkRef },
    container: containerRef === null ? null : ctr ? ref(ctr) : { id: containerRef, name: containerRef },
  };
}

interface Spec<T> {
  kind: ActivityKind;
  command: string | null;
  networkRef: string | null;
  containerRef: string | null;
  undoes: number | null;
  /** The change itself. */
  run: () => Promise<Outcome<T>>;
  /** What a done change logs: its objects, detail for its undo, and the engine events it causes. */
  describe: (v: T) => { network: Ref | null; container: Ref | null; command?: string | null; detail: Record<string, unknown>; echoes: Echo[] };
}

async function logged<T>(ctx: ChangeContext, spec: Spec<T>): Promise<{ outcome: Outcome<T>; entry: ActivityEntry }> {
  const at = new Date().toISOString();
  const base = { at, engine: ctx.journal.engine, source: 'switchyard' as const, kind: spec.kind, origin: ctx.origin, undoes: spec.undoes };
  const { value, entry } = await ctx.journal.change<Outcome<T>>(async () => {
    const outcome = await spec.run();
    if (!outcome.ok) {
      const objects = await named(ctx.store, spec.networkRef, spec.containerRef);
      const entry: EntryInput = { ...base, ...objects, result: 'refused', reason: reasonOf(outcome.refusal), command: spec.command, detail: {} };
      return { value: outcome, entry, echoes: [] };
    }
    const d = spec.describe(outcome.value);
    const entry: EntryInput = { ...base, network: d.network, container: d.container, result: 'done', reason: null, command: d.command === undefined ? spec.command : d.command, detail: d.detail };
    return { value: outcome, entry, echoes: d.echoes };
  }, (err) => ({
    ...base, network: spec.networkRef ? { id: spec.networkRef, name: spec.networkRef } : null, container: spec.containerRef ? { id: spec.containerRef, name: spec.containerRef } : null,
    result: 'failed', reason: err instanceof Error ? err.message : String(err), command: spec.command, detail: {},
  }));
  return { outcome: value, entry };
}

const reasonOf = (r: Refusal) => (r.hint ? `${r.message} (${r.hint})` : r.message);
const endpointDetail = (e: Pick<TopoEndpoint, 'aliases' | 'staticIpv4' | 'staticIpv6' | 'ipv4' | 'ipv6'>) => ({
  aliases: e.aliases, ipv4: e.staticIpv4, ipv6: e.staticIpv6, address: e.ipv4, address6: e.ipv6,
});

type Logged<T> = Promise<{ outcome: Outcome<T>; entry: ActivityEntry }>;

export function connect(ctx: ChangeContext, networkRef: string, body: ConnectBody, undoes: number | null = null): Logged<{ endpoint: TopoEndpoint; network: TopoNetwork; container: TopoContainer }> {
  return logged(ctx, {
    kind: 'connect', networkRef, containerRef: body.container, undoes,
    command: connectCommand(networkRef, body.container, body),
    run: () => rewire.connect(ctx.store, networkRef, body),
    describe: (v) => ({
      network: ref(v.network), container: ref(v.container),
      command: connectCommand(v.network.name, v.container.name, body),
      detail: endpointDetail(v.endpoint),
      echoes: [{ kind: 'connect', networkId: v.network.id, containerId: v.container.id }],
    }),
  });
}

export function disconnect(ctx: ChangeContext, networkRef: string, body: DisconnectBody, undoes: number | null = null): Logged<{ network: TopoNetwork; container: TopoContainer; endpoint: TopoEndpoint }> {
  let cuts: Cuts | null = null;
  return logged(ctx, {
    kind: 'disconnect', networkRef, containerRef: body.container, undoes,
    command: disconnectCommand(networkRef, body.container, body.force),
    // The live connections it cuts, read just before (lib/traffic/cuts).
    run: async () => { cuts = await cutsBefore(ctx.store, networkRef, body.container); return rewire.disconnect(ctx.store, networkRef, body); },
    describe: (v) => ({
      network: ref(v.network), container: ref(v.container),
      command: disconnectCommand(v.network.name, v.container.name, body.force),
      // What connecting again needs: the aliases and static addresses it had.
      detail: { ...endpointDetail(v.endpoint), force: body.force, ...(cuts ? { cuts } : {}) },
      echoes: [{ kind: 'disconnect', networkId: v.network.id, containerId: v.container.id }],
    }),
  });
}

export function create(ctx: ChangeContext, body: CreateNetworkBody): Logged<TopoNetwork> {
  return logged(ctx, {
    kind: 'network-create', networkRef: body.name, containerRef: null, undoes: null,
    command: createCommand(body),
    run: () => rewire.create(ctx.store, body),
    describe: (n) => ({ network: ref(n), container: null, detail: { driver: n.driver, subnets: n.subnets.map((s) => s.subnet) }, echoes: [{ kind: 'network-create', networkId: n.id }] }),
  });
}

export function remove(ctx: ChangeContext, networkRef: string, undoes: number | null = null): Logged<{ id: string; name: string }> {
  let cuts: Cuts | null = null;
  return logged(ctx, {
    kind: 'network-remove', networkRef, containerRef: null, undoes,
    command: removeCommand(networkRef),
    // The engine removes only a network without members; what is open over it is read all the same.
    run: async () => { cuts = await cutsBefore(ctx.store, networkRef, null); return rewire.remove(ctx.store, networkRef); },
    describe: (v) => ({
      network: { id: v.id, name: v.name }, container: null, command: removeCommand(v.name),
      // Everything re-creating it needs, as the engine had it.
      detail: { ...(v.raw ? { config: networkConfigOf(v.raw) } : {}), ...(cuts ? { cuts } : {}) },
      echoes: [{ kind: 'network-remove', networkId: v.id }],
    }),
  });
}

function recreate(ctx: ChangeContext, plan: Extract<UndoPlan, { kind: 'network-create' }>, undoes: number): Logged<TopoNetwork> {
  return logged(ctx, {
    kind: 'network-create', networkRef: plan.config.name, containerRef: null, undoes,
    command: undoCommand(plan),
    run: () => rewire.recreate(ctx.store, plan.config),
    describe: (n) => ({ network: ref(n), container: null, detail: { driver: n.driver, subnets: n.subnets.map((s) => s.subnet), recreated: plan.network.id }, echoes: [{ kind: 'network-create', networkId: n.id }] }),
  });
}

/** "Make it last": the service's compose file rewritten to what its container runs with (lib/compose/write-service). */
export function writeBack(ctx: ChangeContext, body: { container: string; file: string | null; base: string; result: string }): Logged<WriteDone> {
  return logged(ctx, {
    kind: 'compose-write', networkRef: null, containerRef: body.container, undoes: null, command: null,
    run: () => applyWriteBack(ctx.store, body),
    describe: (v) => ({
      network: null, container: v.proposal.container, command: null,
      // What undoing needs (lib/activity/entry undoPlan), and the diff for the timeline.
      detail: { project: v.proposal.project, service: v.proposal.service, file: v.proposal.file, backup: v.backup, before: v.proposal.base, after: v.proposal.result, diff: v.proposal.diff, check: v.check },
      echoes: [],
    }),
  });
}

function restore(ctx: ChangeContext, plan: Extract<UndoPlan, { kind: 'compose-restore' }>, undoes: number): Logged<{ diff: string }> {
  return logged(ctx, {
    kind: 'compose-write', networkRef: null, containerRef: plan.container.id, undoes, command: undoCommand(plan),
    run: () => restoreFile(plan.file, plan.backup, plan.written, plan.original),
    describe: (v) => ({ network: null, container: plan.container, detail: { file: plan.file, restoredFrom: plan.backup, before: plan.written, after: plan.original, diff: v.diff }, echoes: [] }),
  });
}

const moved = (message: string, hint: string | null = null) => refuse('conflict', message, hint);

/** Why an entry cannot be undone, in words; null when it can be tried. */
function notUndoable(e: ActivityEntry): Refusal | null {
  if (e.source === 'engine') return moved(`entry ${e.id} is an engine event, made outside Switchyard (the CLI or another tool): only changes made through Switchyard can be undone`, e.command ? `to take it back, run the opposite of: ${e.command}` : null);
  if (e.result !== 'done') return moved(`entry ${e.id} changed nothing (it was ${e.result}): there is nothing to undo`);
  if (e.undoneBy !== null) return moved(`entry ${e.id} was already undone, by entry ${e.undoneBy}`);
  return null;
}

/** Checks, by id, that what the entry changed is still there as the change left it. */
async function stillAsLeft(store: TopologyStore, plan: UndoPlan): Promise<Refusal | null> {
  if (plan.kind === 'compose-restore') return null; // the restore checks the file itself
  // By id and by name: a new object under the old name is told apart from the old one.
  const t = await store.refresh({ networks: [plan.network.id, plan.network.name], ...('container' in plan ? { containers: [plan.container.id, plan.container.name] } : {}) });
  const net = t.networks.find((n) => n.id === plan.network.id);
  if (plan.kind === 'network-create') return null; // the name must be free: rewire.recreate checks, with the others
  const sameName = t.networks.find((n) => n.name === plan.network.name);
  if (!net) {
    return moved(`network ${plan.network.name} is gone${sameName ? ` (a network of that name now has another id, ${sameName.id.slice(0, 12)})` : ''}: the world has moved on`, null);
  }
  if (plan.kind === 'network-remove') return null; // members are checked by the removal itself
  const ctr = t.containers.find((c) => c.id === plan.container.id);
  if (!ctr) {
    const other = t.containers.find((c) => c.name === plan.container.name);
    return moved(`container ${plan.container.name} is gone${other ? ` (a container of that name now has another id, ${other.id.slice(0, 12)})` : ''}: the world has moved on`, null);
  }
  const on = t.endpoints.some((e) => e.networkId === net.id && e.containerId === ctr.id);
  if (plan.kind === 'disconnect' && !on) return moved(`${ctr.name} is no longer on ${net.name}: someone disconnected it since, so there is nothing to undo`);
  if (plan.kind === 'connect' && on) return moved(`${ctr.name} is on ${net.name} again already: someone connected it since`);
  return null;
}

/** Undoes a change made through Switchyard: the inverse change, logged with `undoes`. */
/** The role undoing an entry needs (operator if it cannot be undone: the undo itself says why not). */
export function roleToUndo(ctx: ChangeContext, id: number): Role {
  const e = ctx.journal.log.get(id);
  const plan = e ? undoPlan(e) : null;
  return plan ? CHANGE_ROLES[plan.kind] : 'operator';
}

export async function undo(ctx: ChangeContext, id: number): Promise<Outcome<{ entry: ActivityEntry; undone: ActivityEntry }>> {
  const original = ctx.journal.log.get(id);
  if (!original) return refused(refuse('not-found', `there is no activity entry ${id} on engine ${ctx.journal.engine}`, 'GET /api/activity lists them'));
  const plan = undoPlan(original);
  const why = notUndoable(original) ?? (plan ? await stillAsLeft(ctx.store, plan) : moved(`entry ${id} cannot be undone`));
  if (why || !plan) {
    // An inverse change that was asked for and refused is logged like any other.
    if (plan) {
      const container = 'container' in plan ? plan.container : null;
      ctx.journal.write([{
        at: new Date().toISOString(), engine: ctx.journal.engine, source: 'switchyard', kind: plan.kind === 'compose-restore' ? 'compose-write' : plan.kind, origin: ctx.origin, undoes: id,
        network: 'network' in plan ? plan.network : null, container, result: 'refused', reason: reasonOf(why!), command: undoCommand(plan), detail: {},
      }]);
    }
    return refused(why!);
  }
  let r: { outcome: Outcome<unknown>; entry: ActivityEntry };
  switch (plan.kind) {
    case 'disconnect':
      r = await disconnect(ctx, plan.network.id, { container: plan.container.id, force: false }, id);
      break;
    case 'connect':
      r = await connect(ctx, plan.network.id, { container: plan.container.id, ...plan.endpoint }, id);
      break;
    case 'network-remove':
      r = await remove(ctx, plan.network.id, id);
      break;
    case 'network-create':
      r = await recreate(ctx, plan, id);
      break;
    case 'compose-restore':
      r = await restore(ctx, plan, id);
      break;
  }
  if (!r.outcome.ok) return refused(r.outcome.refusal);
  const undone = ctx.journal.markUndone(id, r.entry.id) ?? original;
  return done({ entry: r.entry, undone });
}
