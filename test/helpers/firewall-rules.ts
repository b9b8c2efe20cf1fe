/**
 * Real DOCKER-USER rules for tests, each tagged with a comment so that every one is found and
 * removed afterwards (and the removal checked: a rule left behind breaks every later suite).
 */
import { execFileSync } from 'node:child_process';

export const TEST_COMMENT = 'switchyard-test-rule';

const ipt = (family: 4 | 6, ...args: string[]) => execFileSync(family === 6 ? 'ip6tables' : 'iptables', ['-w', '5', ...args], { encoding: 'utf8' });

/** Inserts a rule at `position` of DOCKER-USER (1 = first). */
export function addRule(position: number, spec: string[], family: 4 | 6 = 4): void {
  ipt(family, '-I', 'DOCKER-USER', String(position), ...spec, '-m', 'comment', '--comment', TEST_COMMENT);
}

/** Our rules still in place, as iptables -S prints them. */
export function ourRules(family: 4 | 6 = 4): string[] {
  let out = '';
  try { out = ipt(family, '-S'); } catch { return []; }
  return out.split('\n').filter((l) => l.includes(TEST_COMMENT));
}

/** Removes every rule of ours (in any chain, by its position: a rule's -S text is not always accepted back), and checks that none is left. */
export function removeOurRules(): void {
  for (const family of [4, 6] as const) {
    let out = '';
    try { out = ipt(family, '-S'); } catch { continue; }
    const positions = new Map<string, number>();
    const ours: [string, number][] = [];
    for (const line of out.split('\n')) {
      const m = /^-A (\S+) /.exec(line);
      if (!m) continue;
      const n = (positions.get(m[1]!) ?? 0) + 1;
      positions.set(m[1]!, n);
      if (line.includes(TEST_COMMENT)) ours.push([m[1]!, n]);
    }
    for (const [chain, n] of ours.reverse()) ipt(family, '-D', chain, String(n));
    const left = ourRules(family);
    if (left.length) throw new Error(`test firewall rules left behind: ${left.join('; ')}`);
  }
}
