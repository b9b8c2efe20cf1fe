import { describe, expect, it } from 'vitest';
import { cidrContains, cidrWithin, isIpv4NetworkOrBroadcast, parseCidr, parseIpv4, parseIpv6 } from './ip';

describe('ip parsing', () => {
  it('parses IPv4 strictly', () => {
    expect(parseIpv4('172.38.0.11')).toBe(0xac26000b);
    for (const bad of ['256.1.1.1', '1.2.3', '01.2.3.4', '1.2.3.4 ', 'a.b.c.d', '']) expect(parseIpv4(bad), bad).toBeNull();
  });
  it('parses IPv6 forms', () => {
    expect(parseIpv6('::1')).toBe(1n);
    expect(parseIpv6('fd00::10')).toBe((0xfd00n << 112n) | 0x10n);
    expect(parseIpv6('::ffff:10.0.0.1')).toBe((0xffffn << 32n) | 0x0a000001n);
    for (const bad of ['1::2::3', 'fd00:::1', 'g::1', '1:2:3:4:5:6:7:8:9', ':::']) expect(parseIpv6(bad), bad).toBeNull();
  });
  it('checks CIDR membership', () => {
    const c = parseCidr('192.168.231.0/24')!;
    expect(cidrContains(c, '192.168.231.9')).toBe(true);
    expect(cidrContains(c, '192.168.232.9')).toBe(false);
    expect(cidrWithin(parseCidr('192.168.231.128/25')!, c)).toBe(true);
    expect(cidrWithin(parseCidr('192.168.0.0/16')!, c)).toBe(false);
    expect(cidrContains(parseCidr('fd00:1::/64')!, 'fd00:1::9')).toBe(true);
    expect(parseCidr('10.0.0.0/33')).toBeNull();
    expect(parseCidr('10.0.0.0')).toBeNull();
    expect(isIpv4NetworkOrBroadcast(c, '192.168.231.0')).toBe(true);
    expect(isIpv4NetworkOrBroadcast(c, '192.168.231.255')).toBe(true);
    expect(isIpv4NetworkOrBroadcast(c, '192.168.231.1')).toBe(false);
  });
});
