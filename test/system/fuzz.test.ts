// A bounded property-based run over every API route's input: invalid input never yields a
// 5xx and never changes the engine. Two sources: hand-made hostile input (below), and bodies
// drawn from the routes' own schemas (zod-fast-check on lib/schemas): valid ones that name
// nothing real (so they pass validation and are refused by the domain: 404 / 409), and the
// same with one field made invalid or one unknown field added (refused with a 400 naming it).
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { z } from 'zod';
import { ZodFastCheck } from 'zod-fast-check';
import { containerRef, ipv4Address, ipv6Address } from '@/lib/schemas/common';
import { portParam, probeBodySchema } from '@/lib/schemas/reachability';
import { aliasName, ALIAS_PATTERN, connectBodySchema, createFields, createNetworkBodySchema, disconnectBodySchema, LABEL_KEY_PATTERN } from '@/lib/schemas/networks';
import { raw, startServer, type AppServer } from '../helpers/app-server';
import { engineState } from '../helpers/engine-state';

const RUNS = 80;
let app: AppServer;
let before: string;
beforeAll(async () => {
  app = await startServer(3321, {});
  before = engineState();
});
afterAll(async () => {
  await app?.stop();
});

/** Names that cannot exist: each has a character Docker never allows in a name. */
const illegalName = fc.tuple(fc.string({ maxLength: 40 }), fc.constantFrom(' ', '/', '?', '#', '%', '$', ':', ';', '..', '\u0000', 'é', '*'), fc.string({ maxLength: 20 }))
  .map(([a, b, c]) => `${a}${b}${c}`);
/** References to objects that do not exist: illegal names, or well-formed names nothing has. */
const badRef = fc.oneof(illegalName, fc.stringMatching(/^[a-z][a-z0-9_.-]{0,30}$/).map((s) => `zz-fuzz-${s}`));
const nonString = fc.jsonValue().filter((v) => typeof v !== 'string');
/** Arbitrary JSON that names no real object: a string "container" or "name" is always a badRef. */
const anyJson = fc.jsonValue().filter((v) => !(typeof v === 'object' && v !== null && !Array.isArray(v)
  && (typeof (v as Record<string, unknown>).container === 'string' || typeof (v as Record<string, unknown>).name === 'string')));
const jsonBody = fc.oneof(
  anyJson,
  fc.record({ container: fc.oneof(badRef, nonString), aliases: fc.jsonValue(), ipv4: fc.jsonValue(), ipv6: fc.jsonValue(), force: fc.jsonValue() }, { requiredKeys: [] }),
  // A well-formed new name would be a valid create: names here are always illegal.
  fc.record({ name: fc.oneof(illegalName, nonString), driver: fc.jsonValue(), subnet: fc.jsonValue(), gateway: fc.jsonValue(), ipRange: fc.jsonValue(), internal: fc.jsonValue(), labels: fc.jsonValue() }, { requiredKeys: [] }),
);
const headers = () => ({ origin: `http://127.0.0.1:${app.port}`, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' });
const path = (s: string) => encodeURIComponent(s);

async function expectRefused(method: string, url: string, body?: string) {
  const r = await raw(app.port, method, url, headers(), body);
  expect(r.status, `${method} ${url} ${body ?? ''} -> ${r.status} ${r.body.slice(0, 200)}`).toBeLessThan(500);
  expect(r.status >= 200 && r.status < 300, `${method} ${url} ${body ?? ''} -> ${r.status}`).toBe(false);
}

it('GET /api/containers/{id} and /api/networks/{id}', async () => {
  await fc.assert(fc.asyncProperty(badRef, async (ref) => {
    await expectRefused('GET', `/api/containers/${path(ref)}`);
    await expectRefused('GET', `/api/networks/${path(ref)}`);
  }), { numRuns: RUNS });
});

it('POST /api/networks/{id}/connect and /disconnect', async () => {
  await fc.assert(fc.asyncProperty(fc.oneof(badRef, fc.constant('mynet')), jsonBody, async (net, body) => {
    // With a real network, the body must name no real container: badRef or a non-string.
    await expectRefused('POST', `/api/networks/${path(net)}/connect`, JSON.stringify(body));
    await expectRefused('POST', `/api/networks/${path(net)}/disconnect`, JSON.stringify(body));
  }), { numRuns: RUNS });
});

it('POST /api/networks and DELETE /api/networks/{id}', async () => {
  await fc.assert(fc.asyncProperty(jsonBody, badRef, async (body, ref) => {
    await expectRefused('POST', '/api/networks', JSON.stringify(body));
    await expectRefused('DELETE', `/api/networks/${path(ref)}`);
  }), { numRuns: RUNS });
});

/** Names nothing on the lab engine has (the lab's are never prefixed zz-fuzz-). */
const absentName = fc.stringMatching(/^[a-z0-9][a-z0-9_.-]{0,20}$/).map((s) => `zz-fuzz-${s}`);
const LAB_NETWORKS = ['mynet', 'redis', 'lab-internal', 'bridge', 'custom-local-net-2'];
const v4cidr = fc.tuple(fc.ipV4(), fc.integer({ min: 8, max: 30 })).map(([a, b]) => `${a}/${b}`);
const zfc = ZodFastCheck()
  .override(containerRef, absentName)
  .override(portParam, fc.integer({ min: 1, max: 65535 }))
  .override(ipv4Address, fc.ipV4())
  .override(ipv6Address, fc.ipV6())
  .override(aliasName, fc.stringMatching(new RegExp(ALIAS_PATTERN.source.replace('{0,62}', '{0,20}'))))
  .override(createFields.name, fc.constantFrom(...LAB_NETWORKS)) // exists: a valid create is refused with 409
  .override(createFields.subnet, fc.option(v4cidr, { nil: null }))
  .override(createFields.ipRange, fc.constant(null))
  .override(createFields.gateway, fc.constant(null))
  .override(createFields.labels, fc.dictionary(fc.stringMatching(new RegExp(LABEL_KEY_PATTERN.source.replace('{0,127}', '{0,20}'))), fc.string({ maxLength: 20 }), { maxKeys: 3 }));

/** Valid bodies, drawn from a schema (each really parses). */
const valid = (schema: z.ZodTypeAny) => zfc.inputOf(schema).filter((b) => schema.safeParse(b).success) as fc.Arbitrary<Record<string, unknown>>;
/** The same with one field the field's own schema refuses, or one field the body does not have. */
function invalid(schema: z.ZodTypeAny, fields: Record<string, z.ZodTypeAny>) {
  const names = Object.keys(fields);
  const wrongField = fc.tuple(valid(schema), fc.constantFrom(...names)).chain(([body, k]) =>
    fc.jsonValue().filter((v) => !fields[k]!.safeParse(v).success).map((v) => ({ body: { ...body, [k]: v }, field: k })));
  const extraField = fc.tuple(valid(schema), fc.stringMatching(/^[a-z]{1,12}$/).filter((k) => !names.includes(k)), fc.jsonValue())
    .map(([body, k, v]) => ({ body: { ...body, [k]: v }, field: k }));
  return fc.oneof(wrongField, extraField);
}
const shape = (s: z.ZodTypeAny) => (s as unknown as z.AnyZodObject).shape as Record<string, z.ZodTypeAny>;

async function expectStatus(method: string, url: string, body: unknown, status: number, says?: RegExp) {
  const r = await raw(app.port, method, url, headers(), JSON.stringify(body));
  expect(r.status, `${method} ${url} ${JSON.stringify(body)} -> ${r.status} ${r.body.slice(0, 200)}`).toBe(status);
  if (says) expect(r.json().error?.message, JSON.stringify(body)).toMatch(says);
}
const named = (field: string) => new RegExp(`"${field}"|${field}`, 'i');

it('bodies drawn from the schemas: valid ones are refused by the domain, not by validation', async () => {
  await fc.assert(fc.asyncProperty(valid(connectBodySchema), fc.constantFrom(...LAB_NETWORKS), async (body, net) => {
    await expectStatus('POST', `/api/networks/${net}/connect`, body, 404, /no container "zz-fuzz-/);
  }), { numRuns: RUNS });
  await fc.assert(fc.asyncProperty(valid(disconnectBodySchema), absentName, async (body, net) => {
    await expectStatus('POST', `/api/networks/${net}/disconnect`, body, 404, /no network "zz-fuzz-/);
  }), { numRuns: RUNS });
  await fc.assert(fc.asyncProperty(valid(createNetworkBodySchema), async (body) => {
    await expectStatus('POST', '/api/networks', body, 409, /already exists/);
  }), { numRuns: RUNS });
  await fc.assert(fc.asyncProperty(valid(probeBodySchema), async (body) => {
    await expectStatus('POST', '/api/reachability/test', body, 404, /no container "zz-fuzz-/);
  }), { numRuns: RUNS });
});

it('GET /api/reachability and its matrix: any query is answered, or refused with 400 or 404, never a 500', async () => {
  const value = fc.oneof(fc.string({ maxLength: 30 }), absentName, fc.constantFrom('tomcat01', 'redis-3', 'host-agent', '0', '65536', '6379', '-1', '1e3', ' 80'));
  await fc.assert(fc.asyncProperty(fc.dictionary(fc.constantFrom('from', 'to', 'port', 'network', 'project', 'containers', 'x'), value, { maxKeys: 4 }), fc.boolean(), async (query, matrix) => {
    const url = `/api/reachability${matrix ? '/matrix' : ''}?${new URLSearchParams(query)}`;
    const r = await raw(app.port, 'GET', url);
    expect([200, 400, 404], `${url} -> ${r.status} ${r.body.slice(0, 200)}`).toContain(r.status);
    if (r.status !== 200) expect(r.json().error?.message, url).toBeTruthy();
  }), { numRuns: RUNS });
});

it('bodies drawn from the schemas with one field wrong or unknown: a 400 that names it', async () => {
  await fc.assert(fc.asyncProperty(invalid(connectBodySchema, shape(connectBodySchema)), async ({ body, field }) => {
    await expectStatus('POST', '/api/networks/mynet/connect', body, 400, named(field));
  }), { numRuns: RUNS });
  await fc.assert(fc.asyncProperty(invalid(disconnectBodySchema, shape(disconnectBodySchema)), async ({ body, field }) => {
    await expectStatus('POST', '/api/networks/mynet/disconnect', body, 400, named(field));
  }), { numRuns: RUNS });
  await fc.assert(fc.asyncProperty(invalid(createNetworkBodySchema, createFields), async ({ body, field }) => {
    await expectStatus('POST', '/api/networks', body, 400, named(field));
  }), { numRuns: RUNS });
  await fc.assert(fc.asyncProperty(invalid(probeBodySchema, shape(probeBodySchema)), async ({ body, field }) => {
    await expectStatus('POST', '/api/reachability/test', body, 400, named(field));
  }), { numRuns: RUNS });
});

it('left the engine unchanged', () => {
  expect(engineState()).toBe(before);
});
