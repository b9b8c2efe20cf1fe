// The API's contract, checked against the built app on the lab engine: GET /api/openapi.json
// is a valid OpenAPI 3.1 document, it declares every route under app/api, and every answer
// the routes really give (successes and errors, through the proxy too) matches the schema the
// document gives for its path, method and status.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, removeTestObjects, TEST_LABEL } from '../integration/docker-cli';
import { raw, startServer, type AppServer, type RawResponse } from '../helpers/app-server';
import { ComposeProject } from '../helpers/compose-project';

/* eslint-disable @typescript-eslint/no-explicit-any -- the document is JSON */
let app: AppServer;
let doc: any;
const ajv = new Ajv2020({ strict: false, allErrors: true });
const P = () => app.port;
const own = () => ({ origin: `http://127.0.0.1:${P()}`, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' });
const NET = 'sy-contract-net';
const checked = new Set<string>();

beforeAll(async () => {
  removeTestObjects();
  app = await startServer(3331, {});
  const r = await raw(P(), 'GET', '/api/openapi.json');
  expect(r.status).toBe(200);
  doc = JSON.parse(r.body);
  ajv.addSchema(doc, 'openapi');
});
afterAll(async () => {
  await app?.stop();
  removeTestObjects();
});

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** Checks an answer against the document: its status is declared for the route, and its JSON body matches that status's schema. */
function conforms(template: string, method: string, r: RawResponse) {
  const op = doc.paths[template]?.[method.toLowerCase()];
  expect(op, `${method} ${template} is in the document`).toBeTruthy();
  const declared = op.responses[String(r.status)];
  expect(declared, `${method} ${template} answers ${r.status}, which the document declares (${Object.keys(op.responses).join(', ')})`).toBeTruthy();
  checked.add(`${method} ${template} ${r.status}`);
  if (r.status === 304 || !declared.content) return;
  const type = String(r.headers['content-type'] ?? '').split(';')[0]!;
  expect(Object.keys(declared.content), `${method} ${template} ${r.status} content type`).toContain(type);
  if (type !== 'application/json') return;
  const validate = ajv.compile({ $ref: `openapi#/${pointer('paths', template, method.toLowerCase(), 'responses', String(r.status), 'content', type, 'schema')}` });
  const ok = validate(JSON.parse(r.body));
  expect(ok, `${method} ${template} ${r.status}: ${ajv.errorsText(validate.errors)}\n${r.body.slice(0, 400)}`).toBe(true);
}

describe('the document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(doc);
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(doc.components.securitySchemes)).toEqual(expect.arrayContaining(['bearer']));
    expect(doc.components.schemas.Error).toBeTruthy();
  });

  it('declares every route under app/api, with each method it exports', async () => {
    const root = join(process.cwd(), 'app/api');
    const files: string[] = [];
    const walk = (d: string) => readdirSync(d).forEach((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : f === 'route.ts' && files.push(join(d, f))));
    walk(root);
    expect(files.length).toBeGreaterThanOrEqual(9);
    for (const f of files) {
      const path = `/api/${relative(root, f).replace(/\/?route\.ts$/, '').replace(/\[(\w+)\]/g, '{$1}')}`;
      const mod = await import(f);
      const methods = ['GET', 'POST', 'DELETE', 'PUT', 'PATCH'].filter((m) => typeof mod[m] === 'function');
      expect(methods.length, path).toBeGreaterThan(0);
      for (const m of methods) expect(doc.paths[path]?.[m.toLowerCase()], `${m} ${path} is documented`).toBeTruthy();
    }
  });
});

describe('real answers on the lab engine match it', () => {
  it('reads: topology (plain, 304, gzip), health, a container, a network, and their errors', async () => {
    const topo = await raw(P(), 'GET', '/api/topology');
    conforms('/api/topology', 'GET', topo);
    const body = JSON.parse(topo.body);
    expect(body.containers.length).toBe(docker('ps', '-aq').split('\n').filter(Boolean).length);
    conforms('/api/topology', 'GET', await raw(P(), 'GET', '/api/topology', { 'if-none-match': String(topo.headers.etag) }));
    conforms('/api/topology', 'GET', await raw(P(), 'GET', '/api/topology?encoding=zip'));
    conforms('/api/health', 'GET', await raw(P(), 'GET', '/api/health'));
    conforms('/api/engines', 'GET', await raw(P(), 'GET', '/api/engines'));
    conforms('/api/fleet', 'GET', await raw(P(), 'GET', '/api/fleet'));
    const agent = await raw(P(), 'GET', '/api/engines/default/agent');
    expect(agent.status).toBe(200);
    expect(agent.json()).toMatchObject({ engine: 'default', local: true, state: 'none' });
    conforms('/api/engines/{name}/agent', 'GET', agent);
    conforms('/api/engines/{name}/agent', 'GET', await raw(P(), 'GET', '/api/engines/no-such-engine/agent'));
    const fleet = await raw(P(), 'GET', '/api/fleet/topology');
    conforms('/api/fleet/topology', 'GET', fleet);
    conforms('/api/fleet/topology', 'GET', await raw(P(), 'GET', '/api/fleet/topology', { 'if-none-match': String(fleet.headers.etag) }));
    conforms('/api/fleet/events', 'GET', await raw(P(), 'GET', '/api/fleet/events?traffic=2000'));
    for (const path of ['/api/topology', '/api/health', '/api/containers/{id}']) {
      const r = await raw(P(), 'GET', `${path.replace('{id}', 'tomcat01')}?engine=no-such-engine`);
      expect(r.status, path).toBe(404);
      conforms(path, 'GET', r);
    }
    conforms('/api/containers/{id}', 'GET', await raw(P(), 'GET', '/api/containers/tomcat01?engine=default'));
    for (const c of ['tomcat01', 'redis-3', 'tomcat-net-01-sidecar', 'host-agent']) conforms('/api/containers/{id}', 'GET', await raw(P(), 'GET', `/api/containers/${c}`));
    for (const n of ['bridge', 'host', 'none', 'redis', 'lab-internal']) conforms('/api/networks/{id}', 'GET', await raw(P(), 'GET', `/api/networks/${n}`));
    conforms('/api/containers/{id}', 'GET', await raw(P(), 'GET', '/api/containers/no-such-container'));
    conforms('/api/containers/{id}', 'GET', await raw(P(), 'GET', '/api/containers/..%2F..%2Finfo'));
    conforms('/api/networks/{id}', 'GET', await raw(P(), 'GET', '/api/networks/no-such-net'));
    conforms('/api/topology', 'GET', await raw(P(), 'GET', '/api/topology', { host: 'attacker.example' }));
    conforms('/api/openapi.json', 'GET', await raw(P(), 'GET', '/api/openapi.json'));
    for (const q of ['from=ports-client&to=ports-target', 'from=redisinsight-redisinsight-1&to=redismod-redismod-1&port=6379', 'from=host-agent&to=tomcat01', 'from=no-such-container&to=tomcat01', 'from=tomcat01&to=tomcat02&port=70000', 'from=tomcat01']) {
      conforms('/api/reachability', 'GET', await raw(P(), 'GET', `/api/reachability?${q}`));
    }
    for (const q of ['network=lab-ports&port=8080', 'project=redisinsight', 'containers=tomcat01,tomcat02,tomcat03', 'network=lab-ports&project=x', 'network=no-such-net']) {
      conforms('/api/reachability/matrix', 'GET', await raw(P(), 'GET', `/api/reachability/matrix?${q}`));
    }
    const probe = (body: unknown, headers = own()) => raw(P(), 'POST', '/api/reachability/test', headers, JSON.stringify(body));
    conforms('/api/reachability/test', 'POST', await probe({ from: 'ports-bare', to: 'ports-target', port: 8080 }));
    conforms('/api/reachability/test', 'POST', await probe({ from: 'ports-client', to: 'ports-target', port: 'x' }));
    for (const k of ['GET /api/reachability 200', 'GET /api/reachability 400', 'GET /api/reachability 404', 'GET /api/reachability/matrix 200', 'GET /api/reachability/matrix 400', 'POST /api/reachability/test 200', 'POST /api/reachability/test 400']) expect([...checked]).toContain(k);
  });

  it('traffic: the flows, a flow\'s history, and their errors', async () => {
    for (const q of ['', 'container=tomcat01', 'network=mynet&interval=1000', 'interval=5', 'container=no-such-container', 'bogus=1']) {
      conforms('/api/traffic', 'GET', await raw(P(), 'GET', `/api/traffic${q ? `?${q}` : ''}`));
    }
    const t = JSON.parse((await raw(P(), 'GET', '/api/traffic')).body) as { basis: string; flows: { id: string }[] };
    expect(t.basis).not.toBe('none');
    conforms('/api/traffic/history', 'GET', await raw(P(), 'GET', '/api/traffic/history?flow=flow%3Anone'));
    conforms('/api/traffic/history', 'GET', await raw(P(), 'GET', '/api/traffic/history'));
    if (t.flows[0]) conforms('/api/traffic/history', 'GET', await raw(P(), 'GET', `/api/traffic/history?flow=${encodeURIComponent(t.flows[0].id)}`));
    for (const k of ['GET /api/traffic 200', 'GET /api/traffic 400', 'GET /api/traffic/history 404', 'GET /api/traffic/history 400']) expect([...checked]).toContain(k);
  });

  it('the host\'s side: exposure, the address plan and compose drift, and their errors', async () => {
    for (const q of ['', 'container=tomcat01', 'container=no-such-container', 'bogus=1']) {
      conforms('/api/exposure', 'GET', await raw(P(), 'GET', `/api/exposure${q ? `?${q}` : ''}`));
    }
    for (const q of ['', 'subnet=10.204.0.0%2F24', 'subnet=10.0.0.0%2F33', 'subnet=fd00%3A1%3A%3A%2F64', 'colour=red']) {
      conforms('/api/addresses', 'GET', await raw(P(), 'GET', `/api/addresses${q ? `?${q}` : ''}`));
    }
    for (const q of ['', 'project=redismod', 'container=tomcat01', 'project=Bad_Name', 'bogus=1']) {
      conforms('/api/compose/drift', 'GET', await raw(P(), 'GET', `/api/compose/drift${q ? `?${q}` : ''}`));
    }
    const e = JSON.parse((await raw(P(), 'GET', '/api/exposure')).body) as { firewall: { read: boolean }; ports: unknown[] };
    expect(e.firewall.read).toBe(true);
    expect(e.ports.length).toBeGreaterThan(0);
    for (const k of ['GET /api/exposure 200', 'GET /api/exposure 400', 'GET /api/addresses 200', 'GET /api/addresses 400', 'GET /api/compose/drift 200', 'GET /api/compose/drift 400']) expect([...checked]).toContain(k);
  });

  it('compose write-back: the diff, its application, and their refusals', async () => {
    const shop = new ComposeProject('sycontract', { 'compose.yml': `services:\n  app:\n    image: switchyard-lab/busybox:1\n    command: ["sleep", "86400"]\n    labels: ["${TEST_LABEL}"]\n` });
    try {
      shop.run('up', '-d');
      docker('network', 'create', '--label', TEST_LABEL, `${NET}-wb`);
      docker('network', 'connect', `${NET}-wb`, shop.container('app'));
      const get = (q: string) => raw(P(), 'GET', `/api/compose/write-back?${q}`);
      const post = (body: unknown) => raw(P(), 'POST', '/api/compose/write-back', own(), JSON.stringify(body));
      const p = await get(`container=${shop.container('app')}`);
      conforms('/api/compose/write-back', 'GET', p);
      expect(p.status).toBe(200);
      const { base, result } = JSON.parse(p.body) as { base: string; result: string };
      for (const q of ['container=tomcat01', 'container=no-such-container', `container=${shop.container('app')}&file=/etc/hosts`, 'bogus=1']) conforms('/api/compose/write-back', 'GET', await get(q));
      conforms('/api/compose/write-back', 'POST', await post({ container: shop.container('app'), base: 'f'.repeat(64), result }));
      conforms('/api/compose/write-back', 'POST', await post({ container: shop.container('app'), base: 'nope', result }));
      const done = await post({ container: shop.container('app'), base, result });
      conforms('/api/compose/write-back', 'POST', done);
      expect(done.status, done.body).toBe(200);
      for (const k of ['GET /api/compose/write-back 200', 'GET /api/compose/write-back 400', 'GET /api/compose/write-back 404', 'POST /api/compose/write-back 200', 'POST /api/compose/write-back 400', 'POST /api/compose/write-back 409']) expect([...checked]).toContain(k);
    } finally {
      shop.remove();
    }
  });

  it('plans: a dry run, an applied plan, one that stops, and bad bodies', async () => {
    const post = (body: unknown) => raw(P(), 'POST', '/api/plans', own(), JSON.stringify(body));
    const steps = [{ kind: 'network-create', name: `${NET}-plan`, labels: { 'switchyard.test': '1' } }, { kind: 'connect', network: `${NET}-plan`, container: 'tomcat01' }];
    conforms('/api/plans', 'POST', await post({ steps, dryRun: true }));
    const done = await post({ steps });
    conforms('/api/plans', 'POST', done);
    expect(JSON.parse(done.body).applied).toBe(true);
    conforms('/api/plans', 'POST', await post({ steps: [{ kind: 'disconnect', network: `${NET}-plan`, container: 'tomcat01' }, { kind: 'network-remove', network: `${NET}-plan` }] }));
    conforms('/api/plans', 'POST', await post({ steps: [{ kind: 'network-remove', network: 'bridge' }] }));
    conforms('/api/plans', 'POST', await post({ steps: [{ kind: 'reboot' }] }));
    for (const k of ['POST /api/plans 200', 'POST /api/plans 409', 'POST /api/plans 400']) expect([...checked]).toContain(k);
  });

  it('changes: create, connect, disconnect, remove, and each kind of refusal', async () => {
    const post = (path: string, body: unknown, headers = own()) => raw(P(), 'POST', path, headers, JSON.stringify(body));
    const created = await post('/api/networks', { name: NET, subnet: '10.231.11.0/24', labels: { [TEST_LABEL.split('=')[0]!]: '1' } });
    expect(created.status).toBe(201);
    conforms('/api/networks', 'POST', created);
    conforms('/api/networks', 'POST', await post('/api/networks', { name: NET }));
    conforms('/api/networks', 'POST', await post('/api/networks', { name: 'bad name' }));
    conforms('/api/networks', 'POST', await post('/api/networks', { name: 'x' }, { ...own(), origin: 'http://evil.example' }));
    conforms('/api/networks', 'POST', await post('/api/networks', { name: 'x' }, { ...own(), 'content-type': 'text/plain' }));
    const connected = await post(`/api/networks/${NET}/connect`, { container: 'tomcat02', aliases: ['web'], ipv4: '10.231.11.9' });
    expect(connected.status).toBe(200);
    conforms('/api/networks/{id}/connect', 'POST', connected);
    conforms('/api/networks/{id}/connect', 'POST', await post(`/api/networks/${NET}/connect`, { container: 'tomcat02' }));
    conforms('/api/networks/{id}/connect', 'POST', await post(`/api/networks/${NET}/connect`, { container: 'no-such' }));
    conforms('/api/networks/{id}/connect', 'POST', await post(`/api/networks/${NET}/connect`, { container: 'tomcat03', ipv4: 'x' }));
    conforms('/api/networks/{id}/connect', 'POST', await raw(P(), 'POST', `/api/networks/${NET}/connect`, own(), JSON.stringify({ container: 'tomcat03', aliases: Array(3000).fill('abcdefgh') })));
    conforms('/api/networks/{id}', 'DELETE', await raw(P(), 'DELETE', `/api/networks/${NET}`, own()));
    const disconnected = await post(`/api/networks/${NET}/disconnect`, { container: 'tomcat02' });
    expect(disconnected.status).toBe(200);
    conforms('/api/networks/{id}/disconnect', 'POST', disconnected);
    conforms('/api/networks/{id}/disconnect', 'POST', await post(`/api/networks/${NET}/disconnect`, { container: 'tomcat02' }));
    const removed = await raw(P(), 'DELETE', `/api/networks/${NET}`, own());
    expect(removed.status).toBe(200);
    conforms('/api/networks/{id}', 'DELETE', removed);
    conforms('/api/networks/{id}', 'DELETE', await raw(P(), 'DELETE', '/api/networks/bridge', own()));
    // The timeline of those changes, an undo of the removal (the network again), its refusals.
    const act = await raw(P(), 'GET', `/api/activity?network=${NET}&limit=50`);
    conforms('/api/activity', 'GET', act);
    conforms('/api/activity', 'GET', await raw(P(), 'GET', '/api/activity?kind=nope'));
    const removal = (JSON.parse(act.body).entries as { id: number; kind: string; result: string }[]).find((e) => e.kind === 'network-remove' && e.result === 'done')!;
    const undone = await post(`/api/activity/${removal.id}/undo`, {});
    expect(undone.status).toBe(200);
    conforms('/api/activity/{id}/undo', 'POST', undone);
    conforms('/api/activity/{id}/undo', 'POST', await post(`/api/activity/${removal.id}/undo`, {}));
    conforms('/api/activity/{id}/undo', 'POST', await post('/api/activity/99999999/undo', {}));
    conforms('/api/activity/{id}/undo', 'POST', await post('/api/activity/abc/undo', {}));
    expect((await raw(P(), 'DELETE', `/api/networks/${NET}`, own())).status).toBe(200);
    conforms('/api/activity/changes', 'GET', await raw(P(), 'GET', `/api/activity/changes?since=${Date.now() - 60_000}`));
    conforms('/api/activity/changes', 'GET', await raw(P(), 'GET', '/api/activity/changes'));
    conforms('/api/login', 'POST', await post('/api/login', { token: 'x' }));
    // The agent is refused on an engine on this machine (409), and there is none to stop (404).
    const refusedAgent = await post('/api/engines/default/agent', {});
    expect(refusedAgent.status).toBe(409);
    conforms('/api/engines/{name}/agent', 'POST', refusedAgent);
    const noAgent = await raw(P(), 'DELETE', '/api/engines/default/agent', own());
    expect(noAgent.status).toBe(404);
    conforms('/api/engines/{name}/agent', 'DELETE', noAgent);
    expect(docker('network', 'ls', '-q', '--filter', `name=^${NET}$`)).toBe('');
    // Successes and each kind of error were seen (not only one of them).
    for (const k of ['POST /api/networks 201', 'POST /api/networks 409', 'POST /api/networks 400', 'POST /api/networks 403', 'POST /api/networks 415',
      'POST /api/networks/{id}/connect 404', 'DELETE /api/networks/{id} 409', 'GET /api/topology 304', 'GET /api/topology 421',
      'GET /api/activity 200', 'GET /api/activity 400', 'POST /api/activity/{id}/undo 200', 'POST /api/activity/{id}/undo 409', 'POST /api/activity/{id}/undo 404',
      'POST /api/activity/{id}/undo 400', 'GET /api/activity/changes 200', 'GET /api/activity/changes 400']) expect([...checked]).toContain(k);
  });

  it('who may: who am I, tokens, the access log, sign-in and sign-out, and their errors', async () => {
    const me = await raw(P(), 'GET', '/api/me');
    expect(me.json()).toMatchObject({ principal: { kind: 'loopback' }, signIn: { oidc: false, token: false } });
    conforms('/api/me', 'GET', me);
    const made = await raw(P(), 'POST', '/api/tokens', own(), JSON.stringify({ name: 'contract', role: 'operator', expires: '1h' }));
    expect(made.status).toBe(201);
    conforms('/api/tokens', 'POST', made);
    conforms('/api/tokens', 'POST', await raw(P(), 'POST', '/api/tokens', own(), JSON.stringify({ name: 'x', role: 'root' })));
    conforms('/api/tokens', 'POST', await raw(P(), 'POST', '/api/tokens', own(), JSON.stringify({ name: 'x', role: 'viewer', expires: 'soon' })));
    conforms('/api/tokens', 'GET', await raw(P(), 'GET', '/api/tokens'));
    const id = (made.json() as { record: { id: string } }).record.id;
    conforms('/api/tokens/{id}', 'DELETE', await raw(P(), 'DELETE', `/api/tokens/${id}`, own()));
    conforms('/api/tokens/{id}', 'DELETE', await raw(P(), 'DELETE', `/api/tokens/${id}`, own()));
    conforms('/api/tokens/{id}', 'DELETE', await raw(P(), 'DELETE', '/api/tokens/000000000000', own()));
    conforms('/api/tokens/{id}', 'DELETE', await raw(P(), 'DELETE', '/api/tokens/nope', own()));
    conforms('/api/access', 'GET', await raw(P(), 'GET', '/api/access?kind=token-created,token-revoked'));
    conforms('/api/access', 'GET', await raw(P(), 'GET', '/api/access?kind=nope'));
    // Nothing configured: a sign-in cannot start (400), a token used anyway is not needed (loopback).
    conforms('/api/auth/login', 'GET', await raw(P(), 'GET', '/api/auth/login'));
    conforms('/api/auth/logout', 'POST', await raw(P(), 'POST', '/api/auth/logout', own(), '{}'));
    for (const k of ['GET /api/me 200', 'POST /api/tokens 201', 'POST /api/tokens 400', 'GET /api/tokens 200', 'DELETE /api/tokens/{id} 200', 'DELETE /api/tokens/{id} 409',
      'DELETE /api/tokens/{id} 404', 'DELETE /api/tokens/{id} 400', 'GET /api/access 200', 'GET /api/access 400', 'GET /api/auth/login 400', 'POST /api/auth/logout 200']) expect([...checked]).toContain(k);
  });
});
