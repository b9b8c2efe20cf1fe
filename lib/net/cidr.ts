/** Address containment over ipaddr.js: the few questions Switchyard asks of subnets. Pure. */
import ipaddr from 'ipaddr.js';

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** An IPv4 address in dotted decimal (no leading zeros, no short forms) or an IPv6 address. */
export const isAddress = (ip: string) => ipaddr.IPv4.isValidFourPartDecimal(ip) || ipaddr.IPv6.isValid(ip);

export function parseCidr(text: string): Cidr | null {
  try {
    return ipaddr.parseCIDR(text);
  } catch {
    return null;
  }
}

/** A CIDR written strictly: an address as isAddress takes it, then /bits. */
export function isCidr(text: string): boolean {
  const slash = text.indexOf('/');
  return slash > 0 && text.length <= 49 && isAddress(text.slice(0, slash)) && /^\d{1,3}$/.test(text.slice(slash + 1)) && parseCidr(text) !== null;
}

export const familyOf = (text: string): 4 | 6 | null => {
  const c = parseCidr(text);
  return c ? (c[0].kind() === 'ipv4' ? 4 : 6) : null;
};

/** Whether the address lies in the subnet (false for a malformed one or another family). */
export function cidrContains(subnet: string, ip: string): boolean {
  const c = parseCidr(subnet);
  if (!c || !isAddress(ip)) return false;
  const a = ipaddr.parse(ip);
  return a.kind() === c[0].kind() && a.match(c);
}

/** Whether `inner` (a CIDR) lies within `outer`. */
export function cidrWithin(inner: string, outer: string): boolean {
  const i = parseCidr(inner);
  const o = parseCidr(outer);
  return !!i && !!o && i[0].kind() === o[0].kind() && i[1] >= o[1] && i[0].match(o);
}

/** The network and broadcast addresses of an IPv4 subnet (/30 and wider) cannot be given to a container. */
export function isIpv4NetworkOrBroadcast(subnet: string, ip: string): boolean {
  const c = parseCidr(subnet);
  if (!c || c[0].kind() !== 'ipv4' || c[1] >= 31 || !ipaddr.IPv4.isValidFourPartDecimal(ip)) return false;
  const s = ipaddr.IPv4.networkAddressFromCIDR(subnet).toString();
  const b = ipaddr.IPv4.broadcastAddressFromCIDR(subnet).toString();
  return ip === s || ip === b;
}

/** "0.0.0.0:8080", "[::]:8080": an address and port as a URL writes them. */
export const hostPortText = (ip: string, port: number | null) => `${ip.includes(':') ? `[${ip}]` : ip}:${port ?? '?'}`;

/** The address family of an address ("10.0.0.1" 4, "fd00::1" 6). */
export const addressFamily = (ip: string): 4 | 6 => (ip.includes(':') ? 6 : 4);

/** A subnet (or a bare address, as /32 or /128) as the numbers it spans: for overlap and containment tests by comparison. */
export interface CidrSpan { family: 4 | 6; lo: bigint; hi: bigint; prefix: number }

export function cidrSpan(text: string): CidrSpan | null {
  const c = text.includes('/') ? parseCidr(text) : isAddress(text) ? ([ipaddr.parse(text), text.includes(':') ? 128 : 32] as Cidr) : null;
  if (!c) return null;
  const bytes = c[0].toByteArray();
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  const host = BigInt(bytes.length * 8 - c[1]);
  const lo = (n >> host) << host;
  return { family: bytes.length === 4 ? 4 : 6, lo, hi: lo + (1n << host) - 1n, prefix: c[1] };
}
