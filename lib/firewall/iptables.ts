/**
 * `iptables-save` (and `ip6tables-save`) output as data: tables, chains with their policy, and
 * each rule's matches in a form the evaluator (./evaluate.ts) can test against a packet. Pure.
 * Works for both backends (legacy and nf_tables print the same format).
 *
 * A match Switchyard does not know how to evaluate is kept in `unknown` with its text: the
 * evaluator then answers "unknown because of rule N" instead of guessing.
 */

export type Negatable<T> = { not: boolean; value: T };

export interface RuleMatches {
  src?: Negatable<string[]>;
  dst?: Negatable<string[]>;
  /** Interface names; a trailing "+" matches any name with that prefix. */
  iif?: Negatable<string>;
  oif?: Negatable<string>;
  proto?: Negatable<string>;
  /** Destination ports as [from, to] ranges. */
  dport?: Negatable<[number, number][]>;
  sport?: Negatable<[number, number][]>;
  ctstate?: Negatable<string[]>;
  srcRange?: Negatable<[string, string]>;
  dstRange?: Negatable<[string, string]>;
  icmpType?: Negatable<string>;
  /** ipset names matched against the source or destination address. */
  set?: Negatable<{ name: string; dir: 'src' | 'dst' }>[];
  addrtype?: { src?: Negatable<string>; dst?: Negatable<string> };
  /** -m conntrack --ctorigdstport / --ctorigdst: the port and address the connection was first sent to (before DNAT). */
  origDport?: Negatable<[number, number][]>;
  origDst?: Negatable<string[]>;
  /** -m conntrack --ctdir ORIGINAL | REPLY. */
  ctdir?: Negatable<string>;
}

export interface IptRule {
  table: string;
  chain: string;
  /** 1-based, as `iptables -L CHAIN --line-numbers` counts. */
  position: number;
  /** The rule as iptables-save wrote it. */
  text: string;
  family: 4 | 6;
  matches: RuleMatches;
  /** Matches this parser cannot evaluate ("-m recent --name x --rcheck"). */
  unknown: string[];
  /** ACCEPT, DROP, REJECT, RETURN, LOG, a chain name, ...; null without -j/-g (a counter only). */
  target: string | null;
  /** -g (goto): the chain's RETURN comes back to the caller's caller. */
  goto: boolean;
  comment: string | null;
}

export interface IptChain {
  name: string;
  /** ACCEPT or DROP for a built-in chain; null for a user chain. */
  policy: string | null;
  rules: IptRule[];
}

export interface IptTable {
  name: string;
  chains: Map<string, IptChain>;
}

export interface IptRuleset {
  family: 4 | 6;
  tables: Map<string, IptTable>;
}

/** Splits a rule line like a shell would (iptables-save quotes comments with "…"). */
export function tokenize(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let any = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '\\' && i + 1 < line.length) { cur += line[++i]; continue; }
      if (ch === '"') { quoted = false; continue; }
      cur += ch;
    } else if (ch === '"') {
      quoted = true; any = true;
    } else if (ch === ' ' || ch === '\t') {
      if (any || cur) out.push(cur);
      cur = ''; any = false;
    } else {
      cur += ch; any = true;
    }
  }
  if (any || cur) out.push(cur);
  return out;
}

const portRanges = (text: string): [number, number][] | null => {
  const out: [number, number][] = [];
  for (const part of text.split(',')) {
    const [a, b] = part.split(':');
    const from = Number(a);
    const to = b === undefined ? from : Number(b);
    if (!Number.isInteger(from) || !Number.isInteger(to)) return null;
    out.push([from, to]);
  }
  return out;
};

/** Options of the match modules this parser evaluates; anything else is `unknown`. */
const KNOWN_MODULES = new Set(['tcp', 'udp', 'multiport', 'conntrack', 'state', 'comment', 'iprange', 'icmp', 'icmp6', 'set', 'addrtype', 'physdev']);

export function parseRule(line: string, table: string, family: 4 | 6, position: number): IptRule | null {
  const tok = tokenize(line);
  if (tok[0] !== '-A' || !tok[1]) return null;
  const chain = tok[1];
  const m: RuleMatches = {};
  const unknown: string[] = [];
  let target: string | null = null;
  let goto = false;
  let comment: string | null = null;
  let mod: string | null = null;
  let unknownModule: string[] | null = null;
  for (let i = 2; i < tok.length; i++) {
    let not = false;
    let t = tok[i]!;
    if (t === '!') { not = true; t = tok[++i] ?? ''; }
    const arg = () => tok[++i] ?? '';
    const neg = <T>(value: T): Negatable<T> => ({ not, value });
    switch (t) {
      case '-s': case '--source': m.src = neg(arg().split(',')); continue;
      case '-d': case '--destination': m.dst = neg(arg().split(',')); continue;
      case '-i': case '--in-interface': m.iif = neg(arg()); continue;
      case '-o': case '--out-interface': m.oif = neg(arg()); continue;
      case '-p': case '--protocol': m.proto = neg(arg().toLowerCase()); continue;
      case '-f': case '--fragment': unknown.push(`${not ? '! ' : ''}-f`); continue;
      case '-m': case '--match': {
        mod = arg();
        if (KNOWN_MODULES.has(mod)) { unknownModule = null; } else { unknownModule = [`-m ${mod}`]; unknown.push(''); }
        continue;
      }
      case '-j': case '--jump': case '-g': case '--goto': {
        goto = t === '-g' || t === '--goto';
        target = arg();
        // The target's own options (--reject-with, --log-prefix, --to-destination) follow: skip them.
        while (i + 1 < tok.length && tok[i + 1]!.startsWith('--')) { i++; if (i + 1 < tok.length && !tok[i + 1]!.startsWith('-')) i++; }
        continue;
      }
      case '-c': i += 2; continue; // counters
    }
    if (unknownModule) {
      // Every option of an unknown module belongs to the text of that unknown match.
      unknownModule.push(`${not ? '! ' : ''}${t}`);
      if (i + 1 < tok.length && !tok[i + 1]!.startsWith('-') && tok[i + 1] !== '!') unknownModule.push(tokenQuote(arg()));
      unknown[unknown.length - 1] = unknownModule.join(' ');
      continue;
    }
    switch (t) {
      case '--dport': case '--destination-port': case '--dports': case '--destination-ports': {
        const r = portRanges(arg());
        if (r) m.dport = neg(r); else unknown.push(`${t} ${tok[i]}`);
        continue;
      }
      case '--sport': case '--source-port': case '--sports': case '--source-ports': {
        const r = portRanges(arg());
        if (r) m.sport = neg(r); else unknown.push(`${t} ${tok[i]}`);
        continue;
      }
      case '--ports': unknown.push(`--ports ${arg()}`); continue;
      case '--ctstate': case '--state': m.ctstate = neg(arg().toUpperCase().split(',')); continue;
      case '--comment': comment = arg(); continue;
      case '--src-range': { const [a, b] = arg().split('-'); m.srcRange = neg([a ?? '', b ?? a ?? '']); continue; }
      case '--dst-range': { const [a, b] = arg().split('-'); m.dstRange = neg([a ?? '', b ?? a ?? '']); continue; }
      case '--icmp-type': case '--icmpv6-type': m.icmpType = neg(arg()); continue;
      case '--match-set': {
        const name = arg();
        const dirs = arg();
        if (dirs === 'src' || dirs === 'dst') (m.set ??= []).push(neg({ name, dir: dirs }));
        else unknown.push(`--match-set ${name} ${dirs}`);
        continue;
      }
      case '--src-type': (m.addrtype ??= {}).src = neg(arg()); continue;
      case '--dst-type': (m.addrtype ??= {}).dst = neg(arg()); continue;
      case '--ctorigdstport': {
        const r = portRanges(arg());
        if (r) m.origDport = neg(r); else unknown.push(`--ctorigdstport ${tok[i]}`);
        continue;
      }
      case '--ctorigdst': m.origDst = neg(arg().split(',')); continue;
      case '--ctdir': m.ctdir = neg(arg().toUpperCase()); continue;
      case '--syn': case '--tcp-flags': case '--physdev-in': case '--physdev-out': case '--physdev-is-bridged': case '--ctstatus': case '--limit-iface-in':
      default: {
        const parts = [`${not ? '! ' : ''}${t}`];
        while (i + 1 < tok.length && !tok[i + 1]!.startsWith('-') && tok[i + 1] !== '!') parts.push(tokenQuote(tok[++i]!));
        unknown.push(`${mod ? `-m ${mod} ` : ''}${parts.join(' ')}`);
      }
    }
  }
  return { table, chain, position, text: line, family, matches: m, unknown: unknown.filter(Boolean), target, goto, comment };
}

const tokenQuote = (s: string) => (/\s/.test(s) ? `"${s}"` : s);

export function parseIptablesSave(text: string, family: 4 | 6): IptRuleset {
  const tables = new Map<string, IptTable>();
  let table: IptTable | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (line.startsWith('*')) {
      const name = line.slice(1);
      table = tables.get(name) ?? { name, chains: new Map() };
      tables.set(name, table);
      continue;
    }
    if (!table) continue;
    if (line === 'COMMIT') { table = null; continue; }
    if (line.startsWith(':')) {
      const [name, policy] = line.slice(1).split(/\s+/);
      if (name) table.chains.set(name, { name, policy: policy && policy !== '-' ? policy : null, rules: table.chains.get(name)?.rules ?? [] });
      continue;
    }
    if (line.startsWith('-A ')) {
      const chainName = tokenize(line)[1] ?? '';
      const chain = table.chains.get(chainName) ?? { name: chainName, policy: null, rules: [] };
      table.chains.set(chainName, chain);
      const rule = parseRule(line, table.name, family, chain.rules.length + 1);
      if (rule) chain.rules.push(rule);
    }
  }
  return { family, tables };
}
