/**
 * What Switchyard asks its agent and what the agent answers (lib/agent/main runs inside the
 * agent container; lib/agent/client asks it through the engine's exec API). One exec per
 * question: argv is `node /app/agent.mjs <command> <JSON input>`, stdout one JSON answer.
 * The readers are Switchyard's own (lib/host): the agent answers what they read, and the
 * server interprets it as it does what it reads locally. Maps travel as entry arrays. Pure.
 */
import type { ContainerInterface, HostInterface, HostLinkProblem } from '@/lib/host/links';
import type { ListenersRead } from '@/lib/host/listeners';
import type { NamespaceSockets } from '@/lib/host/proc-net-sockets';
import type { ConntrackResult } from '@/lib/host/sockets';

/** Where the agent program is in Switchyard's image (the Dockerfile puts it there). */
export const AGENT_PROGRAM = '/app/agent.mjs';
/** The label every agent container carries (its value: the engine's name in Switchyard). */
export const AGENT_LABEL = 'io.switchyard.agent';
/** The most an answer may be (conntrack at its bound is some MB of JSON). */
export const AGENT_MAX_OUTPUT = 32 * 1024 * 1024;

export interface LinksAsk { targets: { id: string; pid: number }[]; bridges: string[] | null }
export interface LinksAnswer {
  containers: Record<string, ContainerInterface[] | HostLinkProblem>;
  host: HostInterface[] | HostLinkProblem;
}

export interface ListenersAsk { pid: number }
export type ListenersAnswer = ListenersRead;

/** Each namespace to read: its containers (the first is the one whose pid is read). */
export interface TrafficAsk { groups: { ids: string[]; pids: number[] }[] }
export type WireSockets = Omit<NamespaceSockets, 'listenInodes'> & { listenInodes: [number, number[]][] };
export interface TrafficAnswer {
  namespaces: { containerIds: string[]; read: WireSockets | { error: string }; owners?: [number, string][] }[];
  conntrack: ConntrackResult;
  hostAddresses: string[];
}

export type AgentAsk =
  | { command: 'links'; input: LinksAsk }
  | { command: 'listeners'; input: ListenersAsk }
  | { command: 'traffic'; input: TrafficAsk };

export const toWire = (s: NamespaceSockets): WireSockets => ({ ...s, listenInodes: [...s.listenInodes] });
export const fromWire = (s: WireSockets): NamespaceSockets => ({ ...s, listenInodes: new Map(s.listenInodes) });
