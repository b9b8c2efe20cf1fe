/**
 * What the host's firewall does to one packet of container traffic, in words with the rule that
 * decides it. Pure: the caller passes the rules as read (lib/host/firewall).
 *
 * Which rules a packet meets depends on its path (the rules checked against real traffic in
 * test/integration/firewall.test.ts):
 * - between two containers, or from outside to a published port after Docker's DNAT, it is
 *   forwarded: FORWARD, where Docker puts the jump to DOCKER-USER first. Switchyard evaluates
 *   FORWARD up to and including DOCKER-USER (and the chains it jumps to); the rules after it
 *   are Docker's own, which the topology's rules (lib/reach/explain) already say;
 * - between two containers on the same bridge, only where bridged packets are passed to
 *   iptables (net.bridge.bridge-nf-call-iptables = 1, which Docker turns on); else the firewall
 *   never sees them;
 * - to the host itself (a host-network container, docker-proxy's published ports from the same
 *   bridge): INPUT; from the host or a host-network container: OUTPUT.
 * A rule of legacy iptables and one of iptables-nft both apply; native nftables chains on the
 * same hook too (./nft.ts: not evaluated, so they make the answer unknown).
 */
import { describeRule, evaluateChain, type Decision, type Narrowing, type Packet, type RuleRef, type Sets } from './evaluate';
import type { IptChain, IptRuleset } from './iptables';
import { describeNftStop, type Hook, type NftStop } from './nft';

export interface FirewallSource {
  /** "iptables-nft-save", "ip6tables-legacy-save", "nft -j list ruleset", "ipset save". */
  name: string;
  ok: boolean;
  /** Why it was not read, or a remark ("no rules"). */
  reason: string | null;
}

/** The host's firewall as read. `read: false` when none of it could be (no tool, not allowed). */
export interface Firewall {
  read: boolean;
  reason: string | null;
  rulesets: { backend: 'legacy' | 'nft'; rs: IptRuleset }[];
  nft: NftStop[];
  sets: Sets | null;
  /** net.bridge.bridge-nf-call-iptables / -ip6tables: null where it could not be read. */
  bridgeNf: { v4: boolean | null; v6: boolean | null };
  sources: FirewallSource[];
  checksum: string;
  readAt: string;
}

export type PathHook = 'forward' | 'input' | 'output';

/** The firewall's say on one packet: only where it drops, rejects, cannot be decided, or accepts past Docker's rules. */
export interface FirewallNote {
  verdict: 'drop' | 'reject' | 'unknown' | 'accept';
  rule: RuleRef | null;
  /** The native nftables rule, where that is what decides. */
  nft: NftStop | null;
  /** A sentence naming the rule, its position and text. */
  text: string;
  narrowed: Narrowing[];
}

const USER_CHAIN = 'DOCKER-USER';

const prefixes = new WeakMap<IptRuleset, IptRuleset>();

/** FORWARD up to its jump to DOCKER-USER: the rules a forwarded packet meets before Docker's own (made once per rule set). */
function forwardPrefix(rs: IptRuleset): IptRuleset {
  let p = prefixes.get(rs);
  if (!p) prefixes.set(rs, (p = makeForwardPrefix(rs)));
  return p;
}

function makeForwardPrefix(rs: IptRuleset): IptRuleset {
  const filter = rs.tables.get('filter');
  const fwd = filter?.chains.get('FORWARD');
  if (!filter || !fwd) return rs;
  const at = fwd.rules.findIndex((r) => r.target === USER_CHAIN);
  if (at < 0) return rs;
  const chains = new Map(filter.chains);
  const prefix: IptChain = { name: 'FORWARD', policy: null, rules: fwd.rules.slice(0, at + 1) };
  chains.set('FORWARD', prefix);
  return { family: rs.family, tables: new Map([...rs.tables, ['filter', { name: 'filter', chains }]]) };
}

const hookChain: Record<PathHook, string> = { forward: 'FORWARD', input: 'INPUT', output: 'OUTPUT' };

/**
 * The firewall's verdict on a packet taking the given path, or null where it lets it through to
 * Docker's own rules (or was not read: `firewallUnread` says that separately).
 */
export function decide(fw: Firewall, p: Packet, hook: PathHook, opts: { sameBridge?: boolean } = {}): FirewallNote | null {
  if (!fw.read) return null;
  if (hook === 'forward' && opts.sameBridge && fw.bridgeNf[p.family === 6 ? 'v6' : 'v4'] === false) return null;
  const decisions: Decision[] = [];
  for (const { rs } of fw.rulesets) {
    if (rs.family !== p.family) continue;
    const view = hook === 'forward' ? forwardPrefix(rs) : rs;
    decisions.push(evaluateChain(view, 'filter', hookChain[hook], p, fw.sets));
  }
  const narrowed = decisions.flatMap((d) => d.narrowed);
  const stop = decisions.find((d) => d.verdict === 'drop' || d.verdict === 'reject');
  if (stop && stop.rule) return { verdict: stop.verdict as 'drop' | 'reject', rule: stop.rule, nft: null, narrowed, text: `${stop.verdict === 'drop' ? 'dropped' : 'rejected'} by ${describeRule(stop.rule)}` };
  const unknown = decisions.find((d): d is Extract<Decision, { verdict: 'unknown' }> => d.verdict === 'unknown');
  if (unknown) return { verdict: 'unknown', rule: unknown.rule, nft: null, narrowed, text: `unknown because of ${describeRule(unknown.rule)}: ${unknown.why}` };
  const nft = fw.nft.find((s) => s.hook === (hook as Hook) && (s.family === 'inet' || s.family === (p.family === 6 ? 'ip6' : 'ip')));
  if (nft) return { verdict: 'unknown', rule: null, nft, narrowed, text: `unknown because of ${describeNftStop(nft)}: Switchyard does not evaluate native nftables rules` };
  if (narrowed.length) return { verdict: 'accept', rule: null, nft: null, narrowed, text: narrowed.map(narrowText).join('; ') };
  // An ACCEPT in DOCKER-USER (or before it) ends FORWARD: Docker's own rules (isolation) are never met.
  const accepted = hook === 'forward' ? decisions.find((d) => d.verdict === 'accept' && d.rule) : undefined;
  if (accepted?.rule) return { verdict: 'accept', rule: accepted.rule, nft: null, narrowed, text: `accepted by ${describeRule(accepted.rule)}, before Docker's own rules` };
  return null;
}

const REPLY_HOOK: Record<PathHook, PathHook> = { forward: 'forward', input: 'output', output: 'input' };

/**
 * The firewall on a whole connection: its first packet, and the replies (a rule without a
 * conntrack state match drops those too: `-s B -d A -j DROP` cuts A's connections to B as well).
 */
export function decideConnection(fw: Firewall, p: Packet, hook: PathHook, opts: { sameBridge?: boolean } = {}): FirewallNote | null {
  const first = decide(fw, { ...p, ctstate: 'NEW', icmp: p.proto === 'icmp' ? 'echo-request' : undefined }, hook, opts);
  if (blocks(first) || p.src === null) return first;
  const reply = decide(fw, {
    family: p.family, src: p.dst, dst: p.src, iif: p.oif, oif: p.iif, proto: p.proto, ctstate: 'ESTABLISHED',
    dport: null, ephemeral: p.proto !== 'icmp', sport: p.dport, icmp: p.proto === 'icmp' ? 'echo-reply' : undefined,
  }, REPLY_HOOK[hook], opts);
  if (blocks(reply)) return { ...reply!, text: `answered, but the replies are ${reply!.text}` };
  if (undecided(first)) return first;
  if (undecided(reply)) return { ...reply!, text: `${reply!.text} (on the replies)` };
  // What accepts the replies only says nothing of the connection's first packet.
  return first;
}

export const narrowText = (n: Narrowing) => `${n.action === 'accept' ? 'accepted' : n.action === 'drop' ? 'dropped' : 'rejected'} from ${n.sources} by ${describeRule(n.rule)}`;

/** Whether a note stops the packet for certain. */
export const blocks = (n: FirewallNote | null) => n !== null && (n.verdict === 'drop' || n.verdict === 'reject');
export const undecided = (n: FirewallNote | null) => n !== null && n.verdict === 'unknown';

/** One line on what was read, for answers that say the firewall was not read. */
export function firewallUnread(fw: Firewall | null): string | null {
  if (!fw) return 'the host\'s firewall was not read (the engine is not on this machine)';
  if (!fw.read) return `the host's firewall was not read (${fw.reason ?? 'no reason given'}): this answer leaves out any rule that drops the traffic`;
  return null;
}
