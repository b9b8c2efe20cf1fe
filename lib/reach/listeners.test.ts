import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProcNetTcp } from '@/lib/host/proc-net-tcp';
import { acceptsFrom, listenedPorts, scopeOn } from './listeners';

const fixture = (f: string) => readFileSync(join(__dirname, '../host/fixtures', f), 'latin1');
const recorded = [...parseProcNetTcp(fixture('ports-target.net-tcp.txt'), 4), ...parseProcNetTcp(fixture('ports-target.net-tcp6.txt'), 6)];

describe('parseProcNetTcp (recorded from the lab\'s ports-target)', () => {
  it('lists the LISTEN rows only, with their addresses', () => {
    expect(recorded).toEqual(expect.arrayContaining([
      { address: '127.0.0.1', port: 6379, family: 4 },
      { address: '::', port: 8080, family: 6 },
    ]));
    expect(recorded.some((l) => l.address === '127.0.0.11'), 'Docker\'s DNS is listed (and left out later)').toBe(true);
    expect(recorded).toHaveLength(3); // the TIME_WAIT row to 6379 is not a listener
  });

  it('says who can connect', () => {
    expect(scopeOn(recorded, 8080)).toBe('any');
    expect(scopeOn(recorded, 6379)).toBe('loopback');
    expect(scopeOn(recorded, 7000)).toBe('none');
    expect(acceptsFrom(recorded, 8080, '10.204.0.2')).toBe(true);
    expect(acceptsFrom(recorded, 6379, '10.204.0.2')).toBe(false);
    expect(listenedPorts(recorded)).toEqual([6379, 8080]);
  });

  it('reads specific and mapped addresses', () => {
    const v4 = '  sl  local_address rem_address   st\n   0: 0204CC0A:1F90 00000000:0000 0A 0\n   1: 00000000:0050 00000000:0000 0A 0\n';
    expect(parseProcNetTcp(v4, 4)).toEqual([{ address: '0.0.0.0', port: 80, family: 4 }, { address: '10.204.4.2', port: 8080, family: 4 }]);
    const v6 = 'h\n 0: 0000000000000000FFFF00000100007F:1F90 0:0 0A\n 1: 00000000000000000000000001000000:0016 0:0 0A\n 2: 000080FE00000000FF0242AC:0016 0:0 0A\n';
    expect(parseProcNetTcp(v6, 6)).toEqual([{ address: '::1', port: 22, family: 6 }, { address: '127.0.0.1', port: 8080, family: 6 }]);
    expect(scopeOn(parseProcNetTcp(v4, 4), 8080)).toBe('specific');
  });
});
