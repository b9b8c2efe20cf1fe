import { describe, expect, it } from 'vitest';
import { middleEllipsis, shownName, textWidth } from './text-fit';

describe('textWidth', () => {
  it('grows with the text and the font, bold wider', () => {
    expect(textWidth('redis-1', 15)).toBeGreaterThan(textWidth('redis', 15));
    expect(textWidth('redis', 30)).toBeCloseTo(2 * textWidth('redis', 15));
    expect(textWidth('mynet', 15, true)).toBeGreaterThan(textWidth('mynet', 15));
    // Arial's digits are 0.556 em, with the margin for wider faces.
    expect(textWidth('0000', 10)).toBeCloseTo(4 * 5.56 * 1.05);
  });
});

describe('middleEllipsis', () => {
  it('keeps what fits as it is', () => {
    expect(middleEllipsis('tomcat01', 180, 15)).toBe('tomcat01');
  });
  it('shortens in the middle to the width, keeping both ends', () => {
    const long = 'redis-cluster-staging-eu-west-1-node-number-6';
    const s = middleEllipsis(long, 180, 15);
    expect(textWidth(s, 15)).toBeLessThanOrEqual(180);
    expect(s).toContain('…');
    expect(s.startsWith('redis-')).toBe(true);
    expect(s.endsWith('-6')).toBe(true);
    expect(s.length).toBeLessThan(long.length);
    // As much as fits: one more character would not.
    expect(textWidth(s.replace('…', 'xx…'), 15)).toBeGreaterThan(180 - textWidth('x', 15));
  });
  it('gives an ellipsis alone when nothing fits', () => {
    expect(middleEllipsis('abcdef', 1, 15)).toBe('…');
  });
});

describe('shownName', () => {
  it("shows a swarm task as its service, slot and short task id", () => {
    expect(shownName('api.1.stk7el95bm7a3dhdgsl4id0fv')).toBe('api.1 · stk7el95bm7a');
    expect(shownName('agent.k2j3h4g5f6d7s8a9p0o1i2u3y.stk7el95bm7a3dhdgsl4id0fv')).toBe('agent.k2j3h4g5f6d7s8a9p0o1i2u3y · stk7el95bm7a');
  });
  it('leaves other names as they are', () => {
    for (const n of ['redis-1', 'redismod-local-net', 'a.b', 'web.1.short']) expect(shownName(n)).toBe(n);
  });
  it('cuts the task id shorter before the slot goes, then shortens the service in the middle', () => {
    const name = 'sy-e2e-svc.1.2l8ikkhxkyz1abcdefghijklm';
    const s = shownName(name, 180, 15);
    expect(s).toMatch(/^sy-e2e-svc\.1 · 2l8ikkhx?k?y?z?1?$/);
    expect(textWidth(s, 15)).toBeLessThanOrEqual(180);
    const long = shownName('a-very-long-service-name-indeed.12.2l8ikkhxkyz1abcdefghijklm', 180, 15);
    expect(long).toContain('…');
    expect(long.endsWith('.12')).toBe(true);
    expect(shownName('redis-cluster-staging-eu-west-1-node-number-6', 180, 15)).toBe(middleEllipsis('redis-cluster-staging-eu-west-1-node-number-6', 180, 15));
  });
});
