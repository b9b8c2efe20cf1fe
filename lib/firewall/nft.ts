/**
 * `nft -j list ruleset` as far as Switchyard needs it: the base chains of native nftables
 * tables (firewalld's, a distribution's `inet filter`, a VPN's) that can drop container
 * traffic. Pure.
 *
 * The tables iptables-nft makes (ip/ip6 filter, nat, mangle, raw, security) are read through
 * iptables-save instead (./iptables.ts). Native rules are not evaluated: a base chain on a hook
 * container traffic passes that has a drop or reject (or a drop policy) makes a verdict
 * "unknown because of" that rule, never a guess.
 */

export type Hook = 'prerouting' | 'input' | 'forward' | 'output' | 'postrouting';

export interface NftStop {
  family: string;
  table: string;
  chain: string;
  hook: Hook;
  /** The rule's handle, or null for the chain's policy. */
  handle: number | null;
  /** 1-based position of the rule in its chain (null for the policy). */
  position: number | null;
  text: string;
}

const COMPAT = new Set(['filter', 'nat', 'mangle', 'raw', 'security']);

type Json = Record<string, unknown>;

/** A short text for a rule's expressions ("ip saddr 10.0.0.0/8 drop"), enough to find it with `nft -a list`. */
function exprText(expr: unknown[]): string {
  const part = (e: unknown): string => {
    if (!e || typeof e !== 'object') return String(e);
    const o = e as Json;
    if ('match' in o) {
      const m = o.match as Json;
      return `${side(m.left)} ${m.op === '==' ? '' : `${String(m.op)} `}${side(m.right)}`.replace(/\s+/g, ' ').trim();
    }
    for (const k of ['drop', 'accept', 'return', 'counter', 'log']) if (k in o) return k;
    if ('reject' in o) return 'reject';
    if ('jump' in o) return `jump ${String((o.jump as Json).target)}`;
    if ('goto' in o) return `goto ${String((o.goto as Json).target)}`;
    return Object.keys(o)[0] ?? '';
  };
  const side = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    if (typeof v !== 'object') return String(v);
    const o = v as Json;
    if ('payload' in o) { const p = o.payload as Json; return `${String(p.protocol)} ${String(p.field)}`; }
    if ('meta' in o) return `meta ${String((o.meta as Json).key)}`;
    if ('ct' in o) return `ct ${String((o.ct as Json).key)}`;
    if ('prefix' in o) { const p = o.prefix as Json; return `${String(p.addr)}/${String(p.len)}`; }
    if ('set' in o) return `{ ${(o.set as unknown[]).map(side).join(', ')} }`;
    if (Array.isArray(v)) return `{ ${v.map(side).join(', ')} }`;
    return JSON.stringify(v);
  };
  return expr.map(part).filter(Boolean).join(' ');
}

const DROPS = (expr: unknown[]) => expr.some((e) => e && typeof e === 'object' && ('drop' in (e as Json) || 'reject' in (e as Json)));

/** The rules (and policies) of native base chains that could drop traffic on each hook. */
export function nftStops(json: unknown): NftStop[] {
  const items = (json as { nftables?: Json[] })?.nftables;
  if (!Array.isArray(items)) return [];
  const chains = new Map<string, { family: string; table: string; name: string; hook: Hook; policy: string | null }>();
  const key = (f: unknown, t: unknown, c: unknown) => `${String(f)} ${String(t)} ${String(c)}`;
  const compat = (family: string, table: string) => (family === 'ip' || family === 'ip6') && COMPAT.has(table);
  for (const it of items) {
    const c = it.chain as Json | undefined;
    if (!c || !c.hook) continue;
    const family = String(c.family);
    const table = String(c.table);
    if (compat(family, table) || family === 'bridge' || family === 'arp' || family === 'netdev') continue;
    chains.set(key(family, table, c.name), { family, table, name: String(c.name), hook: String(c.hook) as Hook, policy: c.policy ? String(c.policy) : null });
  }
  const out: NftStop[] = [];
  const positions = new Map<string, number>();
  for (const it of items) {
    const r = it.rule as Json | undefined;
    if (!r) continue;
    const k = key(r.family, r.table, r.chain);
    const c = chains.get(k);
    if (!c) continue;
    const position = (positions.get(k) ?? 0) + 1;
    positions.set(k, position);
    const expr = Array.isArray(r.expr) ? r.expr : [];
    // A jump to a chain of the same table may drop too: count the jump as a possible stop.
    const jumps = expr.some((e) => e && typeof e === 'object' && ('jump' in (e as Json) || 'goto' in (e as Json)));
    if (DROPS(expr) || jumps) out.push({ family: c.family, table: c.table, chain: c.name, hook: c.hook, handle: typeof r.handle === 'number' ? r.handle : null, position, text: exprText(expr) });
  }
  for (const c of chains.values()) {
    if (c.policy === 'drop') out.push({ family: c.family, table: c.table, chain: c.name, hook: c.hook, handle: null, position: null, text: `policy drop` });
  }
  return out;
}

export const describeNftStop = (s: NftStop) =>
  `${s.position === null ? 'the policy' : `rule ${s.position}${s.handle !== null ? ` (handle ${s.handle})` : ''}`} of nftables chain ${s.family} ${s.table} ${s.chain} (hook ${s.hook}): ${s.text}`;
