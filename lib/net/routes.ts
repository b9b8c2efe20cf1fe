/**
 * The host's routing tables as the kernel prints them: /proc/net/route (IPv4, the main table)
 * and /proc/net/ipv6_route (IPv6, every table). Pure.
 */
import ipaddr from 'ipaddr.js';

export interface HostRoute {
  family: 4 | 6;
  /** The destination as a CIDR ("10.8.0.0/24", "fd00::/64"); "0.0.0.0/0" is the default route. */
  dst: string;
  dev: string;
  /** The next hop, or null for a directly connected range. */
  gateway: string | null;
  metric: number;
}

/** One address of a host interface with its prefix. */
export interface InterfaceCidr {
  name: string;
  /** "192.168.1.5/24" */
  cidr: string;
}

/** 0100A8C0 (little-endian hex, as /proc/net/route writes it) -> 192.168.0.1. */
const v4 = (hex: string) => [6, 4, 2, 0].map((i) => parseInt(hex.slice(i, i + 2), 16)).join('.');
const prefixOfMask = (hex: string) => {
  let n = parseInt(hex, 16) >>> 0;
  let bits = 0;
  while (n) { bits += n & 1; n >>>= 1; }
  return bits;
};

const RTF_UP = 0x1;
const RTF_GATEWAY = 0x2;
const RTF_REJECT = 0x200;

export function parseRouteV4(text: string): HostRoute[] {
  const out: HostRoute[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 8) continue;
    const [dev, dst, gw, flags, , , metric, mask] = f as [string, string, string, string, string, string, string, string];
    const fl = parseInt(flags, 16);
    if (!(fl & RTF_UP) || fl & RTF_REJECT) continue;
    out.push({ family: 4, dst: `${v4(dst)}/${prefixOfMask(mask)}`, dev, gateway: fl & RTF_GATEWAY ? v4(gw) : null, metric: Number(metric) });
  }
  return out;
}

const v6 = (hex: string) => ipaddr.IPv6.parse(hex.match(/.{4}/g)!.join(':')).toString();

export function parseRouteV6(text: string): HostRoute[] {
  const out: HostRoute[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10) continue;
    const [dst, plen, , , gw, metric, , , flags, dev] = f as [string, string, string, string, string, string, string, string, string, string];
    const fl = parseInt(flags, 16);
    const prefix = parseInt(plen, 16);
    // The host's own and anycast addresses are routes too (RTF_LOCAL, RTF_ANYCAST): not ranges to plan around.
    if (!(fl & RTF_UP) || fl & RTF_REJECT || fl & 0x80000000 || fl & 0x00100000 || dev === 'lo') continue;
    const dest = v6(dst);
    // Link-local and multicast ranges are on every interface: not a route anyone plans around.
    if (/^fe[89ab]/i.test(dst) || /^ff/i.test(dst)) continue;
    out.push({ family: 6, dst: `${dest}/${prefix}`, dev, gateway: /^0+$/.test(gw) ? null : v6(gw), metric: parseInt(metric, 16) });
  }
  return out;
}
