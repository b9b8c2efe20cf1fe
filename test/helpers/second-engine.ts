/**
 * A second Docker engine of the tests' own, beside the lab engine, that fault tests may stop
 * and start at will: its own data and exec roots, socket, pidfile and bridge, and no iptables
 * (two engines managing iptables on one host undo each other's rules). Needs root.
 * Stopped only by the pid it was started with.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';

export const ENGINE2_DIR = '/run/switchyard-fault';
export const ENGINE2_SOCKET = `${ENGINE2_DIR}/docker.sock`;
const BRIDGE = 'sy-fault0';

function ensureBridge() {
  const links = execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' });
  if (!links.includes(` ${BRIDGE}:`)) {
    execFileSync('ip', ['link', 'add', BRIDGE, 'type', 'bridge']);
    execFileSync('ip', ['addr', 'add', '10.231.250.1/24', 'dev', BRIDGE]);
  }
  execFileSync('ip', ['link', 'set', BRIDGE, 'up']);
}

async function ping(timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      execFileSync('curl', ['-sf', '--max-time', '1', '--unix-socket', ENGINE2_SOCKET, 'http://x/_ping'], { stdio: 'ignore' });
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return false;
}

export class SecondEngine {
  private pid: number | null = null;

  async start(): Promise<void> {
    if (process.getuid?.() !== 0) throw new Error('the fault tests start a second Docker engine, which needs root');
    mkdirSync(ENGINE2_DIR, { recursive: true });
    ensureBridge();
    const log = openSync(`${ENGINE2_DIR}/dockerd.log`, 'a');
    const child = spawn('dockerd', [
      '--data-root', '/var/lib/switchyard-fault', '--exec-root', `${ENGINE2_DIR}/exec`, '--pidfile', `${ENGINE2_DIR}/dockerd.pid`,
      '-H', `unix://${ENGINE2_SOCKET}`, '--bridge', BRIDGE, '--iptables=false', '--ip-masq=false',
    ], { detached: true, stdio: ['ignore', log, log] });
    child.unref();
    this.pid = child.pid ?? null;
    if (!(await ping(60_000))) throw new Error(`the second engine did not answer: ${readFileSync(`${ENGINE2_DIR}/dockerd.log`, 'utf8').slice(-2000)}`);
  }

  /** Stops the engine this object started (SIGTERM, then waits for it to exit). */
  async stop(): Promise<void> {
    const pid = this.pid;
    if (!pid) return;
    this.pid = null;
    try { process.kill(pid, 'SIGTERM'); } catch { return; }
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && existsSync(`/proc/${pid}`)) {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2];
      if (stat === 'Z') break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** `docker` against this engine. */
  docker(...args: string[]): string {
    return execFileSync('docker', ['-H', `unix://${ENGINE2_SOCKET}`, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  }
}
