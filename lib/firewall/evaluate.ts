/**
 * Walks iptables chains for one packet, the way the kernel does: rules in order, jumps into
 * user chains, RETURN back, a built-in chain's policy at its end. Pure.
 *
 * Exact or silent: a match that cannot be decided for this packet (an unknown module, an ipset
 * Switchyard could not read, a source left open) stops the walk with "unknown because of rule N"
 * where the rule could change the outcome; it never guesses. A packet whose source is left open
 * (`src: null`, traffic from "anywhere", as for a published port) collects the rules that drop
 * only some sources as `narrowed` and goes on.
 */
import ipaddr from 'ipaddr.js';
import { cidrSpan, type CidrSpan } from '@/lib/net/cidr';
import type { IptRule, IptRuleset, Negatable, RuleMatches } from './iptables';

export interface Packet {
  family: 4 | 6;
  /** null: any source (traffic from outside, where the sender is not known). */
  src: string | null;
  dst: string;
  iif: string | null;
  oif: string | null;
  proto: 'tcp' | 'udp' | 'icmp';
  dport: number | null;
  /** The source port where it is known (a reply comes from the service's port); else the sender picks it. */
  sport?: number | null;
  /** dport is null because it is the client's ephemeral port (a reply): only rules on ports in EPHEMERAL can match. */
  ephemeral?: boolean;
  /** Where the connection was first sent (before Docker's DNAT): a published port's host address and port. */
  origDst?: string;
  origDport?: number;
  /** For ICMP: a ping's request, or its reply. */
  icmp?: 'echo-request' | 'echo-reply';
  /** The first packet of a connection is NEW; replies are ESTABLISHED. */
  ctstate: 'NEW' | 'ESTABLISHED';
  /** Whether dst is an address of this host (for -m addrtype --dst-type LOCAL). */
  dstLocal?: boolean;
}

export interface RuleRef {
  table: string;
  chain: string;
  position: number;
  text: string;
  family: 4 | 6;
  comment: string | null;
}

export type Decision =
  | { verdict: 'accept' | 'drop' | 'reject'; rule: RuleRef | null; narrowed: Narrowing[] }
  /** Fell off the end of the chain evaluated (a user chain such as DOCKER-USER): Docker's own rules decide next. */
  | { verdict: 'continue'; rule: null; narrowed: Narrowing[] }
  | { verdict: 'unknown'; rule: RuleRef; why: string; narrowed: Narrowing[] };

/** A rule that drops (or accepts) the packet only from some sources. */
export interface Narrowing {
  rule: RuleRef;
  action: 'drop' | 'reject' | 'accept';
  sources: string;
}

export const refOf = (r: IptRule): RuleRef => ({ table: r.table, chain: r.chain, position: r.position, text: r.text, family: r.family, comment: r.comment });

/** "DOCKER-USER rule 2 (filter table): -A DOCKER-USER -s 10.0.0.0/8 -j DROP". */
export const describeRule = (r: RuleRef) => `${r.chain} rule ${r.position} (${r.family === 6 ? 'ip6tables' : 'iptables'} ${r.table} table): ${r.text}`;

export type Sets = ReadonlyMap<string, string[]>;

type M = true | false | 'unknown' | 'some';

const PASSIVE = new Set(['LOG', 'NFLOG', 'ULOG', 'MARK', 'CONNMARK', 'TRACE', 'AUDIT', 'NOTRACK', 'CT', 'TOS', 'DSCP', 'TTL', 'HL', 'CLASSIFY', 'SET', 'CHECKSUM', 'TCPMSS']);

const NAT = new Set(['DNAT', 'SNAT', 'MASQUERADE', 'REDIRECT']);

const ifMatches = (pattern: string, name: string) => (pattern.endsWith('+') ? name.startsWith(pattern.slice(0, -1)) : pattern === name);
const neg = (n: Negatable<unknown>, m: M): M => (n.not ? (m === true ? false : m === false ? true : m) : m);

function inRange(ip: string, [from, to]: [string, string]): boolean {
  try {
    const a = ipaddr.parse(ip).toByteArray();
    const f = ipaddr.parse(from).toByteArray();
    const t = ipaddr.parse(to).toByteArray();
    if (a.length !== f.length || a.length !== t.length) return false;
    const cmp = (x: number[], y: number[]) => { for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!; return 0; };
    return cmp(a, f) >= 0 && cmp(a, t) <= 0;
  } catch { return false; }
}

/** Address ranges as numbers, parsed once per text: a rule set of thousands is walked for every verdict. */
const spans = new Map<string, CidrSpan | null>();
function spanOf(text: string): CidrSpan | null {
  let s = spans.get(text);
  if (s !== undefined) return s;
  s = cidrSpan(text);
  if (spans.size > 100_000) spans.clear();
  spans.set(text, s);
  return s;
}
const addrIn = (ip: string, spec: string) => {
  const a = spanOf(ip);
  const r = spanOf(spec);
  return !!a && !!r && a.family === r.family && a.lo >= r.lo && a.lo <= r.hi;
};

const ICMP_TYPES = { 'echo-request': new Set(['8', '8/0', 'echo-request', '128', 'any']), 'echo-reply': new Set(['0', '0/0', 'echo-reply', 'pong', '129', 'any']) };
/** Linux's default net.ipv4.ip_local_port_range: where a client's own port lies. */
export const EPHEMERAL: [number, number] = [32768, 60999];
const overlaps = (ranges: [number, number][], [lo, hi]: [number, number]) => ranges.some(([a, b]) => a <= hi && b >= lo);

function matchOne(m: RuleMatches, p: Packet, sets: Sets | null): { m: M; why?: string } {
  const all: M[] = [];
  let why: string | undefined;
  if (m.src) all.push(p.src === null ? 'some' : neg(m.src, m.src.value.some((s) => addrIn(p.src!, s))));
  if (m.dst) all.push(neg(m.dst, m.dst.value.some((s) => addrIn(p.dst, s))));
  if (m.srcRange) all.push(p.src === null ? 'some' : neg(m.srcRange, inRange(p.src, m.srcRange.value)));
  if (m.dstRange) all.push(neg(m.dstRange, inRange(p.dst, m.dstRange.value)));
  if (m.iif) all.push(p.iif === null ? 'some' : neg(m.iif, ifMatches(m.iif.value, p.iif)));
  if (m.oif) all.push(p.oif === null ? 'unknown' : neg(m.oif, ifMatches(m.oif.value, p.oif)));
  if (m.proto) {
    const want = m.proto.value;
    const is = want === 'all' || want === '0' || want === p.proto || (p.proto === 'icmp' && (want === 'icmp' || want === 'ipv6-icmp' || want === 'icmpv6' || want === '1' || want === '58')) || (want === '6' && p.proto === 'tcp') || (want === '17' && p.proto === 'udp');
    all.push(neg(m.proto, is));
  }
  const portIn = (ranges: [number, number][], port: number) => ranges.some(([a, b]) => port >= a && port <= b);
  const port = (r: Negatable<[number, number][]>, known: number | null | undefined, ephemeral: boolean): M => {
    if (p.proto === 'icmp') return false;
    if (known !== null && known !== undefined) return neg(r, portIn(r.value, known));
    if (ephemeral && !overlaps(r.value, EPHEMERAL)) return neg(r, false);
    why = 'it matches a port the connecting program picks';
    return 'unknown';
  };
  if (m.dport) all.push(port(m.dport, p.dport, !!p.ephemeral));
  if (m.sport) all.push(port(m.sport, p.sport, !p.ephemeral));
  if (m.ctstate) all.push(neg(m.ctstate, m.ctstate.value.includes(p.ctstate)));
  if (m.ctdir) all.push(neg(m.ctdir, m.ctdir.value === (p.ctstate !== 'NEW' && (p.ephemeral || p.icmp === 'echo-reply') ? 'REPLY' : 'ORIGINAL')));
  // Without DNAT the original destination is the packet's own.
  if (m.origDport) all.push(p.proto === 'icmp' ? false : (p.origDport ?? p.dport) === null ? 'unknown' : neg(m.origDport, portIn(m.origDport.value, (p.origDport ?? p.dport)!)));
  if (m.origDst) all.push(neg(m.origDst, m.origDst.value.some((x) => addrIn(p.origDst ?? p.dst, x))));
  if (m.icmpType) {
    if (p.proto !== 'icmp') all.push(false);
    else all.push(neg(m.icmpType, ICMP_TYPES[p.icmp ?? 'echo-request'].has(m.icmpType.value)));
  }
  for (const s of m.set ?? []) {
    const members = sets?.get(s.value.name);
    if (!members) { all.push('unknown'); why = `the ipset ${s.value.name} could not be read`; continue; }
    const ip = s.value.dir === 'src' ? p.src : p.dst;
    all.push(ip === null ? 'some' : neg(s, members.some((x) => addrIn(ip, x))));
  }
  if (m.addrtype?.dst) {
    const t = m.addrtype.dst.value.toUpperCase();
    all.push(t === 'LOCAL' && p.dstLocal !== undefined ? neg(m.addrtype.dst, p.dstLocal) : 'unknown');
  }
  if (m.addrtype?.src) all.push('unknown');
  if (all.includes(false)) return { m: false };
  if (all.includes('unknown')) return { m: 'unknown', why };
  if (all.includes('some')) return { m: 'some' };
  return { m: true };
}

/** Which sources a rule that matches only some of them picks, in words. */
function sourcesOf(r: IptRule): string {
  const parts: string[] = [];
  const m = r.matches;
  if (m.src) parts.push(`${m.src.not ? 'all but ' : ''}${m.src.value.join(', ')}`);
  if (m.srcRange) parts.push(`${m.srcRange.not ? 'all but ' : ''}${m.srcRange.value.join('-')}`);
  if (m.iif) parts.push(`${m.iif.not ? 'all but interface ' : 'interface '}${m.iif.value}`);
  for (const s of m.set ?? []) if (s.value.dir === 'src') parts.push(`${s.not ? 'all but ' : ''}the ipset ${s.value.name}`);
  return parts.join(', ') || 'some sources';
}

/**
 * The verdict of `chain` in `table` for the packet. A user chain that ends without a verdict
 * gives `continue`; a built-in one gives its policy.
 */
export function evaluateChain(rs: IptRuleset, table: string, chain: string, p: Packet, sets: Sets | null = null, depth = 0): Decision {
  const narrowed: Narrowing[] = [];
  const c = rs.tables.get(table)?.chains.get(chain);
  if (!c) return { verdict: 'continue', rule: null, narrowed };
  for (const r of c.rules) {
    if (r.unknown.length && r.target && !PASSIVE.has(r.target)) {
      // Decide first whether the known matches already rule the packet out.
      const known = matchOne(r.matches, p, sets);
      if (known.m === false) continue;
      return { verdict: 'unknown', rule: refOf(r), why: `Switchyard cannot evaluate ${r.unknown.map((u) => `"${u}"`).join(', ')}`, narrowed };
    }
    const { m, why } = matchOne(r.matches, p, sets);
    if (m === false || r.target === null || PASSIVE.has(r.target)) continue;
    if (m === 'unknown') return { verdict: 'unknown', rule: refOf(r), why: why ?? 'a match of this rule cannot be decided for this packet', narrowed };
    const t = r.target;
    if (m === 'some') {
      if (t === 'DROP' || t === 'REJECT' || t === 'ACCEPT') { narrowed.push({ rule: refOf(r), action: t.toLowerCase() as Narrowing['action'], sources: sourcesOf(r) }); continue; }
      if (t === 'RETURN') { narrowed.push({ rule: refOf(r), action: 'accept', sources: `${sourcesOf(r)} (returned to Docker's rules)` }); continue; }
      const sub = depth < 16 ? evaluateChain(rs, table, t, p, sets, depth + 1) : null;
      if (sub && (sub.verdict === 'drop' || sub.verdict === 'reject' || sub.verdict === 'accept')) {
        narrowed.push({ rule: sub.rule ?? refOf(r), action: sub.verdict, sources: sourcesOf(r) }, ...sub.narrowed);
        continue;
      }
      if (sub?.verdict === 'unknown') return { ...sub, narrowed: [...narrowed, ...sub.narrowed] };
      if (sub) narrowed.push(...sub.narrowed);
      continue;
    }
    if (t === 'ACCEPT' || t === 'DROP' || t === 'REJECT') return { verdict: t.toLowerCase() as 'accept' | 'drop' | 'reject', rule: refOf(r), narrowed };
    // In the nat table: the packet is translated here (the rule's text says to what).
    if (NAT.has(t)) return { verdict: 'accept', rule: refOf(r), narrowed };
    if (t === 'RETURN') return { verdict: 'continue', rule: null, narrowed };
    if (rs.tables.get(table)?.chains.has(t)) {
      if (depth >= 16) return { verdict: 'unknown', rule: refOf(r), why: 'chains jump more than 16 deep', narrowed };
      const sub = evaluateChain(rs, table, t, p, sets, depth + 1);
      narrowed.push(...sub.narrowed);
      if (sub.verdict !== 'continue') return { ...sub, narrowed } as Decision;
      if (r.goto) return { verdict: 'continue', rule: null, narrowed };
      continue;
    }
    return { verdict: 'unknown', rule: refOf(r), why: `its target ${t} is not one Switchyard evaluates`, narrowed };
  }
  if (c.policy === 'DROP') return { verdict: 'drop', rule: { table, chain, position: c.rules.length + 1, text: `:${chain} DROP (the chain's policy)`, family: rs.family, comment: null }, narrowed };
  if (c.policy === 'ACCEPT') return { verdict: 'accept', rule: null, narrowed };
  return { verdict: 'continue', rule: null, narrowed };
}
