import { describe, expect, it } from 'vitest';
import type { Topology, TopoContainer, TopoEndpoint, TopoNetwork } from '@/lib/topology/types';
import { composeDrift, composeMajor } from './drift';
import { readProject, type ProjectRead } from './project';

type T = Pick<Topology, 'containers' | 'endpoints' | 'networks'>;

const net = (name: string): TopoNetwork => ({ id: `id-${name}`, name } as TopoNetwork);
const labels = (service: string, version = '1.29.2') => ({
  'com.docker.compose.project': 'p', 'com.docker.compose.service': service, 'com.docker.compose.oneoff': 'False', 'com.docker.compose.version': version,
});
const ctr = (name: string, service: string, o: Partial<TopoContainer> = {}): TopoContainer => ({
  id: `${name}0123456789abcdef`, name, state: 'running', networkMode: 'p_back', sharesNetworkWith: null, labels: labels(service), ...o,
} as TopoContainer);
const ep = (c: TopoContainer, n: TopoNetwork, o: Partial<TopoEndpoint> = {}): TopoEndpoint => ({
  networkId: n.id, containerId: c.id, aliases: [], staticIpv4: null, staticIpv6: null, ipv4: '10.0.0.2', ipv6: null, ...o,
} as TopoEndpoint);

const FILE = `services:
  web:
    image: x
    networks:
      back:
        aliases: [www]
        ipv4_address: 10.0.0.5
  side:
    image: x
    network_mode: service:web
  host:
    image: x
    network_mode: host
networks:
  back: {}
`;
const read = (text = FILE): Map<string, ProjectRead> => new Map([['p', readProject('p', [{ path: '/p/compose.yml', text }], {})]]);

describe('composeDrift', () => {
  const back = net('p_back');
  const other = net('other');
  const web = ctr('p-web-1', 'web');
  const same: T = {
    networks: [back, other],
    containers: [web, ctr('p-side-1', 'side', { networkMode: `container:${web.id}`, sharesNetworkWith: web.id }), ctr('p-host-1', 'host', { networkMode: 'host' })],
    // compose adds the service's name as an alias of its own: not drift
    endpoints: [ep(web, back, { aliases: ['www', 'web'], staticIpv4: '10.0.0.5' })],
  };

  it('finds nothing to say where the containers run as the files say', () => {
    const d = composeDrift(same, read());
    expect(d.containers.map((c) => [c.name, c.status])).toEqual([['p-host-1', 'same'], ['p-side-1', 'same'], ['p-web-1', 'same']]);
    expect(d.containers.find((c) => c.service === 'web')).toMatchObject({ file: '/p/compose.yml', line: 2, up: 'keeps' });
  });

  it('names every difference, and judges `up` by the compose that made the container', () => {
    const moved: T = {
      ...same,
      containers: [{ ...web, labels: labels('web', '2.24.6') }, ctr('p-side-1', 'side', { networkMode: 'p_back' }), ctr('p-host-1', 'host', { networkMode: 'bridge' })],
      endpoints: [ep(web, other)],
    };
    const d = composeDrift(moved, read());
    const w = d.containers.find((c) => c.service === 'web')!;
    expect(w.items.map((i) => i.kind)).toEqual(['missing-network', 'extra-network']);
    expect(w.up).toBe('recreates');
    expect(w.summary).toMatch(/would recreate p-web-1.*join p_back again.*take it off other/);
    expect(d.containers.find((c) => c.service === 'side')!.items).toMatchObject([{ kind: 'network-mode', file: 'service:web', running: 'p_back' }]);
    expect(d.containers.find((c) => c.service === 'host')!.items).toMatchObject([{ kind: 'network-mode', file: 'host', running: 'bridge' }]);
    // compose 1.29 leaves the same container as it is
    const old = composeDrift({ ...moved, containers: [web] }, read()).containers[0]!;
    expect(old.up).toBe('keeps');
    expect(old.summary).toMatch(/leaves p-web-1 as it is.*next recreate.*take it off other and put it back on p_back/);
  });

  it('tells aliases and addresses apart, and does not judge a stopped container', () => {
    const t: T = { ...same, containers: [{ ...web, state: 'exited' }], endpoints: [ep(web, back, { aliases: ['old'], staticIpv4: null, ipv4: null })] };
    const w = composeDrift(t, read()).containers[0]!;
    expect(w.items.map((i) => [i.kind, i.running, i.file])).toEqual([['aliases', 'old', 'www'], ['address', null, '10.0.0.5']]);
    expect(w.up).toBeNull();
    expect(w.summary).toMatch(/not running/);
  });

  it('says orphan, unknown and unreadable in words', () => {
    const t: T = { ...same, containers: [ctr('p-gone-1', 'gone'), ctr('p-web-1', 'web', { labels: { ...labels('web'), 'com.docker.compose.oneoff': 'True' } })] };
    const d = composeDrift(t, read());
    // a one-off (`compose run`) container is not a service's
    expect(d.containers).toHaveLength(1);
    expect(d.containers[0]).toMatchObject({ status: 'orphan' });
    expect(composeDrift(same, read('services:\n  web:\n    extends: { service: x }\n')).containers.find((c) => c.service === 'web')).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/extends/) });
    expect(composeDrift(same, new Map([['p', { ok: false, reason: 'gone', file: null }]])).containers.every((c) => c.status === 'unknown' && c.reason === 'gone')).toBe(true);
  });

  it('reads compose versions', () => {
    expect([composeMajor('1.29.2'), composeMajor('2.24.6'), composeMajor('v5.0.1'), composeMajor(''), composeMajor(null)]).toEqual([1, 2, 5, null, null]);
  });
});
