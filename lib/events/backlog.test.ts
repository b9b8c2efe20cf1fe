import { describe, expect, it } from 'vitest';
import { droppedCount, rememberDropped, takeDropped } from './backlog';

describe('dropped clients', () => {
  it('are told once why, within the time they are remembered', () => {
    rememberDropped('client-aaaa', 5 * 1024 * 1024, 4 * 1024 * 1024, 1_000);
    expect(takeDropped('client-bbbb', 2_000)).toBeNull();
    const d = takeDropped('client-aaaa', 2_000);
    expect(d?.message).toMatch(/5\.0 MiB were waiting for it \(the bound is 4\.0 MiB\)/);
    expect(takeDropped('client-aaaa', 3_000)).toBeNull();
    rememberDropped('client-cccc', 1, 1, 0);
    expect(takeDropped('client-cccc', 11 * 60_000)).toBeNull();
  });

  it('are remembered up to a bound, the oldest forgotten first', () => {
    for (let i = 0; i < 1500; i++) rememberDropped(`client-${String(i).padStart(5, '0')}`, 10, 1, 0);
    expect(droppedCount()).toBe(1000);
    expect(takeDropped('client-00000', 1)).toBeNull();
    expect(takeDropped('client-01499', 1)).not.toBeNull();
  });
});
