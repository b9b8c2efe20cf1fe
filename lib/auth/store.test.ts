import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { hashToken } from '@/lib/identity/tokens';
import { AuthStore } from './store';

/** A token's secret: after `syt_<12 hex>_` (the secret is base64url, which has `_` in it too). */
const secretOf = (t: string) => t.slice('syt_'.length + 13);

const dirs: string[] = [];
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), 'sy-auth-'));
  dirs.push(d);
  return join(d, 'auth.db');
};
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

describe('the auth store', () => {
  it('keeps only a token\'s hash; checks, expires and revokes it; a second process sees a revocation at once', () => {
    const path = fresh();
    const store = new AuthStore(path);
    const t0 = Date.UTC(2026, 11, 6);
    const { token, record } = store.createToken({ name: 'ci', role: 'viewer', engine: 'prod', expiresAt: t0 + 60_000, createdBy: 'ann' }, t0);
    const raw = new Database(path, { readonly: true });
    const dump = JSON.stringify(raw.prepare('SELECT * FROM tokens').all());
    expect(dump).not.toContain(secretOf(token));
    expect(dump).toContain(hashToken(token));
    expect(store.checkToken(token, t0 + 1)).toMatchObject({ ok: true, token: { id: record.id, role: 'viewer', engine: 'prod' } });
    expect(store.checkToken(token, t0 + 60_000)).toMatchObject({ ok: false, why: 'expired' });
    const forged = token.slice(0, -3) + 'AAA';
    expect(store.checkToken(forged, t0)).toMatchObject({ ok: false, why: 'unknown' });
    const other = new AuthStore(path);
    expect(other.revokeToken(record.id, 'bob', t0 + 2)).toBe(true);
    expect(other.revokeToken(record.id, 'bob', t0 + 3)).toBe(false);
    expect(store.checkToken(token, t0 + 4)).toMatchObject({ ok: false, why: 'revoked', token: { revokedBy: 'bob' } });
    raw.close(); other.close(); store.close();
  });

  it('notes a token\'s use at most once an hour, ends sessions, and pages the access log by actor', () => {
    const store = new AuthStore(fresh());
    const { record } = store.createToken({ name: 'ci', role: 'admin', engine: null, expiresAt: null, createdBy: 'x' }, 0);
    expect(store.noteTokenUse(record.id, 10)).toBe(true);
    expect(store.noteTokenUse(record.id, 20)).toBe(false);
    expect(store.noteTokenUse(record.id, 10 + 3_600_000)).toBe(true);
    store.startSession({ id: 's1', sub: 'u', name: 'ann', expiresAt: 5000 }, 1000);
    expect(store.sessionLive('s1', 2000)).toBe(true);
    expect(store.sessionLive('s1', 5000)).toBe(false);
    expect(store.endSession('s1', 2000)).toBe(true);
    expect(store.sessionLive('s1', 2001)).toBe(false);
    expect(store.sessionLive('nope', 2001)).toBe(false);
    for (let i = 0; i < 7; i++) store.log({ kind: i % 2 ? 'sign-in' : 'token-used', actor: { kind: 'user', id: `id-${i % 2}`, name: i % 2 ? 'ann' : 'ci' }, address: '10.0.0.1' }, i);
    expect(store.access({ actor: 'ann' }).map((e) => e.kind)).toEqual(['sign-in', 'sign-in', 'sign-in']);
    expect(store.access({ actor: 'id-0', kind: ['token-used'], limit: 2 })).toHaveLength(2);
    const first = store.access({ limit: 3 });
    expect(store.access({ before: first.at(-1)!.id, limit: 10 })).toHaveLength(4);
    store.close();
  });

  it('refuses a database that is not its own', () => {
    const path = fresh();
    const db = new Database(path);
    db.exec('CREATE TABLE other (x)');
    db.close();
    expect(() => new AuthStore(path)).toThrow(/not Switchyard's tokens and sessions/);
  });
});
