import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import { parseRef } from './validate';

describe('parseRef', () => {
  it('accepts engine names, ids and id prefixes', () => {
    for (const v of ['tomcat01', 'redis-3', 'my_net.v2', 'a', '3d379727e87a', 'f'.repeat(64)]) {
      expect(parseRef('container', v)).toBe(v);
    }
    expect(parseRef('container', '/tomcat01')).toBe('tomcat01');
  });
  it('refuses traversal, injection and empty input with a 400', () => {
    for (const v of ['../containers/x/kill', 'x/../../info', '..', '.hidden', '-rm', 'a b', 'a?force=1', 'a%2fb', '', 'x'.repeat(300), 'tomcat01;ls', 'ä']) {
      const run = () => parseRef('network', v);
      expect(run, v).toThrow(ApiError);
      try { run(); } catch (e) { expect((e as ApiError).status).toBe(400); }
    }
    expect(() => parseRef('network', 42)).toThrow(/required/);
  });
});
