import { describe, expect, it } from 'vitest';
import { endpointRef, ids, parseEndpointRef, parseNodeId } from './ids';

describe('graph ids', () => {
  it('parses back every node id it builds', () => {
    expect(parseNodeId(ids.network('abc123'))).toEqual({ kind: 'network', ref: 'abc123' });
    expect(parseNodeId(ids.container('f00d'))).toEqual({ kind: 'container', ref: 'f00d' });
    expect(parseNodeId(ids.project('redis:cluster'))).toEqual({ kind: 'project', ref: 'redis:cluster' });
    expect(parseNodeId(ids.endpoint('n1', 'c1'))).toEqual({ kind: 'endpoint', ref: 'n1:c1' });
    expect(parseNodeId(ids.veth('veth1a2b'))).toEqual({ kind: 'veth', ref: 'veth1a2b' });
    expect(parseNodeId('host')).toEqual({ kind: 'host', ref: 'host' });
    for (const bad of ['', 'net:', 'nope:1', ':x', 'net']) expect(parseNodeId(bad), bad).toBeNull();
  });
  it('round-trips endpoint refs and refuses malformed ones', () => {
    const e = { networkId: 'a'.repeat(64), containerId: 'b'.repeat(64) };
    expect(parseEndpointRef(endpointRef(e))).toEqual(e);
    for (const bad of ['', 'a', 'a:', ':b', 'a:b:c']) expect(parseEndpointRef(bad), bad).toBeNull();
  });
});
