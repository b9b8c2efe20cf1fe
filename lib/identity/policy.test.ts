import { describe, expect, it } from 'vitest';
import { describeNeed, engineNamed, needOf } from './policy';

describe('the role each route needs', () => {
  it('reads need viewer, rewiring operator, the rest admin; sign-in is public', () => {
    expect(needOf('GET', '/api/topology')).toEqual({ kind: 'role', role: 'viewer', scope: 'engine' });
    expect(needOf('HEAD', '/api/traffic')).toMatchObject({ role: 'viewer' });
    expect(needOf('POST', '/api/networks/abc/connect')).toMatchObject({ role: 'operator' });
    expect(needOf('POST', '/api/networks/abc/disconnect')).toMatchObject({ role: 'operator' });
    expect(needOf('POST', '/api/activity/12/undo')).toMatchObject({ role: 'operator' });
    expect(needOf('POST', '/api/plans')).toMatchObject({ role: 'operator' });
    expect(needOf('POST', '/api/networks')).toMatchObject({ role: 'admin' });
    expect(needOf('DELETE', '/api/networks/abc')).toMatchObject({ role: 'admin' });
    expect(needOf('POST', '/api/reachability/test')).toMatchObject({ role: 'admin' });
    expect(needOf('POST', '/api/engines/prod/agent')).toMatchObject({ role: 'admin' });
    expect(needOf('GET', '/api/compose/write-back')).toMatchObject({ role: 'admin' });
    expect(needOf('GET', '/api/tokens')).toEqual({ kind: 'role', role: 'admin', scope: 'every-engine' });
    expect(needOf('GET', '/api/fleet/topology')).toEqual({ kind: 'role', role: 'viewer', scope: 'every-engine' });
    expect(needOf('GET', '/api/auth/callback')).toEqual({ kind: 'public' });
    expect(needOf('POST', '/api/login')).toEqual({ kind: 'public' });
    expect(needOf('GET', '/api/me')).toEqual({ kind: 'signed-in' });
    expect(needOf('GET', '/')).toEqual({ kind: 'signed-in' });
    expect(needOf('GET', '/login')).toEqual({ kind: 'public' });
  });

  it('a route nobody wrote in the table: viewer to read, admin to change', () => {
    expect(needOf('GET', '/api/something-new')).toMatchObject({ role: 'viewer' });
    expect(needOf('PATCH', '/api/something-new')).toMatchObject({ role: 'admin' });
    expect(needOf('POST', '/api/auth/callback')).toMatchObject({ role: 'admin' }); // only GET is public
  });

  it('the engine: the path names it, else ?engine=, else the current one', () => {
    expect(engineNamed('/api/engines/prod/agent', new URLSearchParams('engine=x'))).toBe('prod');
    expect(engineNamed('/api/topology', new URLSearchParams('engine=staging'))).toBe('staging');
    expect(engineNamed('/api/topology', new URLSearchParams(''))).toBeNull();
    expect(describeNeed({ kind: 'role', role: 'operator', scope: 'engine' }, 'prod')).toBe('operator on prod');
    expect(describeNeed({ kind: 'role', role: 'admin', scope: 'every-engine' }, 'x')).toBe('admin on every engine');
  });
});
