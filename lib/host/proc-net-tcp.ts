/**
 * The listening sockets of a network namespace as the kernel lists them in /proc/<pid>/net/tcp
 * and tcp6. Pure: lib/host/listeners reads the files, lib/reach says what they mean.
 */
export interface Listener {
  /** The local address as text: 0.0.0.0, ::, 127.0.0.1, ::1, or a specific address. */
  address: string;
  port: number;
  family: 4 | 6;
}

const LISTEN = '0A';

/** The LISTEN rows of /proc/net/tcp (family 4) or tcp6 (family 6). */
export function parseProcNetTcp(text: string, family: 4 | 6): Listener[] {
  const out: Listener[] = [];
  for (const line of text.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 4 || cols[3] !== LISTEN) continue;
    const [hex, portHex] = cols[1]!.split(':');
    if (!hex || !portHex) continue;
    const address = family === 4 ? ipv4FromHex(hex) : ipv6FromHex(hex);
    if (address) out.push({ address, port: parseInt(portHex, 16), family });
  }
  return out.sort((a, b) => a.port - b.port || a.family - b.family || (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

/** The kernel writes each 32-bit word in host byte order (little-endian on x86 and arm64). */
export function ipv4FromHex(hex: string): string | null {
  if (!/^[0-9A-Fa-f]{8}$/.test(hex)) return null;
  const n = parseInt(hex, 16);
  return [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24].join('.');
}

export function ipv6FromHex(hex: string): string | null {
  if (!/^[0-9A-Fa-f]{32}$/.test(hex)) return null;
  const bytes: number[] = [];
  for (let w = 0; w < 4; w++) {
    const word = hex.slice(w * 8, w * 8 + 8);
    for (let b = 3; b >= 0; b--) bytes.push(parseInt(word.slice(b * 2, b * 2 + 2), 16));
  }
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 255 && bytes[11] === 255) return bytes.slice(12).join('.'); // ::ffff:a.b.c.d
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  // The shortest form: the longest run of zero groups becomes "::".
  let best = -1, len = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== '0') { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > len && j - i > 1) { best = i; len = j - i; }
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + len).join(':')}`;
}
