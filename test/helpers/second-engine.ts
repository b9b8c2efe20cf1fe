/**
 * A second Docker engine of the tests' own, beside the lab engine, that fault tests stop and
 * start at will (`scripts/lab.sh engine2 start|stop`: own roots, socket, pidfile and bridge,
 * no iptables). Needs root. Stopped only by the pid it recorded.
 */
import { execFileSync } from 'node:child_process';

export const ENGINE2_SOCKET = '/run/switchyard-fault/docker.sock';
/** The lab's image, and a command that keeps a container running until it is stopped. */
export const LAB_IMAGE = 'switchyard-lab/busybox:1';
export const SERVE = "trap 'exit 0' TERM; while :; do sleep 3600 & wait $!; done";

export class SecondEngine {
  async start(): Promise<void> {
    if (process.getuid?.() !== 0) throw new Error('the fault tests start a second Docker engine, which needs root');
    execFileSync('bash', ['scripts/lab.sh', 'engine2', 'start'], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 90_000 });
  }

  async stop(): Promise<void> {
    execFileSync('bash', ['scripts/lab.sh', 'engine2', 'stop'], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 60_000 });
  }

  /** `docker` against this engine. */
  docker(...args: string[]): string {
    return execFileSync('docker', ['-H', `unix://${ENGINE2_SOCKET}`, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  }

  /** Copies an image of the lab engine's here (no registry), unless this engine has it. */
  loadImage(image: string = LAB_IMAGE): void {
    try { this.docker('image', 'inspect', image); } catch {
      execFileSync('bash', ['-c', `docker save ${image} | docker -H unix://${ENGINE2_SOCKET} load`], { stdio: 'ignore', timeout: 120_000 });
    }
  }
}
