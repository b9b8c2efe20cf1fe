/**
 * Random docker CLI actions for the store's correctness tests: run, create, start, stop,
 * restart, rename, rm, network connect (with aliases and static IPs, on running and stopped
 * containers) and disconnect, network create and rm. Seeded, so a failure can be replayed.
 * Every object carries the label and a name with the given prefix. An action the engine
 * refuses (a name taken, an address in use) is counted, not fatal: it changes nothing.
 */
export type Docker = (...args: string[]) => string;

const IMAGE = 'switchyard-lab/busybox:1';
const SERVE = "trap 'exit 0' TERM; while :; do sleep 3600 & wait $!; done";

/** mulberry32: a small, good-enough seeded generator. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ActionLog {
  done: string[];
  refused: string[];
}

/**
 * @param subnetBase e.g. "10.232": test networks get <base>.<n>.0/24
 */
export async function randomActions(docker: Docker, opts: { seed: number; count: number; prefix: string; label: string; subnetBase: string; log?: ActionLog }): Promise<ActionLog> {
  const rnd = seeded(opts.seed);
  const pick = <T,>(xs: readonly T[]): T | undefined => xs[Math.floor(rnd() * xs.length)];
  const log = opts.log ?? { done: [], refused: [] };
  const names = () => docker('ps', '-a', '--filter', `label=${opts.label}`, '--filter', `name=^${opts.prefix}`, '--format', '{{.Names}}').split('\n').filter(Boolean);
  const running = () => docker('ps', '--filter', `label=${opts.label}`, '--filter', `name=^${opts.prefix}`, '--format', '{{.Names}}').split('\n').filter(Boolean);
  const nets = () => docker('network', 'ls', '--filter', `label=${opts.label}`, '--filter', `name=^${opts.prefix}`, '--format', '{{.Name}}').split('\n').filter(Boolean);
  let serial = 0;
  const fresh = (kind: string) => `${opts.prefix}${kind}${opts.seed % 1000}-${serial++}`;
  const netIndex = (n: string) => Number(n.split('-').pop()) % 200;
  const ipOn = (n: string) => `${opts.subnetBase}.${netIndex(n)}.${10 + Math.floor(rnd() * 200)}`;

  const actions: [number, () => string[] | null][] = [
    [3, () => {
      const n = pick(nets());
      const args = ['run', '-d', '--name', fresh('c'), '--label', opts.label];
      if (n && rnd() < 0.7) {
        args.push('--network', n);
        if (rnd() < 0.4) args.push('--ip', ipOn(n));
        if (rnd() < 0.4) args.push('--network-alias', `alias${Math.floor(rnd() * 5)}`);
      }
      return [...args, IMAGE, 'sh', '-c', SERVE];
    }],
    [1, () => ['create', '--name', fresh('c'), '--label', opts.label, IMAGE, 'sh', '-c', SERVE]],
    [2, () => { const c = pick(names()); return c ? ['start', c] : null; }],
    [2, () => { const c = pick(running()); return c ? ['stop', '-t', '1', c] : null; }],
    [1, () => { const c = pick(running()); return c ? ['restart', '-t', '1', c] : null; }],
    [1, () => { const c = pick(names()); return c ? ['rename', c, fresh('c')] : null; }],
    [1, () => { const c = pick(names()); return c ? ['rm', '-f', c] : null; }],
    [5, () => {
      const c = pick(names());
      const n = pick([...nets(), 'bridge']);
      if (!c || !n) return null;
      const args = ['network', 'connect'];
      if (n !== 'bridge' && rnd() < 0.5) args.push('--alias', `alias${Math.floor(rnd() * 5)}`);
      if (n !== 'bridge' && rnd() < 0.4) args.push('--ip', ipOn(n));
      return [...args, n, c];
    }],
    [4, () => {
      const c = pick(names());
      const n = pick([...nets(), 'bridge']);
      return c && n ? ['network', 'disconnect', ...(rnd() < 0.3 ? ['-f'] : []), n, c] : null;
    }],
    [1, () => {
      const name = fresh('n');
      return ['network', 'create', '--label', opts.label, '--subnet', `${opts.subnetBase}.${netIndex(name)}.0/24`, name];
    }],
    [1, () => { const n = pick(nets()); return n ? ['network', 'rm', n] : null; }],
  ];
  const total = actions.reduce((s, [w]) => s + w, 0);
  let made = 0;
  while (made < opts.count) {
    let r = rnd() * total;
    const [, make] = actions.find(([w]) => (r -= w) < 0) ?? actions[0]!;
    const args = make();
    if (!args) continue;
    made++;
    try {
      docker(...args);
      log.done.push(args.join(' '));
    } catch {
      log.refused.push(args.join(' '));
    }
    // The CLI runs synchronously: let the store (in this process) take its events between actions.
    await new Promise((r) => setTimeout(r, Math.floor(rnd() * 20)));
  }
  return log;
}
