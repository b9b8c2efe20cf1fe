import { describe, expect, it } from 'vitest';
import { checkRequest, hostName } from './request-guard';

function req(method: string, headers: Record<string, string>, allowedHosts: string[] = []) {
  const h = new Headers(headers);
  return checkRequest({ method, header: (n) => h.get(n), allowedHosts });
}
const own = { host: '127.0.0.1:3000' };
const json = { 'content-type': 'application/json', 'content-length': '2' };

describe('checkRequest', () => {
  it('accepts reads on loopback names', () => {
    for (const host of ['127.0.0.1:3000', 'localhost:3000', '[::1]:3000', 'LOCALHOST']) {
      expect(req('GET', { host })).toEqual({ ok: true });
    }
  });
  it('refuses a rebinding Host header, even for reads', () => {
    expect(req('GET', { host: 'attacker.example:3000' })).toMatchObject({ ok: false, code: 'host_not_allowed' });
    expect(req('GET', {})).toMatchObject({ ok: false, code: 'host_not_allowed' });
    expect(req('GET', { host: 'dash.lan:3000' }, ['dash.lan'])).toEqual({ ok: true });
  });
  it('accepts same-origin JSON changes and scripts without Origin', () => {
    expect(req('POST', { ...own, ...json, origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' })).toEqual({ ok: true });
    expect(req('POST', { ...own, ...json })).toEqual({ ok: true });
    expect(req('DELETE', { ...own, origin: 'http://127.0.0.1:3000' })).toEqual({ ok: true });
  });
  it('refuses changes from other origins', () => {
    expect(req('POST', { ...own, ...json, origin: 'http://evil.example' })).toMatchObject({ ok: false, code: 'cross_origin' });
    expect(req('POST', { ...own, ...json, origin: 'null' })).toMatchObject({ ok: false, code: 'cross_origin' });
    expect(req('POST', { ...own, ...json, origin: 'http://127.0.0.1:4000' })).toMatchObject({ ok: false, code: 'cross_origin' });
    expect(req('POST', { ...own, ...json, 'sec-fetch-site': 'cross-site' })).toMatchObject({ ok: false, code: 'cross_site' });
    expect(req('DELETE', { ...own, 'sec-fetch-site': 'same-site' })).toMatchObject({ ok: false, code: 'cross_site' });
  });
  it('refuses form content types', () => {
    for (const ct of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain']) {
      expect(req('POST', { ...own, 'content-type': ct, 'content-length': '3' })).toMatchObject({ ok: false, code: 'json_required' });
    }
    expect(req('POST', { ...own, 'content-type': 'application/json; charset=utf-8', 'content-length': '2' })).toEqual({ ok: true });
  });
});

describe('hostName', () => {
  it('drops ports and keeps IPv6 brackets', () => {
    expect(hostName('127.0.0.1:3000')).toBe('127.0.0.1');
    expect(hostName('[::1]:3000')).toBe('[::1]');
    expect(hostName('Example.COM')).toBe('example.com');
  });
});
