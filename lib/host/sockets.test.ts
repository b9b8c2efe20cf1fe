import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectionSignature, SocketTables } from './sockets';

const fx = (f: string) => readFileSync(join(__dirname, 'fixtures', f), 'latin1');
const tf = (f: string) => readFileSync(join(__dirname, '../traffic/fixtures', f), 'latin1');

describe('connectionSignature (recorded, kernel 6.18)', () => {
  const snmp = fx('bench-client.snmp.txt'), snmp6 = fx('bench-client.snmp6.txt');
  it('takes the TCP and UDP counters that move when connections do, and not bytes or segments', () => {
    const sig = connectionSignature(snmp, snmp6);
    expect(sig.split(' ')).toHaveLength(5 + 2 + 2);
    // A segment more in and out: the same signature.
    const moreSegments = snmp.replace(/^(Tcp: (?:\S+ ){9})(\d+) (\d+)/m, (_, a: string, i: string, o: string) => `${a}${Number(i) + 1} ${Number(o) + 1}`);
    expect(moreSegments).not.toBe(snmp);
    expect(connectionSignature(moreSegments, snmp6)).toBe(sig);
    // A connection opened: another.
    const opened = snmp.replace(/^(Tcp: (?:\S+ ){4})(\d+)/m, (_, a: string, n: string) => `${a}${Number(n) + 1}`);
    expect(connectionSignature(opened, snmp6)).not.toBe(sig);
  });
});

describe('SocketTables', () => {
  let dir = '';
  afterEach(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('reads a namespace again only when its counters moved, or when asked for all', () => {
    dir = mkdtempSync(join(tmpdir(), 'sy-tables-'));
    const net = join(dir, '77', 'net');
    mkdirSync(net, { recursive: true });
    for (const f of ['tcp', 'tcp6', 'udp', 'udp6']) writeFileSync(join(net, f), tf(`traffic-holder.${f}.txt`));
    writeFileSync(join(net, 'snmp'), fx('bench-client.snmp.txt'));
    writeFileSync(join(net, 'snmp6'), fx('bench-client.snmp6.txt'));
    const t = new SocketTables({ sys: dir, proc: dir });
    const first = t.read('c1', 77);
    expect(first.ok && first.sockets.sockets.length).toBe(1);
    // The connection closes without the counters moving (not possible in the kernel; here it shows the skip).
    writeFileSync(join(net, 'tcp'), tf('traffic-holder.tcp.txt').split('\n').slice(0, 2).join('\n'));
    const same = t.read('c1', 77);
    expect(same.ok && same.sockets.sockets.length).toBe(1);
    expect(t.stats).toEqual({ read: 1, skipped: 1 });
    // Asked for all: read, and the connection is gone.
    const full = t.read('c1', 77, true);
    expect(full.ok && full.sockets.sockets.length).toBe(0);
    // The counters move: read again.
    writeFileSync(join(net, 'tcp'), tf('traffic-holder.tcp.txt'));
    writeFileSync(join(net, 'snmp'), fx('bench-client.snmp.txt').replace(/^(Tcp: (?:\S+ ){4})(\d+)/m, (_, a: string, n: string) => `${a}${Number(n) + 1}`));
    const moved = t.read('c1', 77);
    expect(moved.ok && moved.sockets.sockets.length).toBe(1);
    expect(t.stats).toEqual({ read: 3, skipped: 1 });
    expect(t.size).toBe(1);
    t.retain(new Set());
    expect(t.size).toBe(0);
  });

  it('says why a namespace cannot be read, and keeps nothing open for it', () => {
    dir = mkdtempSync(join(tmpdir(), 'sy-tables-'));
    const t = new SocketTables({ sys: dir, proc: dir });
    const r = t.read('gone', 424242);
    expect(r).toEqual({ ok: false, reason: 'no process 424242 on this machine (it stopped, or the engine is on another host)' });
    expect(t.read('none', 0)).toEqual({ ok: false, reason: 'it has no process to read sockets from (pid 0)' });
    expect(t.size).toBe(0);
  });
});
