/**
 * Refused connection attempts, host-wide: a TCP connect answered by a reset leaves no socket
 * and no entry to read a moment later (the kernel drops an unassured entry at once), so they
 * are followed as they happen, with `conntrack -E -e DESTROY -p tcp` (conntrack-tools) while
 * anyone watches traffic. Keeps the last WINDOW_MS of them. Started and stopped by reference
 * count; the process is ours, ended by its pid.
 */
import 'server-only';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { isRefusal, parseConntrackEvent, type ConntrackEntry } from './conntrack';

/** How long a refused attempt is counted (the kernel's own CLOSE timeout). */
export const WINDOW_MS = 10_000;
const MAX_KEPT = 5000;

export type RefusalsState = { ok: true } | { ok: false; reason: string };

class RefusalFeed {
  private proc: ChildProcess | null = null;
  private users = 0;
  private kept: { at: number; entry: ConntrackEntry }[] = [];
  private state: RefusalsState = { ok: false, reason: 'not started' };

  acquire(): () => void {
    this.users++;
    if (this.users === 1) this.start();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.users === 0) this.stop();
    };
  }

  status(): RefusalsState {
    return this.state;
  }

  /** The refusals seen in the last WINDOW_MS. */
  recent(now = Date.now()): ConntrackEntry[] {
    const from = now - WINDOW_MS;
    while (this.kept.length && this.kept[0]!.at < from) this.kept.shift();
    return this.kept.map((k) => k.entry);
  }

  private start(): void {
    let p: ChildProcess;
    try {
      p = spawn('conntrack', ['-E', '-e', 'DESTROY', '-p', 'tcp'], { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      this.state = { ok: false, reason: `conntrack could not be started (${String(err)}): refused attempts are not seen` };
      return;
    }
    this.proc = p;
    this.state = { ok: true };
    let stderr = '';
    p.stderr!.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-400); });
    p.on('error', (err: NodeJS.ErrnoException) => {
      this.state = { ok: false, reason: err.code === 'ENOENT' ? 'conntrack (conntrack-tools) is not installed: refused attempts are not seen (Debian: apt-get install conntrack)' : `conntrack failed (${err.message}): refused attempts are not seen` };
    });
    p.on('exit', (code) => {
      if (this.proc === p) this.proc = null;
      if (this.state.ok && this.users > 0) this.state = { ok: false, reason: `conntrack -E stopped (exit ${code}${stderr ? `: ${stderr.trim().split('\n').pop()}` : ''}): refused attempts are not seen` };
    });
    createInterface({ input: p.stdout! }).on('line', (line) => {
      const ev = parseConntrackEvent(line);
      if (!ev || !isRefusal(ev.entry)) return;
      this.kept.push({ at: Date.now(), entry: ev.entry });
      if (this.kept.length > MAX_KEPT) this.kept.splice(0, this.kept.length - MAX_KEPT);
    });
  }

  private stop(): void {
    const p = this.proc;
    this.proc = null;
    this.kept = [];
    this.state = { ok: false, reason: 'not started' };
    if (p?.pid && p.exitCode === null) p.kill('SIGTERM');
  }
}

const KEY = Symbol.for('switchyard.refusal-feed');

/** The process-wide feed (one conntrack process however many engines are watched). */
export function refusalFeed(): RefusalFeed {
  const g = globalThis as unknown as Record<symbol, RefusalFeed | undefined>;
  return (g[KEY] ??= new RefusalFeed());
}
