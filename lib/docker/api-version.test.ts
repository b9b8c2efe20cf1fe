import { describe, expect, it } from 'vitest';
import { CLIENT_MAX_API, compareApi, negotiateApiVersion } from './api-version';

describe('negotiateApiVersion', () => {
  it('speaks an older engine\'s own version (Debian docker.io 20.10)', () => {
    expect(negotiateApiVersion({ ApiVersion: '1.41', MinAPIVersion: '1.12' })).toBe('1.41');
  });
  it('caps at the newest version Switchyard knows', () => {
    expect(negotiateApiVersion({ ApiVersion: '1.60', MinAPIVersion: '1.44' })).toBe(CLIENT_MAX_API);
  });
  it('speaks a Docker 29 engine\'s version, above its 1.44 minimum', () => {
    expect(negotiateApiVersion({ ApiVersion: '1.52', MinAPIVersion: '1.44' })).toBe('1.52');
  });
  it('refuses engines older than 20.10 and engines whose minimum is above what it knows', () => {
    expect(() => negotiateApiVersion({ ApiVersion: '1.40' })).toThrow(/needs 1.41 or newer/);
    expect(() => negotiateApiVersion({ ApiVersion: '1.70', MinAPIVersion: '1.60' })).toThrow(/needs API 1.60/);
    expect(() => negotiateApiVersion({})).toThrow(/did not report/);
  });
  it('compares numerically, not as text', () => {
    expect(compareApi('1.9', '1.41')).toBeLessThan(0);
    expect(compareApi('1.41', '1.41')).toBe(0);
    expect(compareApi('2.0', '1.52')).toBeGreaterThan(0);
  });
});
