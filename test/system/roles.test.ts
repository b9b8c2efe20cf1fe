// For every route and every role: the allowed calls work, the others get 403 naming the role
// and change nothing (the engine compared with a full read before and after). The routes and
// the role each needs come from the OpenAPI document (GET /api/openapi.json, made from the same
// table the proxy checks), so a route added later is in this test without anyone writing it in;
// a route the calls below do not know fails the test. Then tokens that are expired, revoked, or
// scoped to another engine. Real engine, real tokens (POST /api/tokens and auth.db), built app.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, removeTestObjects, TEST_LABEL } from '../integration/docker-cli';
import { raw, startServer, type AppServer, type RawResponse } from '../helpers/app-server';
import { engineState } from '../helpers/engine-state';
import { AuthStore } from '@/lib/auth/store';

const PORT = 3344;
const ADMIN = 'sy-roles-admin-token-7c1e9b3a5d';
const NET = 'sy-roles-net';
const A = 'sy-roles-a';
const B = 'sy-roles-b';
const ROLE_RANK = { viewer: 0, operator: 1, admin: 2 } as const;
type Role = keyof typeof ROLE_RANK;
let app: AppServer;
let dir: string;
/* eslint-disable @typescript-eslint/no-explicit-any -- the document is JSON */
let doc: any;
const tokens: Record<string, string> = {};

/** A token's secret: after `syt_<12 hex>_` (the secret is base64url, which has `_` in it too). */
const secretOf = (t: string) => t.slice('syt_'.length + 13);

const own = { origin: `http://127.0.0.1:${PORT}`, 'content-type': 'application/json' };
function ask(token: string, method: string, path: string, body?: unknown): Promise<RawResponse> {
  if (path.includes('/events')) return stream(token, path);
  return raw(PORT, method, path, { authorization: `Bearer ${token}`, ...(method === 'GET' ? {} : own) },
    method === 'GET' ? undefined : JSON.stringify(body ?? {}));
}
/** An event stream: its status and headers, then closed. */
async function stream(token: string, path: string): Promise<RawResponse> {
  const ac = new AbortController();
  const r = await fetch(`http://127.0.0.1:${PORT}${path}`, { headers: { authorization: `Bearer ${token}` }, signal: ac.signal });
  const body = r.headers.get('content-type')?.includes('json') ? await r.text() : '';
  ac.abort();
  return { status: r.status, headers: Object.fromEntries(r.headers), body, json: () => JSON.parse(body || '{}') };
}

/** The newest activity entry matching a query (the change answers do not carry it). */
const newest = async (q: string) => ((await ask(ADMIN, 'GET', `/api/activity?limit=1&${q}`)).json() as { entries: Array<{ id: number }> }).entries[0]!.id;
const connectEntry = async () => {
  const r = await ask(ADMIN, 'POST', `/api/networks/${NET}/connect`, { container: B });
  expect(r.status).toBe(200);
  return newest(`kind=connect&container=${B}`);
};
const disconnectB = () => { try { docker('network', 'disconnect', NET, B); } catch { /* not connected */ } };

interface Call {
  path: string;
  body?: unknown;
  /** Statuses an allowed call answers (the route's own answer for this input). */
  ok: number[];
  /** Makes what the call needs; answers the path and body if they depend on it. */
  setup?: () => Promise<Partial<Pick<Call, 'path' | 'body'>> | void> | Partial<Pick<Call, 'path' | 'body'>> | void;
  /** Takes back what an allowed call (or the setup) did. */
  cleanup?: () => void;
}

/** One call per operation in the document, by `METHOD template`. */
const CALLS: Record<string, Call> = {
  'GET /api/topology': { path: '/api/topology', ok: [200] },
  'GET /api/events': { path: '/api/events', ok: [200] },
  'GET /api/health': { path: '/api/health', ok: [200] },
  'GET /api/containers/{id}': { path: `/api/containers/${A}`, ok: [200] },
  'GET /api/networks/{id}': { path: `/api/networks/${NET}`, ok: [200] },
  'DELETE /api/networks/{id}': {
    path: '/api/networks/sy-roles-gone', ok: [200],
    setup: () => { docker('network', 'create', '--label', TEST_LABEL, 'sy-roles-gone'); },
    cleanup: () => { try { docker('network', 'rm', 'sy-roles-gone'); } catch { /* removed by the call */ } },
  },
  'POST /api/networks': {
    path: '/api/networks', body: { name: 'sy-roles-made', labels: { 'switchyard.test': '1' } }, ok: [201],
    cleanup: () => { try { docker('network', 'rm', 'sy-roles-made'); } catch { /* not made */ } },
  },
  'POST /api/networks/{id}/connect': { path: `/api/networks/${NET}/connect`, body: { container: B }, ok: [200], cleanup: disconnectB },
  'POST /api/networks/{id}/disconnect': {
    path: `/api/networks/${NET}/disconnect`, body: { container: B }, ok: [200],
    setup: () => { docker('network', 'connect', NET, B); }, cleanup: disconnectB,
  },
  'GET /api/reachability': { path: `/api/reachability?from=${A}&to=${B}`, ok: [200] },
  'GET /api/reachability/matrix': { path: `/api/reachability/matrix?containers=${A},${B}`, ok: [200] },
  'POST /api/reachability/test': { path: '/api/reachability/test', body: { from: A, to: B }, ok: [200] },
  'GET /api/traffic': { path: '/api/traffic', ok: [200] },
  'GET /api/traffic/history': { path: '/api/traffic/history?flow=none', ok: [200, 404] },
  'GET /api/addresses': { path: '/api/addresses', ok: [200] },
  'GET /api/exposure': { path: '/api/exposure', ok: [200] },
  'GET /api/compose/drift': { path: '/api/compose/drift', ok: [200] },
  // A container compose did not make: the route's own 400 says so (the write-back itself is tested in the compose suite).
  'GET /api/compose/write-back': { path: `/api/compose/write-back?container=${A}`, ok: [400] },
  'POST /api/compose/write-back': { path: '/api/compose/write-back', body: { container: A, base: '0'.repeat(64), result: '0'.repeat(64) }, ok: [400] },
  'POST /api/plans': { path: '/api/plans', body: { steps: [{ kind: 'connect', network: NET, container: B }] }, ok: [200], cleanup: disconnectB },
  'GET /api/openapi.json': { path: '/api/openapi.json', ok: [200] },
  'GET /api/engines': { path: '/api/engines', ok: [200] },
  'GET /api/fleet': { path: '/api/fleet', ok: [200] },
  'GET /api/fleet/topology': { path: '/api/fleet/topology', ok: [200] },
  'GET /api/fleet/events': { path: '/api/fleet/events', ok: [200] },
  'GET /api/activity': { path: '/api/activity', ok: [200] },
  'POST /api/activity/{id}/undo': {
    path: '', ok: [200],
    setup: async () => ({ path: `/api/activity/${await connectEntry()}/undo` }), cleanup: disconnectB,
  },
  'GET /api/activity/changes': { path: '/api/activity/changes?since=0', ok: [200] },
  'GET /api/engines/{name}/agent': { path: '/api/engines/default/agent', ok: [200] },
  // The agent is for remote engines: on this machine's the route refuses (409), after the role check.
  'POST /api/engines/{name}/agent': { path: '/api/engines/default/agent', ok: [409] },
  'DELETE /api/engines/{name}/agent': { path: '/api/engines/default/agent', ok: [200, 404, 409] },
  'GET /api/me': { path: '/api/me', ok: [200] },
  'POST /api/auth/logout': { path: '/api/auth/logout', ok: [200] },
  'GET /api/tokens': { path: '/api/tokens', ok: [200] },
  'POST /api/tokens': { path: '/api/tokens', body: { name: 'made-in-matrix', role: 'viewer', expires: '1h' }, ok: [201] },
  'DELETE /api/tokens/{id}': {
    path: '', ok: [200],
    setup: async () => {
      const r = await ask(ADMIN, 'POST', '/api/tokens', { name: 'to-revoke', role: 'viewer' });
      return { path: `/api/tokens/${(r.json() as { record: { id: string } }).record.id}` };
    },
  },
  'GET /api/access': { path: '/api/access', ok: [200] },
};

/**
 * The role each operation needs, as the issue gives them (viewer reads; operator connects,
 * disconnects, undoes, plans; admin creates and removes networks, runs things in containers,
 * the agent, compose write-back, tokens): written here, apart from the code's table.
 */
const EXPECTED: Record<string, string> = {
  'GET /api/topology': 'viewer',
  'GET /api/events': 'viewer',
  'GET /api/health': 'viewer',
  'GET /api/containers/{id}': 'viewer',
  'GET /api/networks/{id}': 'viewer',
  'DELETE /api/networks/{id}': 'admin',
  'POST /api/networks': 'admin',
  'POST /api/networks/{id}/connect': 'operator',
  'POST /api/networks/{id}/disconnect': 'operator',
  'GET /api/reachability': 'viewer',
  'GET /api/reachability/matrix': 'viewer',
  'POST /api/reachability/test': 'admin',
  'GET /api/traffic': 'viewer',
  'GET /api/traffic/history': 'viewer',
  'GET /api/addresses': 'viewer',
  'GET /api/exposure': 'viewer',
  'GET /api/compose/drift': 'viewer',
  'GET /api/compose/write-back': 'admin',
  'POST /api/compose/write-back': 'admin',
  'POST /api/plans': 'operator',
  'GET /api/openapi.json': 'viewer',
  'GET /api/engines': 'signed-in',
  'GET /api/fleet': 'viewer',
  'GET /api/fleet/topology': 'viewer',
  'GET /api/fleet/events': 'viewer',
  'GET /api/activity': 'viewer',
  'POST /api/activity/{id}/undo': 'operator',
  'GET /api/activity/changes': 'viewer',
  'GET /api/engines/{name}/agent': 'viewer',
  'POST /api/engines/{name}/agent': 'admin',
  'DELETE /api/engines/{name}/agent': 'admin',
  'GET /api/me': 'signed-in',
  'POST /api/auth/logout': 'signed-in',
  'GET /api/tokens': 'admin',
  'POST /api/tokens': 'admin',
  'DELETE /api/tokens/{id}': 'admin',
  'GET /api/access': 'admin',
  'POST /api/login': 'public',
  'GET /api/auth/login': 'public',
  'GET /api/auth/callback': 'public',
};

interface Op { key: string; method: string; role: Role | 'signed-in' | 'public'; scope: string | undefined }
const operations = (): Op[] => Object.entries(doc.paths).flatMap(([path, item]: [string, any]) =>
  Object.entries(item).map(([method, op]: [string, any]) => ({ key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), role: op['x-switchyard-role'], scope: op['x-switchyard-role-scope'] })));

/** Makes the call as `token`: answers its response, and the engine before and after. */
async function run(op: Op, token: string, engine?: string) {
  const call = CALLS[op.key]!;
  const made = (await call.setup?.()) ?? {};
  const path0 = made.path ?? call.path;
  const path = engine ? `${path0}${path0.includes('?') ? '&' : '?'}engine=${engine}` : path0;
  const before = engineState();
  const r = await ask(token, op.method, path, made.body ?? call.body);
  const after = engineState();
  call.cleanup?.();
  return { r, before, after };
}

beforeAll(async () => {
  removeTestObjects();
  dir = mkdtempSync(join(tmpdir(), 'switchyard-roles-'));
  writeFileSync(join(dir, 'engines.json'), JSON.stringify({ engines: [{ name: 'lab2', host: 'unix:///var/run/docker.sock', description: 'the lab engine by another name' }] }));
  app = await startServer(PORT, { SWITCHYARD_TOKEN: ADMIN, SWITCHYARD_ENGINES: join(dir, 'engines.json'), SWITCHYARD_DATA_DIR: join(dir, 'data'), SWITCHYARD_AUTH_FAILURES: '1000' });
  docker('network', 'create', '--label', TEST_LABEL, NET);
  for (const name of [A, B]) docker('run', '-d', '--label', TEST_LABEL, '--name', name, 'switchyard-lab/busybox:1', 'sh', '-c', "trap 'exit 0' TERM; while :; do sleep 3600 & wait $!; done");
  doc = JSON.parse((await raw(PORT, 'GET', '/api/openapi.json', { authorization: `Bearer ${ADMIN}` })).body);
  for (const [name, body] of Object.entries({
    viewer: { name: 'matrix-viewer', role: 'viewer' },
    operator: { name: 'matrix-operator', role: 'operator' },
    admin: { name: 'matrix-admin', role: 'admin' },
    'operator@lab2': { name: 'matrix-lab2', role: 'operator', engine: 'lab2' },
    revoked: { name: 'matrix-revoked', role: 'admin' },
  })) {
    const r = await ask(ADMIN, 'POST', '/api/tokens', body);
    expect(r.status, JSON.stringify(r.json())).toBe(201);
    tokens[name] = (r.json() as { token: string }).token;
  }
  const revokedId = /^syt_([0-9a-f]{12})_/.exec(tokens.revoked!)![1]!;
  expect((await ask(ADMIN, 'DELETE', `/api/tokens/${revokedId}`)).status).toBe(200);
  // An expired token, written to the server's own store as `npm run token` would.
  const store = new AuthStore(join(dir, 'data', 'auth.db'));
  tokens.expired = store.createToken({ name: 'matrix-expired', role: 'admin', engine: null, expiresAt: Date.now() - 1000, createdBy: 'test' }).token;
  store.close();
}, 180_000);
afterAll(async () => {
  await app?.stop();
  removeTestObjects();
  rmSync(dir, { recursive: true, force: true });
});

describe('every route, every role', () => {
  it('the document gives every operation a role, and this test has a call for each', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(30);
    for (const op of ops) {
      expect(op.role, `${op.key}'s role`).toBe(EXPECTED[op.key]);
      if (op.role !== 'public') expect(CALLS[op.key], `${op.key} has a call in CALLS`).toBeTruthy();
    }
    expect(ops.map((o) => o.key).sort()).toEqual(Object.keys(EXPECTED).sort());
    // Fleet, tokens and the access log span the server: the role is needed on every engine.
    for (const key of ['GET /api/fleet', 'GET /api/tokens', 'GET /api/access']) expect(ops.find((o) => o.key === key)?.scope).toBe('every-engine');
    expect(doc.components.securitySchemes).toMatchObject({ bearer: { type: 'http', scheme: 'bearer' }, signIn: { type: 'apiKey', in: 'cookie' } });
  });

  for (const role of ['viewer', 'operator', 'admin'] as const) {
    it(`${role}: allowed calls work; the others are 403 naming the role, and the engine is unchanged`, async () => {
      const seen: string[] = [];
      for (const op of operations().filter((o) => o.role !== 'public')) {
        const need = op.role === 'signed-in' ? 'viewer' : op.role;
        const allowed = ROLE_RANK[role] >= ROLE_RANK[need as Role];
        const { r, before, after } = await run(op, tokens[role]!);
        if (allowed) {
          expect(CALLS[op.key]!.ok, `${role} ${op.key}: ${r.status} ${r.body.slice(0, 300)}`).toContain(r.status);
        } else {
          expect(r.status, `${role} ${op.key}: ${r.body.slice(0, 200)}`).toBe(403);
          expect(r.json().error, op.key).toMatchObject({ code: 'forbidden', hint: `role needed: ${need}` });
          expect(after, `${role} ${op.key} changed the engine`).toBe(before);
        }
        seen.push(`${op.key} ${allowed ? 'allowed' : 'refused'}`);
      }
      expect(seen.length).toBe(operations().filter((o) => o.role !== 'public').length);
    });
  }

  it('an undo or a plan that needs more than the route: an operator may not undo a network\'s creation, nor run a plan that removes one', async () => {
    const made = await ask(ADMIN, 'POST', '/api/networks', { name: 'sy-roles-undo', labels: { 'switchyard.test': '1' } });
    expect(made.status).toBe(201);
    const id = await newest('kind=network-create&network=sy-roles-undo');
    const before = engineState();
    const undo = await ask(tokens.operator!, 'POST', `/api/activity/${id}/undo`);
    expect(undo.status).toBe(403);
    expect(undo.json().error).toMatchObject({ code: 'forbidden', hint: 'role needed: admin' });
    const plan = await ask(tokens.operator!, 'POST', '/api/plans', { steps: [{ kind: 'network-remove', network: 'sy-roles-undo' }] });
    expect(plan.status).toBe(403);
    expect(engineState()).toBe(before);
    // A dry run changes nothing: an operator may plan it.
    expect((await ask(tokens.operator!, 'POST', '/api/plans', { dryRun: true, steps: [{ kind: 'network-remove', network: 'sy-roles-undo' }] })).status).toBe(200);
    expect((await ask(tokens.admin!, 'POST', `/api/activity/${id}/undo`)).status).toBe(200);
    expect(docker('network', 'ls', '-q', '--filter', 'name=^sy-roles-undo$')).toBe('');
  });
});

describe('tokens that may not', () => {
  for (const which of ['expired', 'revoked'] as const) {
    it(`an ${which} token is refused (401) on every route, and changes nothing`, async () => {
      for (const op of operations().filter((o) => o.role !== 'public')) {
        const { r, before, after } = await run(op, tokens[which]!);
        expect(r.status, `${which} ${op.key}`).toBe(401);
        expect(r.json().error?.message, op.key).toContain(which === 'expired' ? 'has expired' : 'was revoked');
        expect(after, `${which} ${op.key} changed the engine`).toBe(before);
      }
    });
  }

  it('a token scoped to another engine is refused on this one (403), and works on its own', async () => {
    for (const op of operations().filter((o) => o.role !== 'public')) {
      const { r, before, after } = await run(op, tokens['operator@lab2']!);
      if (op.role === 'signed-in') {
        expect(CALLS[op.key]!.ok, `${op.key}`).toContain(r.status);
        continue;
      }
      expect(r.status, `lab2 token on default: ${op.key}`).toBe(403);
      expect(after).toBe(before);
    }
    const mine = await run({ key: 'POST /api/networks/{id}/connect', method: 'POST', role: 'operator', scope: 'engine' }, tokens['operator@lab2']!, 'lab2');
    expect(mine.r.status, mine.r.body).toBe(200);
    expect(mine.after).not.toBe(mine.before);
    const create = await run({ key: 'POST /api/networks', method: 'POST', role: 'admin', scope: 'engine' }, tokens['operator@lab2']!, 'lab2');
    expect(create.r.status).toBe(403);
    expect(create.after).toBe(create.before);
    // Who did what: the connect names the token.
    const entries = (await ask(ADMIN, 'GET', '/api/activity?engine=lab2&actor=matrix-lab2')).json().entries as Array<{ kind: string; origin: { actor: { kind: string; name: string } } }>;
    expect(entries[0]).toMatchObject({ kind: 'connect', origin: { actor: { kind: 'token', name: 'matrix-lab2' } } });
  });

  it('token use and refusals are in the access log, without the tokens', async () => {
    const r = await ask(ADMIN, 'GET', '/api/access?limit=500');
    const text = r.body;
    const entries = (r.json() as { entries: Array<{ kind: string; actor: { name: string } | null; detail: Record<string, unknown> }> }).entries;
    expect(entries.some((e) => e.kind === 'token-used' && e.actor?.name === 'matrix-viewer')).toBe(true);
    expect(entries.some((e) => e.kind === 'token-refused' && e.actor?.name === 'matrix-expired' && e.detail.why === 'expired')).toBe(true);
    expect(entries.some((e) => e.kind === 'token-refused' && e.actor?.name === 'matrix-revoked' && e.detail.why === 'revoked')).toBe(true);
    expect(entries.some((e) => e.kind === 'token-revoked' && e.detail.name === 'matrix-revoked')).toBe(true);
    for (const t of Object.values(tokens)) expect(text).not.toContain(secretOf(t));
    const list = await ask(ADMIN, 'GET', '/api/tokens');
    for (const t of Object.values(tokens)) expect(list.body).not.toContain(secretOf(t));
  });
});
