import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from './env';

describe('the environment', () => {
  it('gives defaults for what is not set', () => {
    expect(parseEnv({})).toMatchObject({
      SWITCHYARD_HOST: null, SWITCHYARD_TOKEN: null, SWITCHYARD_READ_ONLY: false, SWITCHYARD_ALLOWED_HOSTS: [], SWITCHYARD_HOST_LINKS: true,
      SWITCHYARD_ENGINE_TIMEOUT_MS: 5000, SWITCHYARD_COALESCE_MS: 0, SWITCHYARD_CHECK_MS: 15_000, SWITCHYARD_RESYNC_MS: 600_000, SWITCHYARD_SSE_BACKLOG: 4 * 1024 * 1024,
      SWITCHYARD_TRAFFIC_CPU: 5, SWITCHYARD_PROC: '/proc',
    });
  });
  it('reads what is set', () => {
    expect(parseEnv({ SWITCHYARD_READ_ONLY: 'yes', SWITCHYARD_HOST_LINKS: 'off', SWITCHYARD_CHECK_MS: '0', SWITCHYARD_ALLOWED_HOSTS: ' dash.lan, 10.0.0.5 ,', SWITCHYARD_TOKEN: '  t  ' }))
      .toMatchObject({ SWITCHYARD_READ_ONLY: true, SWITCHYARD_HOST_LINKS: false, SWITCHYARD_CHECK_MS: 0, SWITCHYARD_ALLOWED_HOSTS: ['dash.lan', '10.0.0.5'], SWITCHYARD_TOKEN: 't' });
  });
  it('refuses a bad value, naming the variable and what is allowed, every one at once', () => {
    let err: unknown;
    try {
      parseEnv({ SWITCHYARD_CHECK_MS: 'soon', SWITCHYARD_READ_ONLY: 'maybe', SWITCHYARD_ENGINE_TIMEOUT_MS: '0' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/SWITCHYARD_CHECK_MS=soon is not a number of milliseconds \(a whole number, for example 15000\)/);
    expect(problems.join('\n')).toMatch(/SWITCHYARD_READ_ONLY=maybe is not a yes\/no value/);
    expect(problems.join('\n')).toMatch(/SWITCHYARD_ENGINE_TIMEOUT_MS=0 .* at least 1/);
  });
  it('takes the Traffic layer\'s CPU share and /proc, and refuses nonsense', () => {
    expect(parseEnv({ SWITCHYARD_TRAFFIC_CPU: '2.5', SWITCHYARD_PROC: '/host/proc' })).toMatchObject({ SWITCHYARD_TRAFFIC_CPU: 2.5, SWITCHYARD_PROC: '/host/proc' });
    expect(() => parseEnv({ SWITCHYARD_TRAFFIC_CPU: '0' })).toThrow(/SWITCHYARD_TRAFFIC_CPU=0 is not a share of one core \(a percentage from 0.1 to 100/);
    expect(() => parseEnv({ SWITCHYARD_TRAFFIC_CPU: 'lots' })).toThrow(/SWITCHYARD_TRAFFIC_CPU=lots/);
    expect(() => parseEnv({ SWITCHYARD_PROC: 'proc' })).toThrow(/SWITCHYARD_PROC must be an absolute path/);
  });
});
