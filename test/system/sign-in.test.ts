// Sign-in through a real OpenID Connect provider (oidc-provider, on loopback, started here) and
// the built app: the whole flow, roles from the provider's groups (per engine), a user with no
// role, a wrong issuer, a code issued to another client, a replayed code, a tampered cookie,
// sign-out, a session that expires, who did what, and the rate limit on failures.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, removeTestObjects, TEST_LABEL } from '../integration/docker-cli';
import { raw, startServer, type AppServer } from '../helpers/app-server';
import { CLIENT_ID, CLIENT_SECRET, startProvider, type TestProvider } from '../helpers/oidc-provider';
import { Jar, signIn } from '../helpers/sign-in';

const [MAIN, WRONG_ISSUER, SHORT] = [3341, 3342, 3343];
const origin = (port: number) => `http://127.0.0.1:${port}`;
const SECRET = 'sign-in-test-session-secret-0123456789abcdef';
let provider: TestProvider;
let app: AppServer;
let wrongIssuer: AppServer;
let short: AppServer;
let dir: string;
const NET = 'sy-signin-net';
const CTR = 'sy-signin-c';

const oidcEnv = (port: number, over: Record<string, string> = {}) => ({
  SWITCHYARD_OIDC_ISSUER: provider.issuer,
  SWITCHYARD_OIDC_CLIENT_ID: CLIENT_ID,
  SWITCHYARD_OIDC_CLIENT_SECRET: CLIENT_SECRET,
  SWITCHYARD_OIDC_SCOPES: 'openid profile email groups',
  SWITCHYARD_OIDC_ROLES: 'sre=admin, dev=operator@default, dev=viewer@lab2',
  SWITCHYARD_PUBLIC_URL: origin(port),
  SWITCHYARD_SESSION_SECRET: SECRET,
  SWITCHYARD_ENGINES: join(dir, 'engines.json'),
  ...over,
});

/** A request as the page would send it, with the jar's cookies for that server. */
const ask = (port: number, jar: Jar | string, method: string, path: string, body?: unknown) => raw(port, method, path, {
  cookie: typeof jar === 'string' ? jar : jar.header(origin(port)),
  ...(method === 'GET' ? {} : { origin: origin(port), 'content-type': 'application/json' }),
}, body === undefined ? (method === 'GET' ? undefined : '{}') : JSON.stringify(body));

const accessLog = async (port: number, adminJar: Jar, q = '') => (await ask(port, adminJar, 'GET', `/api/access${q}`)).json().entries as Array<{ kind: string; actor: { name: string } | null; detail: Record<string, unknown> }>;

let annJar: Jar;

beforeAll(async () => {
  removeTestObjects();
  dir = mkdtempSync(join(tmpdir(), 'switchyard-signin-'));
  writeFileSync(join(dir, 'engines.json'), JSON.stringify({ engines: [{ name: 'lab2', host: 'unix:///var/run/docker.sock', description: 'the lab engine by another name' }] }));
  provider = await startProvider([MAIN, WRONG_ISSUER, SHORT].map((p) => `${origin(p)}/api/auth/callback`));
  [app, wrongIssuer, short] = await Promise.all([
    // Failed checks are many here on purpose (tampered cookies, refused codes): the limit is tested on SHORT.
    startServer(MAIN, oidcEnv(MAIN, { SWITCHYARD_AUTH_FAILURES: '1000' })),
    // The provider's metadata names http://127.0.0.1:<port>; this server was told localhost.
    startServer(WRONG_ISSUER, oidcEnv(WRONG_ISSUER, { SWITCHYARD_OIDC_ISSUER: provider.issuer.replace('127.0.0.1', 'localhost') })),
    startServer(SHORT, oidcEnv(SHORT, { SWITCHYARD_SESSION_SECONDS: '10' })),
  ]);
  docker('network', 'create', '--label', TEST_LABEL, NET);
  docker('run', '-d', '--label', TEST_LABEL, '--name', CTR, 'switchyard-lab/busybox:1', 'sh', '-c', "trap 'exit 0' TERM; while :; do sleep 3600 & wait $!; done");
  annJar = (await signIn(origin(MAIN), 'ann', 'ann-pw')).jar;
}, 180_000);
afterAll(async () => {
  await Promise.all([app?.stop(), wrongIssuer?.stop(), short?.stop()]);
  await provider?.stop();
  removeTestObjects();
  rmSync(dir, { recursive: true, force: true });
});

describe('signing in', () => {
  it('a page asks for sign-in, and the whole flow ends where it began, signed in with the roles the groups give', async () => {
    const page = await raw(MAIN, 'GET', '/engines?x=1');
    expect(page.status).toBe(307);
    expect(page.headers.location).toBe(`/login?next=${encodeURIComponent('/engines?x=1')}`);
    expect((await raw(MAIN, 'GET', '/api/topology')).status).toBe(401);

    const bob = await signIn(origin(MAIN), 'bob', 'bob-pw', { next: '/engines?x=1' });
    expect(bob.landed).toBe('/engines?x=1');
    const cookie = bob.jar.get(origin(MAIN), 'switchyard_user')!;
    expect(cookie.split('.')).toHaveLength(5); // a JWE: header, key (empty: dir), iv, text, tag
    expect(Buffer.from(cookie.split('.')[3]!, 'base64url').toString('latin1')).not.toContain('bob');
    const me = await ask(MAIN, bob.jar, 'GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.json()).toMatchObject({ principal: { kind: 'user', name: 'bob' }, roles: expect.arrayContaining([{ engine: 'default', role: 'operator' }, { engine: 'lab2', role: 'viewer' }]), signIn: { oidc: true, token: false } });
    const ann = await ask(MAIN, annJar, 'GET', '/api/me');
    expect(ann.json().roles).toEqual(expect.arrayContaining([{ engine: 'default', role: 'admin' }, { engine: 'lab2', role: 'admin' }]));
    const log = await accessLog(MAIN, annJar, '?actor=bob&kind=sign-in');
    expect(log[0]).toMatchObject({ kind: 'sign-in', actor: { name: 'bob' }, detail: { roles: ['operator@default', 'viewer@lab2'] } });
    expect(JSON.stringify(await accessLog(MAIN, annJar))).not.toMatch(/bob-pw|ann-pw|code=|syt_/);
  });

  it('per engine: bob may connect on default, only look on lab2; the 403 names the role', async () => {
    const bob = (await signIn(origin(MAIN), 'bob', 'bob-pw')).jar;
    const on = await ask(MAIN, bob, 'POST', `/api/networks/${NET}/connect`, { container: CTR });
    expect(on.status).toBe(200);
    const before = docker('network', 'inspect', NET);
    const refused = await ask(MAIN, bob, 'POST', `/api/networks/${NET}/disconnect?engine=lab2`, { container: CTR });
    expect(refused.status).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'forbidden', hint: 'role needed: operator' });
    expect(refused.json().error!.message).toContain('bob is viewer there');
    expect(docker('network', 'inspect', NET)).toBe(before);
    expect((await ask(MAIN, bob, 'GET', '/api/topology?engine=lab2')).status).toBe(200);
    const create = await ask(MAIN, bob, 'POST', '/api/networks', { name: 'sy-signin-no' });
    expect(create.status).toBe(403);
    expect(create.json().error).toMatchObject({ hint: 'role needed: admin' });
    // Who did what: the entry names bob, and the activity filters by him.
    const mine = (await ask(MAIN, annJar, 'GET', '/api/activity?actor=bob')).json().entries as Array<{ kind: string; origin: { via: string; actor: { kind: string; name: string } } }>;
    expect(mine[0]).toMatchObject({ kind: 'connect', origin: { via: 'sign-in', actor: { kind: 'user', name: 'bob' } } });
    expect(mine.every((e) => e.origin.actor.name === 'bob')).toBe(true);
    expect(((await ask(MAIN, annJar, 'GET', '/api/activity?actor=nobody-at-all')).json().entries as unknown[])).toEqual([]);
    expect((await ask(MAIN, bob, 'POST', `/api/networks/${NET}/disconnect`, { container: CTR })).status).toBe(200);
  });

  it('a user with no role is not signed in, and is told why', async () => {
    const r = await signIn(origin(MAIN), 'nobody', 'nobody-pw');
    expect(r.landed).toMatch(/^\/login\?error=/);
    expect(decodeURIComponent(r.landed)).toContain('nobody signed in, but has no role here');
    expect(r.jar.get(origin(MAIN), 'switchyard_user')).toBeUndefined();
    expect((await ask(MAIN, r.jar, 'GET', '/api/me')).status).toBe(401);
    const log = await accessLog(MAIN, annJar, '?kind=sign-in-failed&actor=nobody');
    expect(log[0]).toMatchObject({ kind: 'sign-in-failed', actor: { name: 'nobody' } });
  });

  it('a provider whose metadata names another issuer is refused before anyone is sent to it', async () => {
    const r = await raw(WRONG_ISSUER, 'GET', '/api/auth/login');
    expect(r.status).toBe(303);
    const to = new URL(String(r.headers.location));
    expect(to.origin + to.pathname).toBe(`${origin(WRONG_ISSUER)}/login`);
    expect(to.searchParams.get('error')).toMatch(/could not be reached or read: .*issuer/i);
    expect(r.headers['set-cookie']).toBeUndefined();
  });

  it('a code the provider issued to another client (another audience) is refused', async () => {
    const r = await signIn(origin(MAIN), 'ann', 'ann-pw', { authUrl: (u) => u.searchParams.set('client_id', 'other') });
    expect(r.callback).toContain('code=');
    expect(r.landed).toMatch(/^\/login\?error=/);
    expect(decodeURIComponent(r.landed)).toMatch(/the sign-in was refused: .*the provider said invalid_grant/);
    expect(r.jar.get(origin(MAIN), 'switchyard_user')).toBeUndefined();
  });

  it('a code used once is refused the second time, with or without the sign-in cookie', async () => {
    const first = await signIn(origin(MAIN), 'bob', 'bob-pw');
    expect(first.landed).toBe('/');
    const path = first.callback!.slice(origin(MAIN).length);
    // The whole request again, flow cookie and all: the provider refuses the used code.
    const again = await raw(MAIN, 'GET', path, { cookie: `switchyard_oidc=${first.flowCookie}` });
    expect(again.status).toBe(303);
    expect(decodeURIComponent(String(again.headers.location))).toMatch(/the sign-in was refused: .*the provider said invalid_grant/);
    expect(String(again.headers['set-cookie'] ?? '')).not.toContain('switchyard_user=ey');
    // As the browser would (the callback cleared its cookie): not started here.
    const bare = await raw(MAIN, 'GET', path);
    expect(decodeURIComponent(String(bare.headers.location))).toContain('this sign-in was not started here');
  });

  it('a tampered session cookie opens nothing', async () => {
    const { jar } = await signIn(origin(MAIN), 'bob', 'bob-pw');
    const good = jar.get(origin(MAIN), 'switchyard_user')!;
    expect((await ask(MAIN, `switchyard_user=${good}`, 'GET', '/api/me')).status).toBe(200);
    const parts = good.split('.');
    const text = Buffer.from(parts[3]!, 'base64url');
    text[3] = text[3]! ^ 0x01;
    const flipped = [...parts.slice(0, 3), text.toString('base64url'), parts[4]].join('.');
    for (const bad of [flipped, good.slice(0, -2) + (good.endsWith('AA') ? 'AB' : 'AA'), 'not-a-jwe', good.replace(/^[^.]+/, Buffer.from('{"alg":"none"}').toString('base64url'))]) {
      const r = await ask(MAIN, `switchyard_user=${bad}`, 'GET', '/api/me');
      expect(r.status, bad.slice(0, 40)).toBe(401);
      expect((await raw(MAIN, 'GET', '/', { cookie: `switchyard_user=${bad}` })).status).toBe(307);
    }
  });

  it('sign-out ends the session on the server: the same cookie is refused afterwards', async () => {
    const { jar } = await signIn(origin(MAIN), 'bob', 'bob-pw');
    const kept = jar.get(origin(MAIN), 'switchyard_user')!;
    const out = await ask(MAIN, jar, 'POST', '/api/auth/logout');
    expect(out.status).toBe(200);
    expect(String(out.headers['set-cookie'])).toMatch(/switchyard_user=;.*Max-Age=0/);
    expect((await ask(MAIN, `switchyard_user=${kept}`, 'GET', '/api/me')).status).toBe(401);
    expect((await accessLog(MAIN, annJar, '?kind=sign-out&actor=bob'))[0]).toMatchObject({ kind: 'sign-out', actor: { name: 'bob' } });
  });
});

describe('a short session (SWITCHYARD_SESSION_SECONDS=10)', () => {
  it('works, then expires', async () => {
    const { jar } = await signIn(origin(SHORT), 'bob', 'bob-pw');
    expect((await ask(SHORT, jar, 'GET', '/api/me')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 11_000));
    const r = await ask(SHORT, jar, 'GET', '/api/me');
    expect(r.status).toBe(401);
    expect((await raw(SHORT, 'GET', '/', { cookie: jar.header(origin(SHORT)) })).headers.location).toBe('/login');
  });

  it('failed checks from one address are limited: 429 with Retry-After, for tokens and sign-ins alike', async () => {
    const { jar } = await signIn(origin(SHORT), 'ann', 'ann-pw');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await raw(SHORT, 'GET', '/api/me', { authorization: `Bearer wrong-${i}` })).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    const limited = await raw(SHORT, 'GET', '/api/me', { authorization: 'Bearer wrong' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    const start = await raw(SHORT, 'GET', '/api/auth/login');
    expect(decodeURIComponent(String(start.headers.location))).toContain('too many failed sign-ins from here');
    // A session is not a guess: it still works.
    expect((await ask(SHORT, jar, 'GET', '/api/me')).status).toBe(200);
  });
});
