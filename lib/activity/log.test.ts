import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EntryInput } from './entry';
import { ActivityLog } from './log';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'sy-activity-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const NET = { id: 'a'.repeat(64), name: 'mynet' };
const entry = (over: Partial<EntryInput> = {}): EntryInput => ({
  at: '2026-12-02T10:00:00.000Z', engine: 'default', source: 'switchyard', kind: 'connect', result: 'done', reason: null,
  network: NET, container: { id: 'b'.repeat(64), name: 'ui' }, command: 'docker network connect mynet ui',
  origin: { via: 'loopback', client: 'page', address: '127.0.0.1', actor: { kind: 'loopback', id: 'loopback', name: 'loopback' } }, detail: { aliases: ['web'], ipv4: null, ipv6: null }, undoes: null, ...over,
});

describe('ActivityLog', () => {
  it('keeps entries across a reopen, newest first, with the undo each allows', () => {
    const file = join(dir, 'a.db');
    const log = new ActivityLog(file, 1000);
    const [a, b] = log.appendAll([entry(), entry({ kind: 'container-start', source: 'engine', network: null, origin: null, command: 'docker start ui' })]);
    expect(a!.undo).toEqual({ command: 'docker network disconnect mynet ui' });
    expect(b!.undo).toBeNull();
    log.close();
    const again = new ActivityLog(file, 1000);
    const { entries, total, next } = again.query({ container: null, network: null, kind: null, since: null, until: null, before: null });
    expect(entries.map((e) => e.id)).toEqual([b!.id, a!.id]);
    expect(entries[1]).toEqual(a);
    expect({ total, next, notice: again.notice }).toEqual({ total: 2, next: null, notice: null });
    expect(again.markUndone(a!.id, b!.id)).toBe(true);
    expect(again.markUndone(a!.id, b!.id)).toBe(false);
    expect(again.get(a!.id)).toMatchObject({ undoneBy: b!.id, undo: null });
    again.close();
  });

  it('filters by container (id, prefix or name), network, kind, source and time; pages with a cursor', () => {
    const log = new ActivityLog(join(dir, 'a.db'), 1000);
    const other = { id: 'c'.repeat(64), name: 'db' };
    const list: EntryInput[] = [];
    for (let i = 0; i < 30; i++) {
      const actor = i % 4 === 0 ? { kind: 'user' as const, id: 'sub-ann', name: 'ann' } : { kind: 'token' as const, id: '0123456789ab', name: 'ci' };
      list.push(entry({ at: new Date(Date.UTC(2026, 11, 2, 10, i)).toISOString(), container: i % 3 === 0 ? other : undefined, kind: i % 2 ? 'disconnect' : 'connect', source: i % 5 ? 'switchyard' : 'engine',
        origin: { via: 'bearer', client: 'api', address: null, actor } }));
    }
    log.appendAll(list);
    const q = { container: null, network: null, kind: null, since: null, until: null, before: null };
    expect(log.query({ ...q, container: 'db' }).total).toBe(10);
    expect(log.query({ ...q, container: 'cccc' }).total).toBe(10);
    expect(log.query({ ...q, container: 'ccc' }).total).toBe(0); // too short to be a prefix
    expect(log.query({ ...q, network: 'mynet', kind: ['disconnect'] }).total).toBe(15);
    expect(log.query({ ...q, source: 'engine' }).total).toBe(6);
    // Who asked: by name or by id, exactly.
    expect(log.query({ ...q, actor: 'ann' }).total).toBe(8);
    expect(log.query({ ...q, actor: 'sub-ann' }).total).toBe(8);
    expect(log.query({ ...q, actor: '0123456789ab' }).total).toBe(22);
    expect(log.query({ ...q, actor: 'an' }).total).toBe(0);
    expect(log.query({ ...q, actor: 'ann', container: 'db' }).entries.every((e) => e.origin?.actor?.name === 'ann' && e.container?.name === 'db')).toBe(true);
    const since = Date.UTC(2026, 11, 2, 10, 10);
    const until = Date.UTC(2026, 11, 2, 10, 20);
    expect(log.query({ ...q, since, until }).entries.map((e) => e.at)).toEqual(list.slice(10, 20).map((e) => e.at).reverse());
    const seen: number[] = [];
    let before: number | null = null;
    for (let page = 0; page < 10; page++) {
      const r = log.query({ ...q, limit: 7, before });
      seen.push(...r.entries.map((e) => e.id));
      expect(r.total).toBe(30);
      before = r.next;
      if (before === null) break;
    }
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(new Set(seen).size).toBe(30);
    log.close();
  });

  it('stays within its bound, dropping the oldest', () => {
    const log = new ActivityLog(join(dir, 'a.db'), 100);
    for (let i = 0; i < 350; i++) log.append(entry({ detail: { n: i } }));
    const s = log.stats();
    expect(s.entries).toBeLessThanOrEqual(101);
    expect(s.entries).toBeGreaterThanOrEqual(100);
    const oldest = log.query({ container: null, network: null, kind: null, since: null, until: null, before: null, limit: 500 }).entries.at(-1)!;
    expect(oldest.detail.n).toBe(350 - s.entries);
    log.close();
  });

  it.each([
    ['garbage', (f: string) => writeFileSync(f, 'this is not a database, only text '.repeat(200))],
    ['another application\'s database', (f: string) => { const d = new Database(f); d.exec('CREATE TABLE t (x)'); d.close(); }],
    ['a store cut short', (f: string) => {
      const l = new ActivityLog(f, 1000);
      for (let i = 0; i < 200; i++) l.append(entry({ detail: { pad: 'x'.repeat(500) } }));
      l.close();
      const bytes = readFileSync(f);
      writeFileSync(f, Buffer.concat([bytes.subarray(0, 4096), Buffer.alloc(bytes.length - 4096, 0xff)]));
    }],
  ])('sets %s aside, says so, and starts a new store', (_what, damage) => {
    const file = join(dir, 'a.db');
    damage(file);
    const log = new ActivityLog(file, 1000);
    expect(log.notice).toMatch(/could not be read .* set aside as .*a\.db\.damaged-.* new one started/);
    expect(log.stats()).toMatchObject({ kind: 'sqlite', entries: 0 });
    log.append(entry());
    expect(log.stats().entries).toBe(1);
    expect(readdirSync(dir).some((f) => f.startsWith('a.db.damaged-'))).toBe(true);
    log.close();
  });

  it('keeps activity in memory, and says so, where the data directory cannot be made', () => {
    writeFileSync(join(dir, 'file'), 'x');
    const log = new ActivityLog(join(dir, 'file', 'sub', 'a.db'), 1000);
    expect(log.notice).toMatch(/cannot be made .* kept in memory/);
    expect(log.append(entry()).id).toBe(1);
    expect(log.stats()).toMatchObject({ kind: 'memory', path: null, entries: 1 });
    log.close();
  });
});
