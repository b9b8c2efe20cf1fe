/**
 * Switchyard's own records of who may come in: API tokens (hashes only), OpenID Connect
 * sessions (so sign-out ends one on the server, not just in the browser), and the access log
 * (sign-ins, failed sign-ins, sign-outs, token use, tokens made and revoked; never a secret).
 * One SQLite file, `auth.db` in the data directory, opened by the server and by
 * `npm run token` alike (WAL: a token revoked from the command line is refused at once).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { AccessKind } from '@/lib/identity/access-kinds';
import type { Role } from '@/lib/identity/roles';
import { hashToken, newToken, tokenId } from '@/lib/identity/tokens';

const APP_ID = 0x53594155; // "SYAU"
const ACCESS_MAX = 50_000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS tokens (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  engine TEXT,
  hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  expires_at INTEGER,
  revoked_at INTEGER,
  revoked_by TEXT,
  last_used_at INTEGER
);
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  sub TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  ended_at INTEGER
);
CREATE TABLE IF NOT EXISTS access (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  actor_kind TEXT,
  actor_id TEXT,
  actor_name TEXT,
  address TEXT,
  detail TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS access_actor ON access(actor_name);
`;

export interface TokenRecord {
  id: string;
  name: string;
  role: Role;
  engine: string | null;
  createdAt: string;
  createdBy: string;
  expiresAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  lastUsedAt: string | null;
}


export interface AccessRecord {
  id: number;
  at: string;
  kind: AccessKind;
  actor: { kind: string; id: string; name: string } | null;
  address: string | null;
  detail: Record<string, unknown>;
}

export type TokenCheck = { ok: true; token: TokenRecord } | { ok: false; why: 'unknown' | 'expired' | 'revoked'; token: TokenRecord | null };

interface TokenRow {
  id: string; name: string; role: string; engine: string | null; hash: string; created_at: number; created_by: string;
  expires_at: number | null; revoked_at: number | null; revoked_by: string | null; last_used_at: number | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const record = (r: TokenRow): TokenRecord => ({
  id: r.id, name: r.name, role: r.role as Role, engine: r.engine, createdAt: iso(r.created_at)!, createdBy: r.created_by,
  expiresAt: iso(r.expires_at), revokedAt: iso(r.revoked_at), revokedBy: r.revoked_by, lastUsedAt: iso(r.last_used_at),
});

export class AuthStore {
  private db: Database.Database;

  constructor(readonly path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    if (path !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 2000');
    const appId = this.db.pragma('application_id', { simple: true }) as number;
    const tables = (this.db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n;
    if (tables > 0 && appId !== APP_ID) throw new Error(`${path} is a database, but not Switchyard's tokens and sessions`);
    this.db.exec(SCHEMA);
    this.db.pragma(`application_id = ${APP_ID}`);
  }

  close(): void {
    this.db.close();
  }

  // ---- tokens ---------------------------------------------------------------------------

  /** Makes a token: answers its text (shown once, never kept) and its record. */
  createToken(t: { name: string; role: Role; engine: string | null; expiresAt: number | null; createdBy: string }, now = Date.now()): { token: string; record: TokenRecord } {
    const { id, token } = newToken();
    this.db.prepare('INSERT INTO tokens (id, name, role, engine, hash, created_at, created_by, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, t.name, t.role, t.engine, hashToken(token), now, t.createdBy, t.expiresAt);
    return { token, record: this.token(id)! };
  }

  token(id: string): TokenRecord | null {
    const r = this.db.prepare('SELECT * FROM tokens WHERE id = ?').get(id) as TokenRow | undefined;
    return r ? record(r) : null;
  }

  /** Every token, newest first (revoked and expired ones too: they say when and by whom). */
  tokens(): TokenRecord[] {
    return (this.db.prepare('SELECT * FROM tokens ORDER BY created_at DESC, id').all() as TokenRow[]).map(record);
  }

  /** Revokes a token (false: there is none by that id, or it was revoked already). */
  revokeToken(id: string, by: string, now = Date.now()): boolean {
    return this.db.prepare('UPDATE tokens SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL').run(now, by, id).changes === 1;
  }

  /** Whether a bearer text is a live token: looked up by its hash (the id only names it in the answer). */
  checkToken(text: string, now = Date.now()): TokenCheck {
    const r = this.db.prepare('SELECT * FROM tokens WHERE hash = ?').get(hashToken(text)) as TokenRow | undefined;
    if (!r) {
      const id = tokenId(text);
      const named = id ? (this.db.prepare('SELECT * FROM tokens WHERE id = ?').get(id) as TokenRow | undefined) : undefined;
      // A token's id with the wrong secret says nothing of the token: only "unknown".
      return { ok: false, why: 'unknown', token: named ? record(named) : null };
    }
    if (r.revoked_at !== null) return { ok: false, why: 'revoked', token: record(r) };
    if (r.expires_at !== null && r.expires_at <= now) return { ok: false, why: 'expired', token: record(r) };
    return { ok: true, token: record(r) };
  }

  /** Notes a token's use; answers whether this is its first use for `everyMs` (then the caller logs it). */
  noteTokenUse(id: string, now = Date.now(), everyMs = 3_600_000): boolean {
    return this.db.prepare('UPDATE tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at <= ?)').run(now, id, now - everyMs).changes === 1;
  }

  // ---- sessions -------------------------------------------------------------------------

  startSession(s: { id: string; sub: string; name: string; expiresAt: number }, now = Date.now()): void {
    this.db.prepare('INSERT INTO sessions (id, sub, name, created_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(s.id, s.sub, s.name, now, s.expiresAt);
    // Sessions long over are of no use to anyone.
    this.db.prepare('DELETE FROM sessions WHERE expires_at < ?').run(now - 86_400_000);
  }

  /** Whether a session is live: started here, not ended, not past its expiry. */
  sessionLive(id: string, now = Date.now()): boolean {
    const r = this.db.prepare('SELECT expires_at, ended_at FROM sessions WHERE id = ?').get(id) as { expires_at: number; ended_at: number | null } | undefined;
    return r !== undefined && r.ended_at === null && r.expires_at > now;
  }

  endSession(id: string, now = Date.now()): boolean {
    return this.db.prepare('UPDATE sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL').run(now, id).changes === 1;
  }

  // ---- the access log -------------------------------------------------------------------

  log(e: { kind: AccessKind; actor: AccessRecord['actor']; address: string | null; detail?: Record<string, unknown> }, now = Date.now()): void {
    const r = this.db.prepare('INSERT INTO access (at, kind, actor_kind, actor_id, actor_name, address, detail) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(now, e.kind, e.actor?.kind ?? null, e.actor?.id ?? null, e.actor?.name ?? null, e.address, JSON.stringify(e.detail ?? {}));
    const id = Number(r.lastInsertRowid);
    if (id % 500 === 0) this.db.prepare('DELETE FROM access WHERE id <= ?').run(id - ACCESS_MAX);
  }

  /** Newest first; `actor` matches the name or id exactly; `before` pages. */
  access(q: { actor?: string | null; kind?: readonly AccessKind[] | null; before?: number | null; limit?: number }): AccessRecord[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.actor) { where.push('(actor_name = ? OR actor_id = ?)'); args.push(q.actor, q.actor); }
    if (q.kind?.length) { where.push(`kind IN (${q.kind.map(() => '?').join(',')})`); args.push(...q.kind); }
    if (q.before) { where.push('id < ?'); args.push(q.before); }
    const sql = `SELECT * FROM access ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    const rows = this.db.prepare(sql).all(...args, q.limit ?? 50) as Array<{ id: number; at: number; kind: string; actor_kind: string | null; actor_id: string | null; actor_name: string | null; address: string | null; detail: string }>;
    return rows.map((r) => ({
      id: r.id, at: iso(r.at)!, kind: r.kind as AccessKind,
      actor: r.actor_kind ? { kind: r.actor_kind, id: r.actor_id ?? '', name: r.actor_name ?? '' } : null,
      address: r.address, detail: JSON.parse(r.detail) as Record<string, unknown>,
    }));
  }
}
