/**
 * Asking the agent container a question through the engine's own API (exec): no port, no
 * socket of its own. Each answer is parsed here; a failed or garbled one is an AgentError that
 * names the agent and what it said, which the caller turns into a problem it reports.
 */
import 'server-only';
import type { EngineConnection } from '@/lib/docker/client';
import { execCapture } from '@/lib/docker/exec';
import { AGENT_MAX_OUTPUT, AGENT_PROGRAM, type AgentAsk, type LinksAnswer, type ListenersAnswer, type TrafficAnswer } from './protocol';

export class AgentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgentError';
  }
}

/** How long one question may take (a traffic read of a large host is the longest). */
const ASK_MS = 20_000;

type Answer<A extends AgentAsk['command']> = A extends 'links' ? LinksAnswer : A extends 'listeners' ? ListenersAnswer : TrafficAnswer;

/** Counts of the questions asked, per agent container (GET /api/engines/{name}/agent shows them). */
const asked = new Map<string, { asks: number; failures: number; lastAt: string | null; lastMs: number | null; lastError: string | null }>();

export function agentStats(id: string) {
  return asked.get(id) ?? { asks: 0, failures: 0, lastAt: null, lastMs: null, lastError: null };
}

export async function askAgent<C extends AgentAsk['command']>(conn: EngineConnection, agentId: string, command: C, input: Extract<AgentAsk, { command: C }>['input']): Promise<Answer<C>> {
  const stats = { ...agentStats(agentId) };
  const t0 = performance.now();
  try {
    const r = await execCapture(conn, agentId, ['node', AGENT_PROGRAM, command, JSON.stringify(input)], ASK_MS, AGENT_MAX_OUTPUT);
    if (r.timedOut) throw new AgentError(`the agent did not answer "${command}" within ${ASK_MS / 1000} s`);
    if (r.truncated) throw new AgentError(`the agent's answer to "${command}" is larger than ${AGENT_MAX_OUTPUT / 1024 / 1024} MB`);
    if (r.exitCode !== 0) throw new AgentError(`the agent failed "${command}" (exit ${r.exitCode}): ${r.stderr.trim().slice(0, 300) || 'no message'}`);
    try {
      const answer = JSON.parse(r.stdout) as Answer<C>;
      stats.lastError = null;
      return answer;
    } catch {
      throw new AgentError(`the agent's answer to "${command}" is not JSON (is ${AGENT_PROGRAM} Switchyard's agent, of this version?)`);
    }
  } catch (err) {
    stats.failures++;
    stats.lastError = err instanceof Error ? err.message : String(err);
    throw err instanceof AgentError ? err : new AgentError(`the agent could not be asked "${command}": ${stats.lastError}`);
  } finally {
    stats.asks++;
    stats.lastAt = new Date().toISOString();
    stats.lastMs = Math.round(performance.now() - t0);
    asked.set(agentId, stats);
  }
}
