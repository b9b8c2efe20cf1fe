import { describe, expect, it } from 'vitest';
import type { Topology, TopoContainer, TopoEndpoint, TopoNetwork } from '@/lib/topology/types';
import { lastingChange } from './lasting';
import { readProject, type ComposeModel } from './project';

const model = (files: [string, string][]): ComposeModel => {
  const r = readProject('p', files.map(([path, text]) => ({ path, text })), {});
  if (!r.ok) throw new Error(r.reason);
  return r.model;
};
const net = (name: string, o: Partial<TopoNetwork> = {}): TopoNetwork => ({ id: `id-${name}`, name, builtin: false, labels: {}, ...o } as TopoNetwork);
const own = (key: string) => net(`p_${key}`, { labels: { 'com.docker.compose.project': 'p', 'com.docker.compose.network': key } });
const web: Pick<TopoContainer, 'id' | 'name' | 'labels' | 'sharesNetworkWith' | 'networkMode'> = {
  id: 'c0123456789abcdef', name: 'p-web-1', sharesNetworkWith: null, networkMode: 'p_back',
  labels: { 'com.docker.compose.project': 'p', 'com.docker.compose.service': 'web' },
};
const ep = (n: TopoNetwork, o: Partial<TopoEndpoint> = {}): TopoEndpoint => ({ networkId: n.id, containerId: web.id, aliases: [], staticIpv4: null, staticIpv6: null, ...o } as TopoEndpoint);
const FILE = 'services:\n  web:\n    image: x\n    networks:\n      back:\n        aliases: [web, api]\nnetworks:\n  back: {}\n';

describe('lastingChange', () => {
  it('says what the service should list: its own networks by key, others as external, aliases without compose\'s own', () => {
    const back = own('back');
    const shared = net('shared');
    const t: Pick<Topology, 'endpoints' | 'networks'> = { networks: [back, shared], endpoints: [ep(back, { aliases: ['web', 'api', 'p-web-1'] }), ep(shared, { aliases: ['web', 'pay'], staticIpv4: '10.5.0.9' })] };
    const r = lastingChange(t, web, model([['/p/c.yml', FILE]]));
    expect(r).toEqual({ ok: true, value: {
      project: 'p', service: 'web', file: '/p/c.yml',
      // "web" stays on back because the file lists it there; compose adds it everywhere itself
      want: [{ key: 'back', aliases: ['api', 'web'], ipv4: null, ipv6: null }, { key: 'shared', aliases: ['pay'], ipv4: '10.5.0.9', ipv6: null }],
      declare: [{ key: 'shared', external: true }],
    } });
  });

  it('declares a network of the project that the file no longer does', () => {
    const old = own('old');
    const r = lastingChange({ networks: [old], endpoints: [ep(old)] }, web, model([['/p/c.yml', FILE]]));
    expect(r.ok && r.value.declare).toEqual([{ key: 'old', external: false }]);
  });

  it('refuses in words what it cannot write', () => {
    const back = own('back');
    const t = { networks: [back, net('bridge', { builtin: true })], endpoints: [ep(back)] };
    const reason = (r: ReturnType<typeof lastingChange>) => (r.ok ? 'written' : r.refusal.message);
    expect(reason(lastingChange(t, { ...web, labels: { ...web.labels, 'com.docker.compose.service': 'gone' } }, model([['/p/c.yml', FILE]])))).toMatch(/no service "gone"/);
    expect(reason(lastingChange({ ...t, endpoints: [ep(back), ep(t.networks[1]!)] }, web, model([['/p/c.yml', FILE]])))).toMatch(/engine's bridge network/);
    expect(reason(lastingChange({ ...t, endpoints: [] }, web, model([['/p/c.yml', FILE]])))).toMatch(/on no network now/);
    expect(reason(lastingChange(t, web, model([['/p/a.yml', FILE], ['/p/b.yml', 'services:\n  web:\n    networks: [back]\n']])))).toMatch(/set in 2 files/);
    expect(reason(lastingChange(t, web, model([['/p/c.yml', 'services:\n  web:\n    network_mode: host\n']])))).toMatch(/network_mode host/);
    const other = lastingChange(t, web, model([['/p/c.yml', FILE]]), '/etc/passwd');
    expect(other.ok ? null : other.refusal).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/^file: \/etc\/passwd is not one of project p's compose files/) });
  });
});
