/**
 * API tokens: `syt_<id>_<secret>`, 12 hex digits of id (shown in lists, used to revoke) and
 * 32 random bytes of secret. Only the SHA-256 of the whole token is kept: the secret has 256
 * bits of entropy, so a plain hash cannot be reversed by guessing and a slow hash would only
 * slow every request. Pure, apart from the randomness of newToken().
 */
import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_PREFIX = 'syt_';
const SHAPE = /^syt_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export function newToken(): { id: string; token: string } {
  const id = randomBytes(6).toString('hex');
  return { id, token: `${TOKEN_PREFIX}${id}_${randomBytes(32).toString('base64url')}` };
}

/** The token's id, if the text has a token's shape (null: not one of ours). */
export function tokenId(text: string): string | null {
  return SHAPE.exec(text)?.[1] ?? null;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * A lifetime such as `30d`, `12h`, `90m` or `never`, in ms (null: never). Answers a problem in
 * words for anything else, or a lifetime over ten years.
 */
export function parseLifetime(text: string): { ms: number | null } | { problem: string } {
  const s = text.trim().toLowerCase();
  if (s === 'never') return { ms: null };
  const m = /^(\d{1,6})\s*(m|h|d)$/.exec(s);
  if (!m) return { problem: `${JSON.stringify(text.slice(0, 20))} is not a lifetime: use minutes, hours or days (90m, 12h, 30d) or never` };
  const ms = Number(m[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'm' | 'h' | 'd'];
  if (ms === 0 || ms > 3650 * 86_400_000) return { problem: `a lifetime must be more than nothing and at most ten years (${text.slice(0, 20)})` };
  return { ms };
}
