import { describe, expect, it } from 'vitest';
import { atLeast, claimValues, grantsFor, parseRoleRules, roleOn } from './roles';

describe('roles', () => {
  it('parses value=role[@engine] rules and names a bad one', () => {
    expect(parseRoleRules('sre=admin, dev=operator@staging ,dev=viewer@prod,')).toEqual({ rules: [
      { value: 'sre', role: 'admin', engine: null },
      { value: 'dev', role: 'operator', engine: 'staging' },
      { value: 'dev', role: 'viewer', engine: 'prod' },
    ] });
    expect(parseRoleRules('')).toEqual({ rules: [] });
    for (const bad of ['sre=root', 'sre', '=admin', 'dev=operator@', 'dev=operator@bad name']) expect(parseRoleRules(bad), bad).toHaveProperty('problem');
  });

  it('gives the highest role of the grants that name the engine or none', () => {
    const rules = (parseRoleRules('sre=admin, dev=operator@staging, dev=viewer, qa=viewer@prod') as { rules: [] }).rules;
    const dev = grantsFor(['dev', 'other'], rules);
    expect(roleOn(dev, 'staging')).toBe('operator');
    expect(roleOn(dev, 'prod')).toBe('viewer');
    expect(roleOn(grantsFor(['qa'], rules), 'staging')).toBeNull();
    expect(roleOn(grantsFor(['qa'], rules), 'prod')).toBe('viewer');
    expect(roleOn(grantsFor(['sre', 'dev'], rules), 'staging')).toBe('admin');
    expect(grantsFor([], rules)).toEqual([]);
    expect(grantsFor(['Dev'], rules)).toEqual([]); // claim values match exactly
  });

  it('orders roles and reads a claim as a list or one string', () => {
    expect(atLeast('admin', 'operator')).toBe(true);
    expect(atLeast('viewer', 'operator')).toBe(false);
    expect(atLeast(null, 'viewer')).toBe(false);
    expect(claimValues(['a', 1, 'b'])).toEqual(['a', 'b']);
    expect(claimValues('a')).toEqual(['a']);
    expect(claimValues(undefined)).toEqual([]);
    expect(claimValues({ a: 1 })).toEqual([]);
  });
});
