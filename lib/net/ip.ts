/** IPv4/IPv6 address and CIDR parsing for validation. Pure. */

export function parseIpv4(s: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return null;
  const p = m.slice(1).map(Number);
  if (p.some((x, i) => x > 255 || (m[i + 1]!.length > 1 && m[i + 1]!.startsWith('0')))) return null;
  return ((p[0]! << 24) | (p[1]! << 16) | (p[2]! << 8) | p[3]!) >>> 0;
}

/** 128-bit value of an IPv6 address, or null. */
export function parseIpv6(s: string): bigint | null {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || s.length > 45) return null;
  let head = s;
  let v4tail: number | null = null;
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.')) {
    v4tail = parseIpv4(s.slice(lastColon + 1));
    if (v4tail === null) return null;
    head = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const parts = head.split('::');
  if (parts.length > 2) return null;
  const left = parts[0] ? parts[0].split(':') : [];
  const right = parts.length === 2 && parts[1] ? parts[1].split(':') : [];
  const missing = 8 - left.length - right.length;
  if ((parts.length === 1 && missing !== 0) || (parts.length === 2 && missing < 1)) return null;
  const groups = [...left, ...Array(parts.length === 2 ? missing : 0).fill('0'), ...right];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return null;
  let v = 0n;
  for (const g of groups) v = (v << 16n) | BigInt(parseInt(g, 16));
  if (v4tail !== null) v = (v & ~0xffffffffn) | BigInt(v4tail);
  return v;
}

export interface Cidr {
  family: 4 | 6;
  base: bigint;
  bits: number;
  text: string;
}

export function parseCidr(s: string): Cidr | null {
  const slash = s.indexOf('/');
  if (slash < 0) return null;
  const addr = s.slice(0, slash);
  const bitsText = s.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bitsText)) return null;
  const bits = Number(bitsText);
  const v4 = parseIpv4(addr);
  if (v4 !== null) return bits <= 32 ? { family: 4, base: BigInt(v4), bits, text: s } : null;
  const v6 = parseIpv6(addr);
  if (v6 !== null) return bits <= 128 ? { family: 6, base: v6, bits, text: s } : null;
  return null;
}

function width(c: Cidr) {
  return c.family === 4 ? 32 : 128;
}

export function cidrContains(c: Cidr, ip: string): boolean {
  const v = c.family === 4 ? parseIpv4(ip) : parseIpv6(ip);
  if (v === null) return false;
  const shift = BigInt(width(c) - c.bits);
  return (BigInt(v) >> shift) === (c.base >> shift);
}

/** Whether `inner` lies within `outer`. */
export function cidrWithin(inner: Cidr, outer: Cidr): boolean {
  if (inner.family !== outer.family || inner.bits < outer.bits) return false;
  const shift = BigInt(width(outer) - outer.bits);
  return (inner.base >> shift) === (outer.base >> shift);
}

/** The network and broadcast addresses of an IPv4 CIDR cannot be given to a container. */
export function isIpv4NetworkOrBroadcast(c: Cidr, ip: string): boolean {
  if (c.family !== 4 || c.bits >= 31) return false;
  const v = parseIpv4(ip);
  if (v === null) return false;
  const host = BigInt(v) & ((1n << BigInt(32 - c.bits)) - 1n);
  return host === 0n || host === (1n << BigInt(32 - c.bits)) - 1n;
}
