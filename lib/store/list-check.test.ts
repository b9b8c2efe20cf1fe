import { describe, expect, it } from 'vitest';
import type { RawContainer, RawContainerSummary } from '@/lib/docker/engine-types';
import { containersToRecheck as recheck, inspectFingerprint, listedRow, summaryFingerprint } from './list-check';

/** The check as the store makes it: each row kept as its id and fingerprint. */
const containersToRecheck = (rows: RawContainerSummary[], held: ReadonlyMap<string, RawContainer>) => recheck(rows.map(listedRow), held);

// Shapes as Engine 20.10 (API 1.41) gives them for a stopped container connected to `redis`
// with --ip 172.38.9.9 (`docker network connect` emits no event for it).
const summary: RawContainerSummary = {
  Id: 'c1', Names: ['/evtest'], State: 'created',
  NetworkSettings: { Networks: { bridge: { IPAMConfig: null }, redis: { IPAMConfig: { IPv4Address: '172.38.9.9' } } } },
};
const held: RawContainer = {
  Id: 'c1', Name: '/evtest', State: { Status: 'created' },
  NetworkSettings: { Networks: { bridge: { IPAMConfig: null, Aliases: null } } },
};

describe('the list check', () => {
  it('sees a network connected while the container was stopped', () => {
    expect(inspectFingerprint(held)).not.toBe(summaryFingerprint(summary));
    expect(containersToRecheck([summary], new Map([['c1', held]]))).toEqual(['c1']);
  });

  it('finds nothing when the store agrees, whatever the order of networks and link names', () => {
    const same: RawContainer = { ...held, NetworkSettings: { Networks: { redis: { IPAMConfig: { IPv4Address: '172.38.9.9' } }, bridge: {} } } };
    expect(containersToRecheck([{ ...summary, Names: ['/other/evtest', '/evtest'] }], new Map([['c1', same]]))).toEqual([]);
  });

  it('rechecks containers it does not hold, and those the list no longer has', () => {
    expect(containersToRecheck([summary], new Map())).toEqual(['c1']);
    expect(containersToRecheck([], new Map([['c1', held]]))).toEqual(['c1']);
  });

  it('sees the exit code a failed start leaves without an event', () => {
    const exited: RawContainer = { ...held, State: { Status: 'exited', ExitCode: 0 } };
    const row = { ...summary, State: 'exited', Status: 'Exited (128) 3 seconds ago', NetworkSettings: { Networks: { bridge: {} } } };
    expect(containersToRecheck([row], new Map([['c1', exited]]))).toEqual(['c1']);
    expect(containersToRecheck([{ ...row, Status: 'Exited (0) 3 seconds ago' }], new Map([['c1', exited]]))).toEqual([]);
  });

  it('sees a state change', () => {
    const running = { ...summary, State: 'running', NetworkSettings: { Networks: { bridge: {} } } };
    expect(containersToRecheck([running], new Map([['c1', held]]))).toEqual(['c1']);
  });
});
