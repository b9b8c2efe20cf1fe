import { describe, expect, it } from 'vitest';
import { parseConnectBody, parseCreateNetworkBody, parseDisconnectBody } from './bodies';

describe('request bodies', () => {
  it('normalizes a connect body', () => {
    expect(parseConnectBody({ container: 'app', aliases: [' db ', 'db', 'cache'], ipv4: '10.0.0.9' }))
      .toEqual({ container: 'app', aliases: ['db', 'cache'], ipv4: '10.0.0.9', ipv6: null });
    expect(parseConnectBody({ container: 'app', ipv4: '' })).toMatchObject({ ipv4: null });
    // null means "not given", as the dashboard sends it
    expect(parseConnectBody({ container: 'app', aliases: null, ipv4: null, ipv6: null })).toEqual({ container: 'app', aliases: [], ipv4: null, ipv6: null });
  });
  it('refuses wrong types and unknown fields', () => {
    expect(() => parseConnectBody({ container: 'app', aliases: 'db' })).toThrow(/list of names/);
    expect(() => parseConnectBody({ container: 'app', ipv4: 10 })).toThrow(/must be a string/);
    expect(() => parseConnectBody(null)).toThrow(/JSON object/);
    expect(() => parseDisconnectBody({ container: 'app', force: 'yes' })).toThrow(/true or false/);
    expect(() => parseCreateNetworkBody({ name: 'n', extra: 1 })).toThrow(/unknown field/);
  });
  it('checks a network\'s addresses against each other', () => {
    expect(parseCreateNetworkBody({ name: 'n', subnet: '10.1.0.0/16', gateway: '10.1.0.1', ipRange: '10.1.2.0/24' }))
      .toMatchObject({ name: 'n', driver: 'bridge', subnet: '10.1.0.0/16', gateway: '10.1.0.1', ipRange: '10.1.2.0/24', internal: false });
    expect(() => parseCreateNetworkBody({ name: 'n', subnet: '10.1.0.0/16', gateway: '10.2.0.1' })).toThrow(/not inside/);
    expect(() => parseCreateNetworkBody({ name: 'a'.repeat(64) })).toThrow(/network name/);
    expect(() => parseCreateNetworkBody({ name: 'f'.repeat(64) })).toThrow(/network name|look like/);
  });
});
