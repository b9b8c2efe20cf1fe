import { describe, expect, it } from 'vitest';
import { isRefusal, parseConntrack, parseConntrackEvent } from './conntrack';

describe('parseConntrack', () => {
  it('reads both directions, flags and byte counts (recorded, kernel 6.18)', () => {
    const [e] = parseConntrack('ipv4     2 tcp      6 431999 ESTABLISHED src=10.205.0.3 dst=10.205.0.2 sport=33476 dport=7000 packets=14 bytes=766 src=10.205.0.2 dst=10.205.0.3 sport=7000 dport=33476 packets=8 bytes=454 [ASSURED] mark=0 zone=0 use=2\n');
    expect(e).toEqual({ protocol: 'tcp', state: 'established', unreplied: false, assured: true,
      orig: { src: '10.205.0.3', dst: '10.205.0.2', sport: 33476, dport: 7000, bytes: 766 },
      reply: { src: '10.205.0.2', dst: '10.205.0.3', sport: 7000, dport: 33476, bytes: 454 } });
  });
  it('has no bytes without accounting, no state for UDP, and writes IPv6 short', () => {
    const [u, t] = parseConntrack([
      'ipv6     10 udp      17 29 src=fd00:0000:0000:0000:0000:0000:0000:0002 dst=fd00:0000:0000:0000:0000:0000:0000:0003 sport=5353 dport=53 [UNREPLIED] src=fd00:0000:0000:0000:0000:0000:0000:0003 dst=fd00:0000:0000:0000:0000:0000:0000:0002 sport=53 dport=5353 mark=0 zone=0 use=2',
      'ipv4     2 unknown  2 73 src=10.232.35.1 dst=224.0.0.22 [UNREPLIED] src=224.0.0.22 dst=10.232.35.1 mark=0 zone=0 use=2',
      'ipv4     2 tcp      6 3 TIME_WAIT src=127.0.0.1 dst=127.0.0.1 sport=52024 dport=3194 src=127.0.0.1 dst=127.0.0.1 sport=3194 dport=52024 [ASSURED] mark=0 zone=0 use=2',
    ].join('\n'));
    expect(u).toMatchObject({ protocol: 'udp', state: null, unreplied: true, orig: { src: 'fd00::2', dst: 'fd00::3', bytes: null } });
    expect(t).toMatchObject({ state: 'time_wait', orig: { bytes: null } });
  });
});

describe('conntrack -E', () => {
  it('a reset during the handshake is a refusal; a closed connection is not', () => {
    const refused = parseConntrackEvent('[DESTROY] tcp      6 120 CLOSE src=10.205.0.6 dst=10.205.0.2 sport=59524 dport=6379 packets=1 bytes=60 [UNREPLIED] src=10.205.0.2 dst=10.205.0.6 sport=6379 dport=59524 packets=1 bytes=40')!;
    expect(refused.event).toBe('destroy');
    expect(isRefusal(refused.entry)).toBe(true);
    const done = parseConntrackEvent('[DESTROY] tcp      6 120 CLOSE src=10.205.0.1 dst=10.205.0.2 sport=54540 dport=8080 packets=6 bytes=398 src=10.205.0.2 dst=10.205.0.1 sport=8080 dport=54540 packets=6 bytes=543 [ASSURED]')!;
    expect(isRefusal(done.entry)).toBe(false);
    expect(parseConntrackEvent('conntrack v1.4.7 (conntrack-tools): 1 flow events have been shown.')).toBeNull();
  });
});
