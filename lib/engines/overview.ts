/**
 * The engines overview: each engine's health from its own store, asked in parallel and each
 * bounded in time, so one engine that is down or hung is reported by name and never holds up
 * the others.
 */
import 'server-only';
import { forEngine, toApiError } from '@/lib/api/errors';
import { describeEndpoint } from '@/lib/docker/endpoint';
import type { EngineSummary, EnginesBody } from '@/lib/schemas/engines';
import { topologyStore } from '@/lib/engines/registry';
import type { Topology } from '@/lib/topology/types';
import { catalog } from './catalog';
import type { EngineSpec } from './contexts';

/**
 * How long the overview waits for any one engine: all are asked at once, so the whole answer
 * comes within about this (under a second, whatever state each engine is in).
 */
const OVERVIEW_WAIT_MS = 600;

function countsOf(t: Topology): EngineSummary['counts'] {
  return { containers: t.containers.length, running: t.containers.filter((c) => c.state === 'running').length, networks: t.networks.length };
}

async function summarize(spec: EngineSpec, current: string, waitMs: number): Promise<EngineSummary> {
  const base = {
    name: spec.name, source: spec.source, description: spec.description, current: spec.name === current,
    endpoint: spec.endpoint instanceof Error ? '(not usable)' : describeEndpoint(spec.endpoint),
  };
  const store = topologyStore(spec.name);
  try {
    const t = await store.currentWithin(waitMs);
    if (!t) {
      return {
        ...base, ok: false, state: store.status().state, version: null, apiVersion: null, counts: null, swarm: null,
        error: { code: 'engine_timeout', message: `${spec.name} did not answer within ${waitMs / 1000} s`, hint: 'Switchyard keeps trying; the other engines are not held up' },
      };
    }
    const swarm = t.engine.swarm;
    return {
      ...base, ok: true, state: store.status().state, version: t.engine.serverVersion, apiVersion: t.engine.apiVersion,
      counts: countsOf(t),
      swarm: { role: swarm ? (swarm.isManager ? 'manager' : 'worker') : 'none', nodeId: swarm?.nodeId || null },
      error: null,
    };
  } catch (err) {
    const e = forEngine(spec.name, toApiError(err));
    let hint = e.hint;
    // The default engine's hints speak of DOCKER_HOST; another engine is fixed where it is named.
    if (spec.source !== 'default' && (e.code === 'engine_unreachable' || e.code === 'engine_timeout')) {
      hint = spec.source === 'context' ? `start that engine, or correct the context (docker context inspect ${spec.name})` : `start that engine, or correct its entry in SWITCHYARD_ENGINES`;
    }
    return { ...base, ok: false, state: store.status().state, version: null, apiVersion: null, counts: null, swarm: null, error: { code: e.code, message: e.message, hint } };
  }
}

export async function engineOverview(waitMs = OVERVIEW_WAIT_MS): Promise<EnginesBody> {
  const c = catalog();
  return { current: c.current, engines: await Promise.all(c.engines.map((s) => summarize(s, c.current, waitMs))), problems: c.problems };
}
