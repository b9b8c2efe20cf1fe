/**
 * The host's connection tracking table as /proc/net/nf_conntrack prints it. Pure. Each line:
 * `ipv4 2 tcp 6 <timeout> <STATE> src= dst= sport= dport= [packets= bytes=] [UNREPLIED] src= dst=
 * sport= dport= [packets= bytes=] [ASSURED] mark= zone= use=` (no state word for UDP; packets
 * and bytes only with net.netfilter.nf_conntrack_acct=1). IPv6 addresses come unabbreviated.
 */
import ipaddr from 'ipaddr.js';

export interface ConntrackTuple {
  src: string;
  dst: string;
  sport: number;
  dport: number;
  /** Bytes this direction carried (with accounting on), else null. */
  bytes: number | null;
}

export interface ConntrackEntry {
  protocol: 'tcp' | 'udp';
  /** The tracker's TCP state in lower case ("established", "syn_sent", "close", ...); null for UDP. */
  state: string | null;
  orig: ConntrackTuple;
  reply: ConntrackTuple;
  /** No packet has come back ([UNREPLIED]). */
  unreplied: boolean;
  /** The handshake completed, for TCP ([ASSURED]). */
  assured: boolean;
}

/** The TCP and UDP entries (others are left out); malformed lines are skipped. */
export function parseConntrack(text: string): ConntrackEntry[] {
  const out: ConntrackEntry[] = [];
  for (const line of text.split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 8) continue;
    const protocol = cols[2];
    if (protocol !== 'tcp' && protocol !== 'udp') continue;
    const state = protocol === 'tcp' && !cols[5]!.includes('=') ? cols[5]!.toLowerCase() : null;
    const tuples: Partial<ConntrackTuple>[] = [];
    let unreplied = false, assured = false;
    for (const c of cols) {
      if (c === '[UNREPLIED]') { unreplied = true; continue; }
      if (c === '[ASSURED]') { assured = true; continue; }
      const eq = c.indexOf('=');
      if (eq < 0) continue;
      const k = c.slice(0, eq), v = c.slice(eq + 1);
      if (k === 'src') tuples.push({ bytes: null });
      const t = tuples[tuples.length - 1];
      if (!t || tuples.length > 2) continue;
      if (k === 'src' || k === 'dst') t[k] = normal(v);
      else if (k === 'sport' || k === 'dport') t[k] = Number(v);
      else if (k === 'bytes') t.bytes = Number(v);
    }
    const [o, r] = tuples;
    if (!complete(o) || !complete(r)) continue;
    out.push({ protocol, state, orig: o, reply: r, unreplied, assured });
  }
  return out;
}

function complete(t: Partial<ConntrackTuple> | undefined): t is ConntrackTuple {
  return !!t && typeof t.src === 'string' && typeof t.dst === 'string' && Number.isInteger(t.sport) && Number.isInteger(t.dport);
}

/** IPv6 as the sockets' parser writes it (shortest form); IPv4 as given. */
function normal(address: string): string {
  if (!address.includes(':')) return address;
  try {
    const a = ipaddr.IPv6.parse(address);
    return a.isIPv4MappedAddress() ? a.toIPv4Address().toString() : a.toString();
  } catch {
    return address;
  }
}

/**
 * One line of `conntrack -E` ("[DESTROY] tcp 6 120 CLOSE src=… [UNREPLIED] src=…"), or null.
 * The event's tracker state is the one the entry died in.
 */
export function parseConntrackEvent(line: string): { event: string; entry: ConntrackEntry } | null {
  const m = /^\s*\[(\w+)\]\s+(tcp|udp)\s+(.*)$/.exec(line);
  if (!m) return null;
  const [entry] = parseConntrack(`ipv4 2 ${m[2]} ${m[3]}`);
  return entry ? { event: m[1]!.toLowerCase(), entry } : null;
}

/**
 * A TCP attempt reset during its handshake: the entry died in CLOSE without the handshake ever
 * completing (never ASSURED), with a packet back (the reset).
 */
export function isRefusal(e: ConntrackEntry): boolean {
  return e.protocol === 'tcp' && e.state === 'close' && !e.assured;
}
