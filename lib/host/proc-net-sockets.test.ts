import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNamespace } from './proc-net-sockets';

const f = (n: string) => readFileSync(join(__dirname, '../traffic/fixtures', n), 'latin1');

describe('parseNamespace (recorded, Engine 20.10.24)', () => {
  it('splits listeners from sockets with a peer, and reads states, IPv4 in tcp6 and inodes', () => {
    const s = parseNamespace({ tcp: f('traffic-server.tcp.txt'), tcp6: f('traffic-server.tcp6.txt'), udp: f('traffic-server.udp.txt'), udp6: f('traffic-server.udp6.txt') });
    expect(s.listeners.map((l) => `${l.address}|${l.port}`)).toEqual(expect.arrayContaining(['::|7000', '::|8080']));
    expect(s.listenInodes.get(7000)?.[0]).toBeGreaterThan(0);
    const est = s.sockets.filter((x) => x.state === 'established');
    expect(est.length).toBeGreaterThanOrEqual(2);
    expect(est.every((x) => x.local.port === 7000 && x.inode > 0)).toBe(true);
    // ::ffff:10.205.0.x rows come out as IPv4.
    expect(s.sockets.some((x) => x.family === 6 && /^10\.205\./.test(x.remote.address))).toBe(true);
    // Unconnected UDP (Docker's DNS) is no peer.
    expect(s.sockets.some((x) => x.protocol === 'udp')).toBe(false);
  });
  it('reads an attempt with no answer', () => {
    const s = parseNamespace({ tcp: f('traffic-lost.tcp.txt'), tcp6: '', udp: '', udp6: '' });
    expect(s.sockets).toEqual([expect.objectContaining({ state: 'syn-sent', remote: { address: expect.stringMatching(/^10\.205\.0\./), port: 7000 } })]);
  });
  it('takes a connected UDP socket, and skips malformed rows', () => {
    const udp = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n'
      + ' 1: 0300CD0A:A1B2 0200CD0A:0035 01 00000000:00000000 00:00000000 00000000     0        0 4242 2 0 0\n'
      + ' 2: garbage\n';
    expect(parseNamespace({ tcp: '', tcp6: '', udp, udp6: '' }).sockets).toEqual([{ protocol: 'udp', family: 4, local: { address: '10.205.0.3', port: 0xa1b2 }, remote: { address: '10.205.0.2', port: 53 }, state: 'established', inode: 4242 }]);
  });
});
