import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ApiError } from '@/lib/api/errors';
import { parseInput } from '@/lib/api/http';
import { connectBodySchema, createNetworkBodySchema, disconnectBodySchema, networkParams } from './networks';

const parse = <S extends z.ZodTypeAny>(s: S, v: unknown) => parseInput(s, v);
const refusal = (s: z.ZodTypeAny, v: unknown) => {
  try {
    parse(s, v);
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).status).toBe(400);
    return { message: (e as ApiError).message, hint: (e as ApiError).hint };
  }
  throw new Error(`accepted ${JSON.stringify(v)}`);
};

describe('request bodies', () => {
  it('normalizes a connect body', () => {
    expect(parse(connectBodySchema, { container: 'app', aliases: [' db ', 'db', 'cache'], ipv4: '10.0.0.9' }))
      .toEqual({ container: 'app', aliases: ['db', 'cache'], ipv4: '10.0.0.9', ipv6: null });
    expect(parse(connectBodySchema, { container: 'app', ipv4: '' })).toMatchObject({ ipv4: null });
    // null means "not given", as the dashboard sends it
    expect(parse(connectBodySchema, { container: 'app', aliases: null, ipv4: null, ipv6: null })).toEqual({ container: 'app', aliases: [], ipv4: null, ipv6: null });
    expect(parse(connectBodySchema, { container: '/app' }).container).toBe('app');
  });
  it('refuses wrong types and unknown fields, naming the field and what is allowed', () => {
    expect(refusal(connectBodySchema, { container: 'app', aliases: 'db' }).message).toMatch(/"aliases" must be a list of names/);
    expect(refusal(connectBodySchema, { container: 'app', ipv4: 10 }).message).toMatch(/"ipv4" must be a string/);
    expect(refusal(connectBodySchema, { container: 'app', ipv4: '10.0.0.09' }).message).toMatch(/not an IPv4 address/);
    expect(refusal(connectBodySchema, { container: 'app', aliases: ['bad alias'] })).toMatchObject({ message: /not a valid alias/, hint: /DNS name/ });
    expect(refusal(connectBodySchema, null).message).toMatch(/JSON object/);
    expect(refusal(connectBodySchema, []).message).toMatch(/JSON object/);
    expect(refusal(connectBodySchema, {}).message).toMatch(/a container id or name is required/);
    expect(refusal(disconnectBodySchema, { container: 'app', force: 'yes' }).message).toMatch(/"force" must be true or false/);
    expect(refusal(createNetworkBodySchema, { name: 'n', extra: 1 })).toEqual({ message: 'unknown field: "extra"', hint: expect.stringMatching(/^allowed: name, driver, subnet/) });
  });
  it('checks a network\'s addresses against each other', () => {
    expect(parse(createNetworkBodySchema, { name: 'n', subnet: '10.1.0.0/16', gateway: '10.1.0.1', ipRange: '10.1.2.0/24' }))
      .toMatchObject({ name: 'n', driver: 'bridge', subnet: '10.1.0.0/16', gateway: '10.1.0.1', ipRange: '10.1.2.0/24', internal: false, labels: {} });
    expect(refusal(createNetworkBodySchema, { name: 'n', subnet: '10.1.0.0/16', gateway: '10.2.0.1' }).message).toMatch(/not inside/);
    expect(refusal(createNetworkBodySchema, { name: 'n', gateway: '10.2.0.1' }).message).toMatch(/needs a subnet/);
    expect(refusal(createNetworkBodySchema, { name: 'n', subnet: '10.1.0.0/33' })).toMatchObject({ message: /is not a subnet/, hint: /CIDR/ });
    expect(refusal(createNetworkBodySchema, { name: 'n', subnet: '10.1.0.0/24', ipRange: '10.0.0.0/8' }).message).toMatch(/not a CIDR inside/);
    expect(refusal(createNetworkBodySchema, { name: 'a'.repeat(64) }).message).toMatch(/network name/);
    expect(refusal(createNetworkBodySchema, { name: 'f'.repeat(64) }).message).toMatch(/network name|look like/);
    expect(refusal(createNetworkBodySchema, { name: 'n', driver: 'macvlan' })).toMatchObject({ message: /not offered/, hint: /bridge/ });
    expect(refusal(createNetworkBodySchema, { name: 'n', labels: { 'bad key!': 'v' } }).message).toMatch(/label key/);
    expect(refusal(createNetworkBodySchema, { name: 'n', labels: { k: 1 } }).message).toMatch(/string value/);
  });
});

describe('object refs in paths', () => {
  it('accepts engine names, ids and id prefixes', () => {
    for (const v of ['tomcat01', 'redis-3', 'my_net.v2', 'a', '3d379727e87a', 'f'.repeat(64)]) expect(parse(networkParams, { id: v }).id).toBe(v);
  });
  it('refuses traversal, injection and empty input with a 400', () => {
    for (const v of ['../containers/x/kill', 'x/../../info', '..', '.hidden', '-rm', 'a b', 'a?force=1', 'a%2fb', '', 'x'.repeat(300), 'tomcat01;ls', 'ä']) {
      expect(refusal(networkParams, { id: v }).message, v).toMatch(/not a valid network id or name|required/);
    }
    expect(refusal(networkParams, { id: 42 }).message).toMatch(/required/);
  });
});
