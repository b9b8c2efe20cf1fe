/**
 * Every socket of a network namespace with a peer, as the kernel lists them in
 * /proc/<pid>/net/tcp, tcp6, udp and udp6: TCP connections in any state but LISTEN, and UDP
 * sockets that are connected (the kernel marks them ESTABLISHED). Pure: lib/host/sockets
 * reads the files, lib/traffic says what the rows mean.
 *
 * A row's columns: `sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid
 * timeout inode ...`; addresses are hex words in host byte order (./proc-net-tcp).
 */
import { ipv4FromHex, ipv6FromHex, type Listener } from './proc-net-tcp';

/** The kernel's TCP states (include/net/tcp_states.h), by the hex code /proc prints. */
export const TCP_STATES: Readonly<Record<string, TcpState>> = {
  '01': 'established', '02': 'syn-sent', '03': 'syn-recv', '04': 'fin-wait1', '05': 'fin-wait2',
  '06': 'time-wait', '07': 'close', '08': 'close-wait', '09': 'last-ack', '0A': 'listen', '0B': 'closing', '0C': 'new-syn-recv',
};

export type TcpState = 'established' | 'syn-sent' | 'syn-recv' | 'fin-wait1' | 'fin-wait2' | 'time-wait' | 'close' | 'close-wait' | 'last-ack' | 'listen' | 'closing' | 'new-syn-recv';

export interface SocketEnd {
  address: string;
  port: number;
}

/** One socket with a peer. */
export interface PeerSocket {
  protocol: 'tcp' | 'udp';
  family: 4 | 6;
  local: SocketEnd;
  remote: SocketEnd;
  /** The TCP state; 'established' for a connected UDP socket. */
  state: TcpState;
  /** The socket's inode (0 for a TIME_WAIT row, which no process holds). */
  inode: number;
}

/** What one read of a namespace's four tables holds. */
export interface NamespaceSockets {
  listeners: Listener[];
  sockets: PeerSocket[];
  /** Listening port -> the inodes of its sockets (to tell which process, in a shared namespace). */
  listenInodes: Map<number, number[]>;
}

/**
 * The rows of one table. TCP: every row but LISTEN (listeners go to `listeners`). UDP: only
 * connected sockets (a remote port other than 0); unconnected ones have no peer to draw.
 */
export function parseSocketTable(text: string, protocol: 'tcp' | 'udp', family: 4 | 6, out: NamespaceSockets): void {
  let at = text.indexOf('\n') + 1;
  while (at > 0 && at < text.length) {
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end < 0 ? text.length : end);
    at = end < 0 ? text.length : end + 1;
    const cols = line.trim().split(/\s+/);
    if (cols.length < 10) continue;
    const local = endOf(cols[1]!, family);
    const remote = endOf(cols[2]!, family);
    const state = TCP_STATES[cols[3]!.toUpperCase()];
    if (!local || !remote || !state) continue;
    if (protocol === 'tcp' && state === 'listen') {
      out.listeners.push({ address: local.address, port: local.port, family });
      const inodes = out.listenInodes.get(local.port);
      if (inodes) inodes.push(Number(cols[9]) || 0);
      else out.listenInodes.set(local.port, [Number(cols[9]) || 0]);
      continue;
    }
    if (protocol === 'udp' && (remote.port === 0 || state !== 'established')) continue;
    out.sockets.push({ protocol, family, local, remote, state, inode: Number(cols[9]) || 0 });
  }
}

function endOf(col: string, family: 4 | 6): SocketEnd | null {
  const i = col.indexOf(':');
  if (i < 0) return null;
  const address = family === 4 ? ipv4FromHex(col.slice(0, i)) : ipv6FromHex(col.slice(0, i));
  const port = parseInt(col.slice(i + 1), 16);
  return address && Number.isInteger(port) ? { address, port } : null;
}

/** The four tables of one namespace at once (a missing one is passed as ''). */
export function parseNamespace(tables: { tcp: string; tcp6: string; udp: string; udp6: string }): NamespaceSockets {
  const out: NamespaceSockets = { listeners: [], sockets: [], listenInodes: new Map() };
  parseSocketTable(tables.tcp, 'tcp', 4, out);
  parseSocketTable(tables.tcp6, 'tcp', 6, out);
  parseSocketTable(tables.udp, 'udp', 4, out);
  parseSocketTable(tables.udp6, 'udp', 6, out);
  return out;
}
