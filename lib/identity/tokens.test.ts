import { describe, expect, it } from 'vitest';
import { hashToken, newToken, parseLifetime, tokenId } from './tokens';

describe('API tokens', () => {
  it('are syt_<id>_<secret>, different each time, and hash to 64 hex digits', () => {
    const a = newToken();
    const b = newToken();
    expect(a.token).toMatch(/^syt_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(tokenId(a.token)).toBe(a.id);
    expect(a.token).not.toBe(b.token);
    expect(hashToken(a.token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(a.token)).not.toBe(hashToken(b.token));
    for (const bad of ['', 'syt_', 'Bearer syt_x', `${a.token}x`, a.token.replace('syt_', 'syx_')]) expect(tokenId(bad), bad).toBeNull();
  });

  it('lifetimes: minutes, hours, days or never; nothing else', () => {
    expect(parseLifetime('90m')).toEqual({ ms: 90 * 60_000 });
    expect(parseLifetime('12H')).toEqual({ ms: 12 * 3_600_000 });
    expect(parseLifetime('30d')).toEqual({ ms: 30 * 86_400_000 });
    expect(parseLifetime('never')).toEqual({ ms: null });
    for (const bad of ['0d', '1y', '-1d', '30', 'soon', '4000d']) expect(parseLifetime(bad), bad).toHaveProperty('problem');
  });
});
