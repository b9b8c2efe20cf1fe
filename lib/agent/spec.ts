/**
 * Switchyard's agent container: how it is made, and how the store knows one is there. Pure.
 *
 * It runs Switchyard's own image, idle (a Node process that waits), and is asked questions by
 * exec (./client). The least it needs: the host's pid namespace (to reach each container's
 * /proc/<pid>) and network namespace (the host's interfaces and its connection tracking), root
 * with every capability dropped but SYS_PTRACE (entering another process's /proc/<pid>/root and
 * net tables) and DAC_READ_SEARCH; a read-only root, no new privileges, no published port, no
 * restart, little memory.
 */
import type { RawContainer } from '@/lib/docker/engine-types';
import type { TopoWarning } from '@/lib/topology/types';
import { AGENT_LABEL, AGENT_PROGRAM } from './protocol';

export { AGENT_LABEL };

/** The agent container's name on an engine (one per engine). */
export const AGENT_NAME = 'switchyard-agent';

/** `docker run` of the agent, as the CLI would say it (the activity log shows it). */
export function agentCommand(image: string, engine: string): string {
  return `docker run -d --name ${AGENT_NAME} --label ${AGENT_LABEL}=${engine} --pid host --network host --user 0 --cap-drop ALL --cap-add SYS_PTRACE --cap-add DAC_READ_SEARCH --read-only --security-opt no-new-privileges --memory 128m --pids-limit 64 --entrypoint node ${image} -e 'setInterval(() => {}, 1 << 30)'`;
}

/** The Engine API's create body for the agent (POST /containers/create?name=switchyard-agent). */
export function agentCreateBody(image: string, engine: string) {
  return {
    Image: image,
    Entrypoint: ['node'],
    // Idle until removed: every question is an exec of AGENT_PROGRAM. SIGTERM ends it at once.
    Cmd: ['-e', "process.on('SIGTERM', () => process.exit(0)); setInterval(() => {}, 1 << 30)"],
    User: '0',
    Labels: { [AGENT_LABEL]: engine, 'io.switchyard.agent.program': AGENT_PROGRAM },
    HostConfig: {
      PidMode: 'host',
      NetworkMode: 'host',
      ReadonlyRootfs: true,
      CapDrop: ['ALL'],
      CapAdd: ['SYS_PTRACE', 'DAC_READ_SEARCH'],
      SecurityOpt: ['no-new-privileges'],
      Memory: 128 * 1024 * 1024,
      PidsLimit: 64,
      RestartPolicy: { Name: 'no' },
    },
  };
}

/** The running agent container among the engine's containers, or null. */
export function runningAgent(containers: Iterable<Pick<RawContainer, 'Id' | 'Config' | 'State'>>): string | null {
  for (const c of containers) if (c.Config?.Labels?.[AGENT_LABEL] !== undefined && c.State?.Running) return c.Id;
  return null;
}

/** Said once per topology whose host facts the agent read. */
export function agentWarning(agentId: string, name: string | undefined): TopoWarning {
  return {
    code: 'host_by_agent',
    subject: agentId,
    message: `bridges, veth pairs, sockets and traffic of this engine's host are read by Switchyard's agent container ${name?.replace(/^\//, '') ?? agentId.slice(0, 12)} on it (stop it from the engine's page to stop that)`,
  };
}
