import { describe, expect, it } from 'vitest';
import { cookieOf, openFlow, openSession, safeNext, sealFlow, sealSession } from './session';

const SECRET = 'a'.repeat(40);
const now = () => Math.floor(Date.now() / 1000);

describe('sealed sign-in cookies', () => {
  it('a session opens with its secret only; a changed byte, another secret or another purpose opens nothing', async () => {
    const s = { sid: 'sid1', sub: 'u1', name: 'ann', values: ['sre'], exp: now() + 60 };
    const sealed = await sealSession(s, SECRET);
    expect(await openSession(sealed, SECRET)).toEqual(s);
    expect(sealed).not.toContain('ann');
    expect(await openSession(sealed, 'b'.repeat(40))).toBeNull();
    const parts = sealed.split('.');
    const text = Buffer.from(parts[3]!, 'base64url');
    text[0] = text[0]! ^ 1;
    expect(await openSession([...parts.slice(0, 3), text.toString('base64url'), parts[4]].join('.'), SECRET)).toBeNull();
    expect(await openSession('x.y.z', SECRET)).toBeNull();
    // A flow cookie is not a session, nor the other way round.
    const flow = await sealFlow({ state: 's', nonce: 'n', verifier: 'v', next: '/x' }, SECRET);
    expect(await openSession(flow, SECRET)).toBeNull();
    expect(await openFlow(sealed, SECRET)).toBeNull();
    expect(await openFlow(flow, SECRET)).toEqual({ state: 's', nonce: 'n', verifier: 'v', next: '/x' });
  });

  it('an expired session is told apart from a forged one', async () => {
    const sealed = await sealSession({ sid: 'sid1', sub: 'u1', name: 'ann', values: [], exp: now() - 1 }, SECRET);
    expect(await openSession(sealed, SECRET)).toBe('expired');
  });

  it('goes back only to a path on this site', () => {
    expect(safeNext('/engines?x=1')).toBe('/engines?x=1');
    for (const bad of ['https://evil.example', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '', null, undefined]) expect(safeNext(bad), String(bad)).toBe('/');
  });

  it('reads one cookie from a Cookie header', () => {
    expect(cookieOf('a=1; switchyard_user=x.y=z; b=2', 'switchyard_user')).toBe('x.y=z');
    expect(cookieOf('xswitchyard_user=1', 'switchyard_user')).toBeUndefined();
    expect(cookieOf(null, 'a')).toBeUndefined();
  });
});
