import { describe, expect, it } from 'vitest';
import { cidrContains, cidrWithin, familyOf, isAddress, isIpv4NetworkOrBroadcast, parseCidr } from './cidr';

describe('subnets', () => {
  it('takes addresses in their strict forms only', () => {
    for (const ok of ['172.38.0.11', '::1', 'fd00::10', '::ffff:10.0.0.1']) expect(isAddress(ok), ok).toBe(true);
    for (const bad of ['256.1.1.1', '1.2.3', '01.2.3.4', '0x0a.0.0.1', '1.2.3.4 ', 'a.b.c.d', '', '1::2::3', 'g::1', '1:2:3:4:5:6:7:8:9']) expect(isAddress(bad), bad).toBe(false);
  });
  it('checks membership and nesting', () => {
    expect(cidrContains('192.168.231.0/24', '192.168.231.9')).toBe(true);
    expect(cidrContains('192.168.231.0/24', '192.168.232.9')).toBe(false);
    expect(cidrContains('192.168.231.0/24', 'fd00::1')).toBe(false);
    expect(cidrContains('192.168.231.0/24', '192.168.231')).toBe(false);
    expect(cidrWithin('192.168.231.128/25', '192.168.231.0/24')).toBe(true);
    expect(cidrWithin('192.168.0.0/16', '192.168.231.0/24')).toBe(false);
    expect(cidrContains('fd00:1::/64', 'fd00:1::9')).toBe(true);
    expect(parseCidr('10.0.0.0/33')).toBeNull();
    expect(parseCidr('10.0.0.0')).toBeNull();
    expect(familyOf('fd00:1::/64')).toBe(6);
    expect(familyOf('10.0.0.0/8')).toBe(4);
  });
  it('knows the network and broadcast addresses of an IPv4 subnet', () => {
    expect(isIpv4NetworkOrBroadcast('192.168.231.0/24', '192.168.231.0')).toBe(true);
    expect(isIpv4NetworkOrBroadcast('192.168.231.0/24', '192.168.231.255')).toBe(true);
    expect(isIpv4NetworkOrBroadcast('192.168.231.0/24', '192.168.231.1')).toBe(false);
    expect(isIpv4NetworkOrBroadcast('10.0.0.0/31', '10.0.0.0')).toBe(false);
  });
});
