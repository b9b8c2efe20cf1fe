import { describe, expect, it } from 'vitest';
import type { ActivityEntry } from '@/lib/schemas/activity';
import { changesSince, type ChangeRow } from './since';

const e = (kind: ActivityEntry['kind'], net: string | null, ctr: string | null, over: Partial<ChangeRow> = {}): ChangeRow => ({
  kind, result: 'done', network: net ? { id: `id-${net}`, name: net } : null, container: ctr ? { id: `id-${ctr}`, name: ctr } : null, cause: null, ...over,
});

describe('changesSince', () => {
  it('follows each object from its first entry to its last', () => {
    const entries = [
      e('network-create', 'new', null), e('connect', 'new', 'ui'),
      e('disconnect', 'old', 'ui'), e('connect', 'old', 'db'), e('disconnect', 'old', 'db'), // db: back as it was
      e('network-remove', 'gone', null),
      e('container-die', null, 'cache'), e('container-start', null, 'web'), e('container-die', null, 'job'), e('container-destroy', null, 'job'),
      e('disconnect', 'old', 'cache', { cause: 'stop' }), // left as it stopped: still configured
      e('connect', 'old', 'x', { result: 'refused' }),
    ];
    const d = changesSince(500, entries, 400);
    expect(d.complete).toBe(true);
    expect(d.entries).toBe(11);
    expect(d.added).toEqual({ networks: [{ id: 'id-new', name: 'new' }], containers: [{ id: 'id-web', name: 'web' }], endpoints: [{ network: { id: 'id-new', name: 'new' }, container: { id: 'id-ui', name: 'ui' } }] });
    expect(d.removed).toEqual({ networks: [{ id: 'id-gone', name: 'gone' }], containers: [{ id: 'id-job', name: 'job' }], endpoints: [{ network: { id: 'id-old', name: 'old' }, container: { id: 'id-ui', name: 'ui' } }] });
    expect(d.changed.containers).toEqual([{ id: 'id-cache', name: 'cache', from: 'running', to: 'exited' }]);
  });

  it('says when the log does not reach back far enough', () => {
    expect(changesSince(500, [], 900).complete).toBe(false); // the log starts after the moment
    expect(changesSince(500, [], 400).complete).toBe(true);
    expect(changesSince(500, [], null).complete).toBe(false);
    expect(changesSince(100, [], 400).complete).toBe(false);
  });
});
