import { describe, expect, it } from 'vitest';
import type { Flow, Traffic } from '@/lib/schemas/traffic';
import { applyTrafficPatch, describeCuts, flowsThrough, portTraffic } from './apply';

const flow = (id: string, over: Partial<Flow> = {}): Flow => ({
  id, protocol: 'tcp', client: { containerId: 'api', address: '10.0.0.2', name: 'api-1' }, server: { containerId: 'redis', address: '10.0.0.3', name: 'redis', port: 6379, containerPort: null },
  networkId: 'net', via: 'network', state: 'open', connections: 2, attempts: 0, closed: 0, bytesPerSecond: null, since: '2026-12-05T00:00:00Z', seenFrom: ['client'], reason: null, ...over,
});
const base: Traffic = { at: 'a', intervalMs: 2000, basis: 'sockets', reason: 'acct off', flows: [flow('a'), flow('b')], unread: [], readMs: 1, cpuMs: 1 };

describe('applyTrafficPatch', () => {
  it('upserts, removes and keeps the order; the basis and reason are the patch\'s', () => {
    const t = applyTrafficPatch(base, { at: 'b', intervalMs: 3000, basis: 'sockets+conntrack', upsert: [flow('c'), flow('a', { connections: 5 })], remove: ['b'] });
    expect(t.flows.map((f) => `${f.id}${f.connections}`)).toEqual(['a5', 'c2']);
    expect(t.reason).toBeUndefined();
    expect(t.basis).toBe('sockets+conntrack');
    expect(t.intervalMs).toBe(3000);
  });
});

describe('the connections a change would cut', () => {
  it('are those open over the network at the container', () => {
    const flows = [flow('a'), flow('w', { client: { containerId: 'worker', address: '10.0.0.4', name: 'worker' }, connections: 1 }), flow('x', { networkId: 'other' }), flow('y', { state: 'no-answer', connections: 0 })];
    expect(flowsThrough(flows, 'net', ['redis']).map((f) => f.id)).toEqual(['a', 'w']);
    expect(flowsThrough(flows, 'net', ['worker']).map((f) => f.id)).toEqual(['w']);
    expect(describeCuts(flowsThrough(flows, 'net', null))).toBe('3 open connections will be cut: api-1 -> redis:6379 (2), worker -> redis:6379 (1)');
    expect(describeCuts([])).toBeNull();
  });
});

describe('portTraffic', () => {
  const flows = [flow('a'), flow('f', { server: { containerId: 'redis', address: '10.0.0.3', name: 'redis', port: 7000, containerPort: null }, state: 'no-answer', connections: 0 })];
  it('marks a port as traffic seen, failing, or allowed with none', () => {
    expect(portTraffic(flows, ['api'], ['redis'], 6379, true)).toBe('traffic seen');
    expect(portTraffic(flows, ['api'], ['redis'], 7000, false)).toBe('failing');
    expect(portTraffic(flows, ['api'], ['redis'], 8080, true)).toBe('allowed, no traffic');
    expect(portTraffic(flows, ['worker'], ['redis'], 6379, true)).toBe('allowed, no traffic');
    expect(portTraffic(flows, ['api'], ['redis'], 8080, false)).toBe('no traffic');
  });
});
