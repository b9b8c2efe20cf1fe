import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/config/env';
import { oidcFrom } from './oidc-config';

const base = {
  SWITCHYARD_OIDC_ISSUER: 'https://id.example.com/realms/ops',
  SWITCHYARD_OIDC_CLIENT_ID: 'switchyard',
  SWITCHYARD_OIDC_CLIENT_SECRET: 's3cret',
  SWITCHYARD_PUBLIC_URL: 'https://switchyard.example.com',
  SWITCHYARD_SESSION_SECRET: 'x'.repeat(32),
  SWITCHYARD_OIDC_ROLES: 'ops=admin, dev=viewer@prod',
};
const from = (env: Record<string, string>) => oidcFrom(parseEnv(env));

describe('sign-in settings', () => {
  it('none set: no sign-in; all set: the callback is on the public address', () => {
    expect(from({})).toEqual({ oidc: null });
    const r = from(base) as { oidc: { redirectUri: string; scopes: string; roleClaim: string; rules: unknown[]; sessionSeconds: number } };
    expect(r.oidc).toMatchObject({ redirectUri: 'https://switchyard.example.com/api/auth/callback', scopes: 'openid profile email', roleClaim: 'groups', sessionSeconds: 28_800 });
    expect(r.oidc.rules).toHaveLength(2);
  });

  it('refuses half a configuration, http beyond loopback, a short secret, a public address with a path, bad rules', () => {
    const problem = (over: Record<string, string>) => (from({ ...base, ...over }) as { problem?: string }).problem;
    expect(problem({ SWITCHYARD_PUBLIC_URL: '', SWITCHYARD_SESSION_SECRET: '' })).toBe('sign-in through OpenID Connect also needs SWITCHYARD_PUBLIC_URL, SWITCHYARD_SESSION_SECRET');
    expect(problem({ SWITCHYARD_OIDC_ISSUER: 'http://id.example.com' })).toMatch(/must be https/);
    expect(problem({ SWITCHYARD_OIDC_ISSUER: 'http://127.0.0.1:9000' })).toBeUndefined();
    expect(problem({ SWITCHYARD_OIDC_ISSUER: 'ftp://x' })).toMatch(/not an http\(s\) URL/);
    expect(problem({ SWITCHYARD_SESSION_SECRET: 'short' })).toMatch(/too short/);
    expect(problem({ SWITCHYARD_PUBLIC_URL: 'https://x.example.com/switchyard' })).toMatch(/no path/);
    expect(problem({ SWITCHYARD_OIDC_ROLES: 'ops=root' })).toMatch(/^SWITCHYARD_OIDC_ROLES: /);
  });
});
