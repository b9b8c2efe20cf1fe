// No web page can drive the Docker socket through Switchyard: the built app and the real
// engine, attacked the ways a hostile page or neighbour would. `docker network inspect`
// shows the engine unchanged after each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker } from '../integration/docker-cli';
import { raw, startExpectingRefusal, startServer, type AppServer } from '../helpers/app-server';
import { engineState } from '../helpers/engine-state';

const TOKEN = 'sy-test-token-4f9a8c2e7d1b6a35';
let app: AppServer;
let readOnly: AppServer;
let guarded: AppServer;
let before: string;
let labAtStart: string;
const P = () => app.port;
const own = () => ({ origin: `http://127.0.0.1:${P()}`, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' });
const connectBody = JSON.stringify({ container: 'tomcat02' });

beforeAll(async () => {
  [app, readOnly, guarded] = await Promise.all([
    startServer(3301, {}),
    startServer(3302, { SWITCHYARD_READ_ONLY: '1' }),
    startServer(3303, { SWITCHYARD_TOKEN: TOKEN }, '0.0.0.0'),
  ]);
  before = engineState();
  labAtStart = docker('ps', '-aq', '--filter', 'label=switchyard.lab=1');
});
afterAll(async () => {
  await Promise.all([app?.stop(), readOnly?.stop(), guarded?.stop()]);
});

describe('cross-site requests', () => {
  it('accepts the dashboard\'s own request shape (control)', async () => {
    const r = await raw(P(), 'POST', '/api/networks/mynet/connect', own(), JSON.stringify({ container: 'no-such-container-xyz' }));
    expect(r.status).toBe(404); // reached the route, which found no such container
  });

  it('refuses another origin, Origin null, and a cross-site fetch without Origin', async () => {
    const cases: [Record<string, string>, number, string][] = [
      [{ ...own(), origin: 'http://evil.example' }, 403, 'cross_origin'],
      [{ ...own(), origin: 'null' }, 403, 'cross_origin'],
      [{ ...own(), origin: `http://127.0.0.1:${P() + 1}` }, 403, 'cross_origin'],
      [{ 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }, 403, 'cross_site'],
      [{ 'content-type': 'application/json', 'sec-fetch-site': 'same-site' }, 403, 'cross_site'],
    ];
    for (const [headers, status, code] of cases) {
      for (const [method, path] of [['POST', '/api/networks/mynet/connect'], ['POST', '/api/networks/mynet/disconnect'], ['POST', '/api/networks'], ['DELETE', '/api/networks/mynet']] as const) {
        const r = await raw(P(), method, path, headers, method === 'DELETE' ? undefined : connectBody);
        expect(r.status, `${method} ${path} ${JSON.stringify(headers)}`).toBe(status);
        expect(r.json().error?.code).toBe(code);
      }
    }
    expect(engineState()).toBe(before);
  });

  it('refuses form and text content types (what a plain HTML form can send)', async () => {
    for (const ct of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain']) {
      const r = await raw(P(), 'POST', '/api/networks/mynet/connect', { ...own(), 'content-type': ct }, 'container=tomcat02');
      expect(r.status, ct).toBe(415);
    }
    expect(engineState()).toBe(before);
  });

  it('refuses a rebinding Host header on every path', async () => {
    for (const [method, path] of [['GET', '/'], ['GET', '/api/topology'], ['GET', '/api/events'], ['POST', '/api/networks/mynet/connect']] as const) {
      const r = await raw(P(), method, path, { ...own(), host: `attacker.example:${P()}`, origin: `http://attacker.example:${P()}` }, method === 'POST' ? connectBody : undefined);
      expect(r.status, path).toBe(421);
      expect(r.body).not.toContain('tomcat');
    }
    expect(engineState()).toBe(before);
  });
});

describe('malformed and hostile input', () => {
  it('refuses oversized and malformed bodies', async () => {
    const big = JSON.stringify({ container: 'tomcat02', aliases: Array(4000).fill('aaaaaaa') });
    expect((await raw(P(), 'POST', '/api/networks/mynet/connect', own(), big)).status).toBe(413);
    // The same body sent chunked, without a length: refused by the route's own bound.
    const chunked = await raw(P(), 'POST', '/api/networks/mynet/connect', { ...own(), 'transfer-encoding': 'chunked' }, big);
    expect(chunked.status).toBe(400);
    expect(chunked.json().error?.message).toMatch(/larger than 16384 bytes/);
    for (const body of ['{', 'null', '[]', '"x"', '{"container": 5}', '\u0000\u0001']) {
      const r = await raw(P(), 'POST', '/api/networks/mynet/connect', own(), body);
      expect(r.status, body).toBe(400);
    }
    expect(engineState()).toBe(before);
  });

  it('refuses path traversal and injection in every id and name', async () => {
    const evil = ['..%2F..%2Finfo', '..%2fcontainers%2ftomcat02%2fkill', '%2e%2e', 'x%3Fforce%3Dtrue', 'a%20b', '%24(id)', '%60id%60', 'x%00y', 'tomcat02%3Bls', '.hidden', '-rm', 'a'.repeat(300)];
    for (const id of evil) {
      for (const [method, path, body] of [
        ['GET', `/api/containers/${id}`, undefined],
        ['GET', `/api/networks/${id}`, undefined],
        ['DELETE', `/api/networks/${id}`, undefined],
        ['POST', `/api/networks/${id}/connect`, connectBody],
        ['POST', `/api/networks/${id}/disconnect`, connectBody],
      ] as const) {
        const r = await raw(P(), method, path, own(), body);
        // Refused (4xx), or normalized by the router to another of our own paths (3xx): never done, never a crash.
        expect(r.status >= 200 && r.status < 300, `${method} ${path} answered ${r.status}`).toBe(false);
        expect(r.status, `${method} ${path}`).toBeLessThan(500);
        if (r.status >= 300 && r.status < 400) expect(String(r.headers.location)).toMatch(/^\/api(\/|$)/);
      }
    }
    for (const container of ['../../info', '../containers/tomcat02/kill', 'tomcat02?force=1', 'tomcat02/../x', '$(id)', 'a\nb']) {
      const r = await raw(P(), 'POST', '/api/networks/mynet/connect', own(), JSON.stringify({ container }));
      expect(r.status, container).toBe(400);
    }
    expect(engineState()).toBe(before);
  });

  it('refuses invalid IPs and subnets', async () => {
    for (const ipv4 of ['999.1.1.1', '10.0.0', '10.0.0.1/24', 'fe80::1', '1.2.3.4; rm', '']) {
      const r = await raw(P(), 'POST', '/api/networks/mynet/connect', own(), JSON.stringify({ container: 'tomcat02', ipv4: ipv4 || 42 }));
      expect(r.status, ipv4).toBe(400);
    }
    for (const subnet of ['10.0.0.0/40', '10.0.0.0', 'banana', '300.0.0.0/8', '10.0.0.0/24/1']) {
      const r = await raw(P(), 'POST', '/api/networks', own(), JSON.stringify({ name: 'sy-evil', subnet }));
      expect(r.status, subnet).toBe(400);
    }
    expect(engineState()).toBe(before);
  });
});

describe('read-only mode', () => {
  it('refuses every change and still answers reads', async () => {
    const o = { ...own(), origin: `http://127.0.0.1:${readOnly.port}` };
    for (const [method, path, body] of [
      ['POST', '/api/networks/mynet/connect', connectBody],
      ['POST', '/api/networks/mynet/disconnect', JSON.stringify({ container: 'tomcat01' })],
      ['POST', '/api/networks', JSON.stringify({ name: 'sy-ro' })],
      ['DELETE', '/api/networks/mynet', undefined],
      ['POST', '/api/reachability/test', JSON.stringify({ from: 'tomcat01', to: 'tomcat02' })], // runs commands in containers
    ] as const) {
      const r = await raw(readOnly.port, method, path, o, body);
      expect(r.status, path).toBe(403);
      expect(r.json().error?.code).toBe('read_only');
    }
    expect((await raw(readOnly.port, 'GET', '/api/topology')).status).toBe(200);
    expect((await raw(readOnly.port, 'GET', '/api/reachability?from=tomcat01&to=tomcat02')).status, 'predictions are reads').toBe(200);
    expect((await raw(readOnly.port, 'GET', '/api/health')).json().readOnly).toBe(true);
    expect(engineState()).toBe(before);
  });
});

describe('beyond loopback', () => {
  it('refuses to start on a non-loopback address without a token, and says why', async () => {
    const r = await startExpectingRefusal(3304, { SWITCHYARD_TOKEN: '' }, '0.0.0.0');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('refusing to listen on 0.0.0.0 without an access token');
  });

  it('refuses to start on a bad setting, naming it and what is allowed', async () => {
    const r = await startExpectingRefusal(3305, { SWITCHYARD_READ_ONLY: 'perhaps', SWITCHYARD_CHECK_MS: '15s' }, '127.0.0.1');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('SWITCHYARD_READ_ONLY=perhaps is not a yes/no value (use 1 or 0');
    expect(r.stderr).toContain('SWITCHYARD_CHECK_MS=15s is not a number of milliseconds (a whole number, for example 15000)');
  });

  it('requires the token, by bearer header or login cookie', async () => {
    const p = guarded.port;
    expect((await raw(p, 'GET', '/api/topology')).status).toBe(401);
    const page = await raw(p, 'GET', '/');
    expect(page.status).toBe(307);
    expect(page.headers.location).toMatch(/\/login$/);
    expect((await raw(p, 'GET', '/api/topology', { authorization: 'Bearer wrong-token-wrong-token' })).status).toBe(401);
    expect((await raw(p, 'GET', '/api/topology', { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    const o = { origin: `http://127.0.0.1:${p}`, 'content-type': 'application/json' };
    expect((await raw(p, 'POST', '/api/login', o, JSON.stringify({ token: 'nope' }))).status).toBe(401);
    const login = await raw(p, 'POST', '/api/login', o, JSON.stringify({ token: TOKEN }));
    expect(login.status).toBe(200);
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(TOKEN);
    const session = cookie.split(';')[0]!;
    expect((await raw(p, 'GET', '/api/topology', { cookie: session })).status).toBe(200);
    // A cross-site page still cannot use the session (SameSite aside, Origin is checked).
    const cross = await raw(p, 'POST', '/api/networks/mynet/connect', { cookie: session, origin: 'http://evil.example', 'content-type': 'application/json' }, connectBody);
    expect(cross.status).toBe(403);
    expect(engineState()).toBe(before);
  });
});

describe('headers', () => {
  it('sends a CSP, no framing, nosniff and no cross-site referrer on every page', async () => {
    for (const path of ['/', '/api/health', '/login']) {
      const r = await raw(P(), 'GET', path);
      expect(r.headers['content-security-policy'], path).toMatch(/frame-ancestors 'none'/);
      expect(r.headers['content-security-policy']).toMatch(/default-src 'self'/);
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('same-origin');
      expect(r.headers['x-powered-by']).toBeUndefined();
    }
  });
});

it('leaves the lab as it found it', () => {
  expect(docker('ps', '-aq', '--filter', 'label=switchyard.lab=1')).toBe(labAtStart);
  expect(engineState()).toBe(before);
});
