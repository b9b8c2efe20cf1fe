/**
 * Plans: several changes staged, shown, then applied as one (POST /api/plans).
 *
 * The preview gives each step's CLI command, its preflight verdict on the topology the steps
 * before it leave (./simulate), the live connections it would cut, and, for a step that changes
 * a compose container's networks, the compose diff that would make the plan's result last.
 *
 * Applying checks the whole plan first and runs nothing if a step would be refused. Then the
 * steps run in order through lib/rewire (the same refusals as one change asked alone); if one
 * is refused or fails, the steps already done are taken back in reverse (each with the inverse
 * change, from what its own answer said: a connect is disconnected, a disconnect connected
 * again with its aliases and static addresses, a created network removed, a removed one made
 * again from its inspect) and each step says what happened to it. The plan is one activity
 * entry with its steps; the engine events it causes are its echoes, not entries of their own.
 */
import 'server-only';
import { networkConfigOf } from '@/lib/activity/entry';
import type { ChangeContext } from '@/lib/activity/service';
import type { Echo } from '@/lib/activity/journal';
import { ApiError } from '@/lib/api/errors';
import { lastingDiffOn, type ProjectTextsCache } from '@/lib/compose/write-service';
import { isLocalEndpoint } from '@/lib/docker/endpoint';
import * as rewire from '@/lib/rewire/service';
import type { Outcome, Refusal } from '@/lib/rewire/refusal';
import type { PlanAnswer, PlanStep, PlanStepReport } from '@/lib/schemas/plans';
import type { TopologyStore } from '@/lib/store/topology-store';
import { findContainer } from '@/lib/topology/select';
import type { TopoContainer } from '@/lib/topology/types';
import { cutsBefore } from '@/lib/traffic/cuts';
import { commandOf, simulate } from './simulate';

const reasonOf = (r: Refusal) => (r.hint ? `${r.message} (${r.hint})` : r.message);

/** Each step as the plan would run it, changing nothing. */
export async function previewPlan(store: TopologyStore, steps: readonly PlanStep[]): Promise<PlanStepReport[]> {
  const refs = refsOf(steps);
  const t = await store.refresh({ networks: refs.networks, containers: refs.containers });
  const { verdicts, after } = simulate(t, steps);
  const local = isLocalEndpoint((await store.conn.get()).endpoint);
  // One read of a project's files for the whole plan, however many of its containers it moves.
  const read: ProjectTextsCache = new Map();
  const reports: PlanStepReport[] = [];
  for (const [i, s] of steps.entries()) {
    const v = verdicts[i]!;
    let cuts: PlanStepReport['cuts'] = null;
    if (!v && (s.kind === 'disconnect' || s.kind === 'network-remove')) {
      const c = await cutsBefore(store, s.network, s.kind === 'disconnect' ? s.container : null).catch(() => null);
      cuts = c && 'connections' in c ? { connections: c.connections, text: c.text } : null;
    }
    let compose: PlanStepReport['compose'] = null;
    if (!v && (s.kind === 'connect' || s.kind === 'disconnect')) {
      const c = findContainer(after, s.container);
      const d = c ? await lastingDiffOn(after, c as TopoContainer, local, read).catch(() => null) : null;
      compose = d && c ? { container: c.name, ...d } : null;
    }
    reports.push({ index: i, kind: s.kind, command: commandOf(s), preflight: { ok: !v, message: v?.message ?? null, hint: v?.hint ?? null }, cuts, compose, result: 'planned', reason: null });
  }
  return reports;
}

function refsOf(steps: readonly PlanStep[]): { networks: string[]; containers: string[] } {
  const networks = new Set<string>();
  const containers = new Set<string>();
  for (const s of steps) {
    if (s.kind === 'network-create') networks.add(s.name);
    else networks.add(s.network);
    if (s.kind === 'connect' || s.kind === 'disconnect') containers.add(s.container);
  }
  return { networks: [...networks], containers: [...containers] };
}

/** A done step's inverse, and the engine events it and its inverse cause. */
interface Done {
  echoes: Echo[];
  undo: (() => Promise<Outcome<{ echoes: Echo[] }>>) | null;
  /** Why it cannot be taken back, where it cannot. */
  cannot: string | null;
}

async function runStep(store: TopologyStore, s: PlanStep): Promise<Outcome<Done>> {
  const ok = (d: Done): Outcome<Done> => ({ ok: true, value: d });
  switch (s.kind) {
    case 'connect': {
      const r = await rewire.connect(store, s.network, s);
      if (!r.ok) return r;
      const { network: n, container: c } = r.value;
      return ok({
        echoes: [{ kind: 'connect', networkId: n.id, containerId: c.id }], cannot: null,
        undo: async () => map(await rewire.disconnect(store, n.id, { container: c.id, force: false }), [{ kind: 'disconnect', networkId: n.id, containerId: c.id }]),
      });
    }
    case 'disconnect': {
      const r = await rewire.disconnect(store, s.network, s);
      if (!r.ok) return r;
      const { network: n, container: c, endpoint: e } = r.value;
      return ok({
        echoes: [{ kind: 'disconnect', networkId: n.id, containerId: c.id }], cannot: null,
        undo: async () => map(await rewire.connect(store, n.id, { container: c.id, aliases: e.aliases, ipv4: e.staticIpv4, ipv6: e.staticIpv6 }), [{ kind: 'connect', networkId: n.id, containerId: c.id }]),
      });
    }
    case 'network-create': {
      const r = await rewire.create(store, s);
      if (!r.ok) return r;
      const n = r.value;
      return ok({ echoes: [{ kind: 'network-create', networkId: n.id }], cannot: null, undo: async () => map(await rewire.remove(store, n.id), [{ kind: 'network-remove', networkId: n.id }]) });
    }
    case 'network-remove': {
      const r = await rewire.remove(store, s.network);
      if (!r.ok) return r;
      const { id, raw } = r.value;
      if (!raw) return ok({ echoes: [{ kind: 'network-remove', networkId: id }], undo: null, cannot: 'its configuration could not be read before it was removed' });
      return ok({
        echoes: [{ kind: 'network-remove', networkId: id }], cannot: null,
        undo: async () => {
          const made = await rewire.recreate(store, networkConfigOf(raw));
          return made.ok ? { ok: true, value: { echoes: [{ kind: 'network-create', networkId: made.value.id }] } } : made;
        },
      });
    }
  }
}

const map = <T>(r: Outcome<T>, echoes: Echo[]): Outcome<{ echoes: Echo[] }> => (r.ok ? { ok: true, value: { echoes } } : r);

/** Applies a plan: all of it, or (when a step is refused or fails) none of it, as far as the engine allows. */
export async function applyPlan(ctx: ChangeContext, steps: readonly PlanStep[]): Promise<PlanAnswer> {
  // The same reports as the preview: the answer shows each step's compose diff after the apply too
  // (the files are unchanged by it); the entry keeps the rest.
  const reports = await previewPlan(ctx.store, steps);
  const stop = reports.find((r) => !r.preflight.ok);
  if (stop) {
    throw new ApiError('conflict', `step ${stop.index + 1} (${stop.command}) would be refused: ${stop.preflight.message}; nothing was changed`, stop.preflight.hint);
  }
  const at = new Date().toISOString();
  const { value, entry } = await ctx.journal.change(async () => {
    const echoes: Echo[] = [];
    const done: { index: number; d: Done }[] = [];
    let failedAt: { index: number; result: 'refused' | 'failed'; reason: string } | null = null;
    for (const [i, s] of steps.entries()) {
      try {
        const r = await runStep(ctx.store, s);
        if (!r.ok) {
          failedAt = { index: i, result: 'refused', reason: reasonOf(r.refusal) };
          break;
        }
        echoes.push(...r.value.echoes);
        done.push({ index: i, d: r.value });
        reports[i] = { ...reports[i]!, result: 'done' };
      } catch (err) {
        failedAt = { index: i, result: 'failed', reason: err instanceof Error ? err.message : String(err) };
        break;
      }
    }
    if (failedAt) {
      reports[failedAt.index] = { ...reports[failedAt.index]!, result: failedAt.result, reason: failedAt.reason };
      for (let i = failedAt.index + 1; i < steps.length; i++) reports[i] = { ...reports[i]!, result: 'not-run', reason: `step ${failedAt.index + 1} stopped the plan` };
      // Back out, the last done first.
      for (const { index, d } of [...done].reverse()) {
        if (!d.undo) {
          reports[index] = { ...reports[index]!, result: 'undo-failed', reason: `not taken back: ${d.cannot}` };
          continue;
        }
        try {
          const u = await d.undo();
          if (u.ok) {
            echoes.push(...u.value.echoes);
            reports[index] = { ...reports[index]!, result: 'undone', reason: `taken back after step ${failedAt.index + 1} ${failedAt.result === 'refused' ? 'was refused' : 'failed'}` };
          } else reports[index] = { ...reports[index]!, result: 'undo-failed', reason: `taking it back was refused: ${reasonOf(u.refusal)}` };
        } catch (err) {
          reports[index] = { ...reports[index]!, result: 'undo-failed', reason: `taking it back failed: ${err instanceof Error ? err.message : String(err)}` };
        }
      }
    }
    const applied = !failedAt;
    const left = reports.filter((r) => r.result === 'undo-failed').length;
    const reason = failedAt ? `step ${failedAt.index + 1} ${failedAt.result === 'refused' ? 'was refused' : 'failed'}: ${failedAt.reason}; ${left ? `${left} step${left === 1 ? '' : 's'} could not be taken back` : `the ${done.length} step${done.length === 1 ? '' : 's'} done before it ${done.length === 1 ? 'was' : 'were'} taken back`}` : null;
    return {
      value: { applied, steps: reports },
      entry: {
        at, engine: ctx.journal.engine, source: 'switchyard', kind: 'plan', origin: ctx.origin, undoes: null, network: null, container: null,
        result: applied ? 'done' : failedAt!.result, reason, command: steps.map(commandOf).join('\n'),
        detail: { steps: reports.map(({ compose: _compose, ...r }) => r) },
      },
      echoes,
    };
  }, (err) => ({
    at, engine: ctx.journal.engine, source: 'switchyard', kind: 'plan', origin: ctx.origin, undoes: null, network: null, container: null,
    result: 'failed', reason: err instanceof Error ? err.message : String(err), command: steps.map(commandOf).join('\n'), detail: {},
  }));
  return { ...value, entry };
}

