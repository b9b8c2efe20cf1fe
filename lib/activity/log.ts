/**
 * One engine's activity log, kept in SQLite (better-sqlite3): one file per engine, written
 * synchronously in WAL mode, so an entry is on disk before its answer is sent and a crash
 * loses nothing already answered. Bounded: past `maxEntries` the oldest go (checked every
 * 1% of growth, so the trim costs nothing per entry).
 *
 * A file that is damaged or not Switchyard's is set aside (renamed `*.damaged-<time>`) and a
 * new one started; a data directory that cannot be used gives a log in memory. Either way the
 * log says so in `notice`, and the server starts.
 */
import 'server-only';
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { ActivityQuery } from '@/lib/schemas/activity';
import { undoCommand, undoPlan, type ActivityEntry, type EntryInput } from './entry';
import type { ChangeRow } from './since';

const SCHEMA_VERSION = 1;
const APP_ID = 0x53594a44; // "SYJD": a file with another application_id is not ours

const SCHEMA = `
CREATE TABLE IF NOT EXISTS entries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  source TEXT NOT NULL,
  kind TEXT NOT NULL,
  result TEXT NOT NULL,
  network_id TEXT,
  network_name TEXT,
  container_id TEXT,
  container_name TEXT,
  undone_by INTEGER,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entries_at ON entries(at);
CREATE INDEX IF NOT EXISTS entries_network_id ON entries(network_id);
CREATE INDEX IF NOT EXISTS entries_network_name ON entries(network_name);
CREATE INDEX IF NOT EXISTS entries_container_id ON entries(container_id);
CREATE INDEX IF NOT EXISTS entries_container_name ON entries(container_name);
`;

interface Row {
  id: number;
  at: number;
  source: string;
  kind: string;
  result: string;
  network_id: string | null;
  network_name: string | null;
  container_id: string | null;
  container_name: string | null;
  undone_by: number | null;
  body: string;
}

type SinceRow = Pick<Row, 'kind' | 'result' | 'network_id' | 'network_name' | 'container_id' | 'container_name'> & { cause: string | null };

/** What the body column holds: the entry's fields that are not columns of their own. */
type Body = Pick<ActivityEntry, 'engine' | 'reason' | 'command' | 'origin' | 'detail' | 'undoes'>;

export interface LogStats {
  kind: 'sqlite' | 'memory';
  path: string | null;
  entries: number;
  maxEntries: number;
  bytes: number | null;
  notice: string | null;
}

const isDamage = (err: unknown) => {
  const code = (err as { code?: string }).code ?? '';
  return code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_FORMAT' || err instanceof NotOurs;
};

class NotOurs extends Error {}

export class ActivityLog {
  private db: Database.Database;
  private kind: 'sqlite' | 'memory' = 'sqlite';
  private count = 0;
  private trimAt = 0;
  notice: string | null = null;
  private stmts!: ReturnType<ActivityLog['prepare']>;

  constructor(readonly path: string | null, readonly maxEntries: number) {
    this.db = this.open();
  }

  // ---- opening ----------------------------------------------------------------------------

  private open(): Database.Database {
    if (this.path === null) return this.inMemory(null);
    try {
      mkdirSync(dirname(this.path), { recursive: true });
    } catch (err) {
      return this.inMemory(`the data directory ${dirname(this.path)} cannot be made (${(err as Error).message}): activity is kept in memory until the server stops; set SWITCHYARD_DATA_DIR`);
    }
    try {
      return this.ready(new Database(this.path));
    } catch (err) {
      if (isDamage(err)) return this.setAside(err);
      return this.inMemory(`the activity store ${this.path} cannot be opened (${(err as Error).message}): activity is kept in memory until the server stops`);
    }
  }

  private inMemory(notice: string | null): Database.Database {
    this.kind = 'memory';
    if (notice) this.notice = notice;
    return this.ready(new Database(':memory:'));
  }

  /** Renames a damaged file (and its WAL) out of the way and starts a new one. */
  private setAside(err: unknown): Database.Database {
    const path = this.path!;
    const aside = `${path}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    try {
      for (const suffix of ['', '-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
    } catch (moveErr) {
      return this.inMemory(`the activity store ${path} is damaged (${(err as Error).message}) and cannot be moved aside (${(moveErr as Error).message}): activity is kept in memory`);
    }
    this.notice = `the activity store ${path} could not be read (${(err as Error).message}); it was set aside as ${aside} and a new one started: earlier activity is not shown`;
    return this.ready(new Database(path));
  }

  private ready(db: Database.Database): Database.Database {
    try {
      if (db.name !== ':memory:') db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      const appId = db.pragma('application_id', { simple: true }) as number;
      const version = db.pragma('user_version', { simple: true }) as number;
      const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n;
      if (tables > 0 && (appId !== APP_ID || version > SCHEMA_VERSION)) {
        throw new NotOurs(appId !== APP_ID ? 'the file is a database, but not a Switchyard activity store' : `the store was written by a newer Switchyard (schema ${version})`);
      }
      if (tables > 0) {
        const check = db.pragma('quick_check', { simple: true });
        if (check !== 'ok') throw Object.assign(new Error(`the integrity check found damage: ${String(check).split('\n').filter((l) => !l.startsWith('***'))[0]?.slice(0, 120)}`), { code: 'SQLITE_CORRUPT' });
      }
      db.exec(SCHEMA);
      db.pragma(`application_id = ${APP_ID}`);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
      this.db = db;
      this.stmts = this.prepare();
      this.count = (this.stmts.count.get() as { n: number }).n;
      this.trimAt = this.count + Math.max(1, Math.ceil(this.maxEntries / 100));
      return db;
    } catch (err) {
      db.close();
      throw err;
    }
  }

  private prepare() {
    const db = this.db;
    return {
      insert: db.prepare(`INSERT INTO entries (at, source, kind, result, network_id, network_name, container_id, container_name, body)
        VALUES (@at, @source, @kind, @result, @network_id, @network_name, @container_id, @container_name, @body)`),
      count: db.prepare('SELECT count(*) AS n FROM entries'),
      get: db.prepare('SELECT * FROM entries WHERE id = ?'),
      undone: db.prepare('UPDATE entries SET undone_by = ? WHERE id = ? AND undone_by IS NULL'),
      trim: db.prepare('DELETE FROM entries WHERE id <= (SELECT id FROM entries ORDER BY id DESC LIMIT 1 OFFSET ?)'),
      first: db.prepare('SELECT min(at) AS at FROM entries'),
      // Only what "changes since" reads: no JSON body to parse per row, bar a start or stop's cause.
      since: db.prepare(`SELECT kind, result, network_id, network_name, container_id, container_name,
        CASE WHEN source = 'engine' AND kind IN ('connect', 'disconnect') THEN json_extract(body, '$.detail.cause') END AS cause
        FROM entries WHERE at >= ? ORDER BY id`),
    };
  }

  /** Runs a statement; a store found damaged meanwhile is set aside and the statement run on the new one. */
  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (!isDamage(err) || this.kind === 'memory') throw err;
      try { this.db.close(); } catch { /* already unusable */ }
      this.db = this.setAside(err);
      return fn();
    }
  }

  // ---- writing ----------------------------------------------------------------------------

  append(e: EntryInput): ActivityEntry {
    return this.appendAll([e])[0]!;
  }

  /** Writes entries in one transaction, in order. */
  appendAll(list: EntryInput[]): ActivityEntry[] {
    if (list.length === 0) return [];
    const rows = this.guard(() => this.db.transaction((items: EntryInput[]) => items.map((e) => {
      const row = toRow(e);
      const r = this.stmts.insert.run(row);
      return { ...row, id: Number(r.lastInsertRowid), undone_by: null } as Row;
    }))(list));
    this.count += rows.length;
    if (this.count >= this.trimAt) this.trim();
    return rows.map(fromRow);
  }

  markUndone(id: number, by: number): boolean {
    return this.guard(() => this.stmts.undone.run(by, id).changes === 1);
  }

  private trim(): void {
    this.guard(() => this.stmts.trim.run(this.maxEntries));
    this.count = (this.stmts.count.get() as { n: number }).n;
    this.trimAt = this.count + Math.max(1, Math.ceil(this.maxEntries / 100));
  }

  // ---- reading ----------------------------------------------------------------------------

  get(id: number): ActivityEntry | null {
    const row = this.guard(() => this.stmts.get.get(id) as Row | undefined);
    return row ? fromRow(row) : null;
  }

  /** Newest first: a page of entries matching the filter, the cursor for the next, and how many match. */
  query(q: Omit<ActivityQuery, 'limit' | 'actor'> & { limit?: number | null; actor?: string | null }): { entries: ActivityEntry[]; next: number | null; total: number } {
    const where: string[] = [];
    const args: Record<string, unknown> = {};
    const object = (col: 'network' | 'container', v: string) => {
      args[col] = v;
      args[`${col}_prefix`] = `${v}%`;
      // An id, an id prefix (hexadecimal, 4 or more), or a name.
      const prefix = /^[a-f0-9]{4,63}$/.test(v) ? ` OR ${col}_id LIKE @${col}_prefix` : '';
      where.push(`(${col}_id = @${col} OR ${col}_name = @${col}${prefix})`);
    };
    if (q.network) object('network', q.network);
    if (q.container) object('container', q.container);
    if (q.kind?.length) {
      where.push(`kind IN (${q.kind.map((_, i) => `@kind${i}`).join(', ')})`);
      q.kind.forEach((k, i) => { args[`kind${i}`] = k; });
    }
    if (q.source) { where.push('source = @source'); args.source = q.source; }
    // Who asked is inside the body (written by every Switchyard since it named them): no column, no migration.
    if (q.actor) { where.push("(json_extract(body, '$.origin.actor.name') = @actor OR json_extract(body, '$.origin.actor.id') = @actor)"); args.actor = q.actor; }
    if (q.since !== null && q.since !== undefined) { where.push('at >= @since'); args.since = q.since; }
    if (q.until !== null && q.until !== undefined) { where.push('at < @until'); args.until = q.until; }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const limit = q.limit ?? 50;
    return this.guard(() => {
      const total = (this.db.prepare(`SELECT count(*) AS n FROM entries ${filter}`).get(args) as { n: number }).n;
      const page = q.before ? `${filter ? `${filter} AND` : 'WHERE'} id < @before` : filter;
      const rows = this.db.prepare(`SELECT * FROM entries ${page} ORDER BY id DESC LIMIT @limit`).all({ ...args, before: q.before ?? undefined, limit: limit + 1 }) as Row[];
      const more = rows.length > limit;
      const entries = rows.slice(0, limit).map(fromRow);
      return { entries, next: more ? entries[entries.length - 1]!.id : null, total };
    });
  }

  /** Every entry at or after a moment, oldest first, as "changes since" reads them; and when the log's first entry is. */
  since(ms: number): { entries: ChangeRow[]; firstAt: number | null } {
    return this.guard(() => ({
      entries: (this.stmts.since.all(ms) as SinceRow[]).map((r) => ({
        kind: r.kind as ChangeRow['kind'],
        result: r.result as ChangeRow['result'],
        network: r.network_id !== null ? { id: r.network_id, name: r.network_name ?? r.network_id.slice(0, 12) } : null,
        container: r.container_id !== null ? { id: r.container_id, name: r.container_name ?? r.container_id.slice(0, 12) } : null,
        cause: r.cause,
      })),
      firstAt: (this.stmts.first.get() as { at: number | null }).at,
    }));
  }

  stats(): LogStats {
    let bytes: number | null = null;
    if (this.kind === 'sqlite' && this.path) {
      bytes = 0;
      for (const suffix of ['', '-wal']) {
        try { bytes += statSync(this.path + suffix).size; } catch { /* no WAL yet */ }
      }
    }
    return { kind: this.kind, path: this.kind === 'sqlite' ? this.path : null, entries: this.count, maxEntries: this.maxEntries, bytes, notice: this.notice };
  }

  close(): void {
    this.db.close();
  }
}

function toRow(e: EntryInput): Omit<Row, 'id' | 'undone_by'> {
  const body: Body = { engine: e.engine, reason: e.reason, command: e.command, origin: e.origin, detail: e.detail, undoes: e.undoes };
  return {
    at: Date.parse(e.at),
    source: e.source,
    kind: e.kind,
    result: e.result,
    network_id: e.network?.id ?? null,
    network_name: e.network?.name ?? null,
    container_id: e.container?.id ?? null,
    container_name: e.container?.name ?? null,
    body: JSON.stringify(body),
  };
}

function fromRow(r: Row): ActivityEntry {
  const b = JSON.parse(r.body) as Body;
  const entry: ActivityEntry = {
    id: r.id,
    at: new Date(r.at).toISOString(),
    engine: b.engine,
    source: r.source as ActivityEntry['source'],
    kind: r.kind as ActivityEntry['kind'],
    result: r.result as ActivityEntry['result'],
    reason: b.reason ?? null,
    network: r.network_id !== null ? { id: r.network_id, name: r.network_name ?? r.network_id.slice(0, 12) } : null,
    container: r.container_id !== null ? { id: r.container_id, name: r.container_name ?? r.container_id.slice(0, 12) } : null,
    command: b.command ?? null,
    origin: b.origin ? { ...b.origin, actor: b.origin.actor ?? null } : null,
    detail: b.detail ?? {},
    undoes: b.undoes ?? null,
    undoneBy: r.undone_by,
    undo: null,
  };
  const plan = undoPlan(entry);
  entry.undo = plan ? { command: undoCommand(plan) } : null;
  return entry;
}
