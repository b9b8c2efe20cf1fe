import { describe, expect, it } from 'vitest';
import { interpolate } from './interpolate';

const env: Record<string, string> = { NET: 'back', EMPTY: '', SUB: '10.9.0.0/24' };
const look = (n: string) => env[n];

describe('interpolate', () => {
  it.each([
    ['plain', 'plain', []],
    ['$NET', 'back', []],
    ['${NET}_x', 'back_x', []],
    ['$$NET', '$NET', []],
    ['${MISSING:-dflt}', 'dflt', [{ name: 'MISSING', defaulted: true }]],
    ['${EMPTY:-dflt}', 'dflt', []],
    ['${EMPTY-dflt}', '', []],
    ['${MISSING-${NET}}', 'back', [{ name: 'MISSING', defaulted: true }]],
    ['${NET:+yes}', 'yes', []],
    ['${EMPTY:+yes}', '', []],
    ['${EMPTY+yes}', 'yes', []],
    ['${MISSING}', '', [{ name: 'MISSING', defaulted: false }]],
    ['$MISSING', '', [{ name: 'MISSING', defaulted: false }]],
    ['${NET:?need it}', 'back', []],
    ['${MISSING:?need it}', '', [{ name: 'MISSING', defaulted: false }]],
    ['a ${SUB} b', 'a 10.9.0.0/24 b', []],
  ])('%s', (input, value, unset) => {
    const r = interpolate(input, look);
    expect(r.error).toBeNull();
    expect(r.value).toBe(value);
    expect(r.unset).toEqual(unset);
  });

  it.each(['${NET', '${}', '${1X}', '${NET:x}', 'cost $5'])('refuses %s in words', (input) => {
    const r = interpolate(input, look);
    expect(r.error).toMatch(/\$/);
    expect(r.value).toBe(input);
  });
});
