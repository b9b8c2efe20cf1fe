import { describe, expect, it } from 'vitest';
import { nslookupAddresses } from './nslookup';

describe('nslookupAddresses', () => {
  it('reads the answer, not the server (busybox 1.35, recorded in the lab)', () => {
    const out = 'Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nNon-authoritative answer:\nName:\tports-target\nAddress: 10.204.0.2\n\nNon-authoritative answer:\n\n';
    expect(nslookupAddresses(out)).toEqual(['10.204.0.2']);
  });
  it('reads the numbered form and several addresses', () => {
    expect(nslookupAddresses('Server: 1.1.1.1\nAddress 1: 1.1.1.1\n\nName: web\nAddress 1: 10.0.0.2 web.net\nAddress 2: 10.0.0.3\n')).toEqual(['10.0.0.2', '10.0.0.3']);
    expect(nslookupAddresses(';; connection timed out; no servers could be reached\n')).toEqual([]);
  });
});
