import { describe, expect, it } from 'vitest';
import { isAuthorized, isPublicPath, sessionValue } from './auth';
import { hostFromArgv, readSecurityConfig, startupProblem } from './config';

const TOKEN = 'a-long-random-token-0123456789';

describe('access token', () => {
  it('accepts the bearer token or the session cookie, nothing else', () => {
    expect(isAuthorized(TOKEN, `Bearer ${TOKEN}`, null)).toBe(true);
    expect(isAuthorized(TOKEN, null, sessionValue(TOKEN))).toBe(true);
    expect(isAuthorized(TOKEN, 'Bearer wrong', null)).toBe(false);
    expect(isAuthorized(TOKEN, null, TOKEN)).toBe(false); // the cookie is a digest, not the token
    expect(isAuthorized(TOKEN, null, null)).toBe(false);
    expect(isAuthorized(TOKEN, `Basic ${TOKEN}`, null)).toBe(false);
  });
  it('leaves only the login page and assets public', () => {
    expect(isPublicPath('/login')).toBe(true);
    expect(isPublicPath('/api/login')).toBe(true);
    expect(isPublicPath('/_next/static/x.js')).toBe(true);
    expect(isPublicPath('/')).toBe(false);
    expect(isPublicPath('/api/topology')).toBe(false);
  });
});

describe('startup configuration', () => {
  it('listens on loopback by default and refuses other addresses without a token', () => {
    expect(startupProblem(readSecurityConfig({}))).toBeNull();
    expect(startupProblem(readSecurityConfig({ SWITCHYARD_HOST: '0.0.0.0' }))).toMatch(/refusing to listen on 0\.0\.0\.0 without an access token/);
    expect(startupProblem(readSecurityConfig({}, ['next', 'start', '-H', '192.168.1.5']))).toMatch(/refusing to listen on 192\.168\.1\.5/);
    expect(startupProblem(readSecurityConfig({ SWITCHYARD_TOKEN: TOKEN }, ['-H', '0.0.0.0']))).toBeNull();
    expect(startupProblem(readSecurityConfig({ SWITCHYARD_TOKEN: 'short' }))).toMatch(/too short/);
    expect(startupProblem(readSecurityConfig({}, ['--hostname=127.0.0.2']))).toBeNull();
  });
  it('reads the flags', () => {
    expect(hostFromArgv(['next', 'start', '--hostname', '::1'])).toBe('::1');
    expect(readSecurityConfig({ SWITCHYARD_READ_ONLY: '1' }).readOnly).toBe(true);
    expect(readSecurityConfig({ SWITCHYARD_READ_ONLY: '0' }).readOnly).toBe(false);
  });
});
