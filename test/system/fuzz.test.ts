// A bounded property-based run over every API route's input: invalid input never yields a
// 5xx and never changes the engine.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
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

it('left the engine unchanged', () => {
  expect(engineState()).toBe(before);
});
