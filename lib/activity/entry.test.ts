import { describe, expect, it } from 'vitest';
import type { RawNetwork } from '@/lib/docker/engine-types';
import { configuredNetworks, connectCause, disconnectCause, entryFromEvent, networkConfigOf, recreateCommand, undoCommand, undoPlan } from './entry';
import { describeEntry } from './describe';
import { originOf } from './origin';
import { encodePrincipal, PRINCIPAL_HEADER } from '@/lib/identity/principal-header';

const NET = { id: 'n'.repeat(64), name: 'mynet' };
const CTR = { id: 'c'.repeat(64), name: 'ui' };
const done = { source: 'switchyard' as const, result: 'done' as const, undoneBy: null, network: NET, container: CTR };

describe('undoPlan', () => {
  it('takes each change back with its opposite, and nothing else', () => {
    expect(undoCommand(undoPlan({ ...done, kind: 'connect', detail: {} })!)).toBe('docker network disconnect mynet ui');
    expect(undoCommand(undoPlan({ ...done, kind: 'disconnect', detail: { aliases: ['web', 'db'], ipv4: '10.0.0.9', ipv6: null } })!)).toBe('docker network connect --alias web --alias db --ip 10.0.0.9 mynet ui');
    expect(undoCommand(undoPlan({ ...done, kind: 'network-create', container: null, detail: {} })!)).toBe('docker network rm mynet');
    expect(undoPlan({ ...done, kind: 'network-remove', container: null, detail: {} })).toBeNull(); // its configuration was not read
    expect(undoPlan({ ...done, kind: 'connect', source: 'engine', detail: {} })).toBeNull();
    expect(undoPlan({ ...done, kind: 'connect', result: 'refused', detail: {} })).toBeNull();
    expect(undoPlan({ ...done, kind: 'connect', undoneBy: 7, detail: {} })).toBeNull();
    expect(undoPlan({ ...done, kind: 'container-die', detail: {} })).toBeNull();
  });

  it('puts a compose file back from its backup, and describes both ways', () => {
    const detail = { file: '/srv/shop/compose.yml', backup: '/srv/shop/compose.yml.switchyard-1.bak', before: 'a'.repeat(64), after: 'b'.repeat(64), service: 'web' };
    const plan = undoPlan({ ...done, network: null, kind: 'compose-write', detail })!;
    expect(plan).toEqual({ kind: 'compose-restore', container: CTR, file: detail.file, backup: detail.backup, written: detail.after, original: detail.before });
    expect(undoCommand(plan)).toBe('cp /srv/shop/compose.yml.switchyard-1.bak /srv/shop/compose.yml');
    // a restore keeps no backup of its own: it is not undone in turn
    expect(undoPlan({ ...done, network: null, kind: 'compose-write', detail: { file: detail.file, restoredFrom: detail.backup } })).toBeNull();
    expect(describeEntry({ ...done, network: null, kind: 'compose-write', detail, undoes: null })).toBe("Wrote service web's networks into /srv/shop/compose.yml");
    expect(describeEntry({ ...done, network: null, kind: 'compose-write', detail: { file: detail.file }, undoes: 4 })).toBe("Undo of #4: Put back ui's networks in /srv/shop/compose.yml as they were");
  });

  it('re-creates a removed network from all of its configuration (Engine 20.10 network inspect)', () => {
    const raw: RawNetwork = {
      Id: NET.id, Name: 'back', Scope: 'local', Driver: 'bridge', EnableIPv6: false, Internal: true, Attachable: false,
      IPAM: { Driver: 'default', Options: {}, Config: [{ Subnet: '10.231.9.0/24', IPRange: '10.231.9.128/25', Gateway: '10.231.9.254', AuxiliaryAddresses: { router: '10.231.9.2' } }] },
      Options: { 'com.docker.network.driver.mtu': '1400' }, Labels: { tier: 'back', note: 'a b' },
    };
    const config = networkConfigOf(raw);
    expect(config.enableIPv4).toBeNull();
    expect(recreateCommand(config)).toBe("docker network create --driver bridge --subnet 10.231.9.0/24 --gateway 10.231.9.254 --ip-range 10.231.9.128/25 --aux-address router=10.231.9.2 --internal --opt com.docker.network.driver.mtu=1400 --label tier=back --label 'note=a b' back");
    expect(undoPlan({ ...done, kind: 'network-remove', container: null, detail: { config } })).toMatchObject({ kind: 'network-create', config });
  });
});

describe('engine events', () => {
  const names = { container: (id: string) => (id === CTR.id ? 'ui' : null), network: () => null };
  const ev = (type: string, action: string, extra: object = {}) => ({ type, action, id: type === 'network' ? NET.id : CTR.id, name: type === 'network' ? 'mynet' : 'ui', container: type === 'network' ? CTR.id : null, time: 1796189662, timeNano: 1796189662057368862, ...extra });

  it('become entries with their command; a start or stop is not a connect or disconnect', () => {
    expect(entryFromEvent('lab', ev('network', 'connect'), names)).toMatchObject({ source: 'engine', kind: 'connect', command: 'docker network connect mynet ui', at: '2026-12-02T05:34:22.057Z', network: NET, container: CTR });
    expect(entryFromEvent('lab', ev('network', 'disconnect'), names, 'stop')).toMatchObject({ kind: 'disconnect', command: null, detail: { cause: 'stop' } });
    expect(entryFromEvent('lab', ev('container', 'die', { attributes: { exitCode: '137' } }), names)).toMatchObject({ kind: 'container-die', command: null, detail: { exitCode: 137 } });
    expect(entryFromEvent('lab', ev('container', 'start'), names)!.command).toBe('docker start ui');
    expect(entryFromEvent('lab', ev('container', 'exec_start'), names)).toBeNull();
    expect(entryFromEvent('lab', ev('network', 'connect', { container: 'f'.repeat(64) }), names)!.container).toEqual({ id: 'f'.repeat(64), name: 'ffffffffffff' });
  });

  it('tells a connect or disconnect from joining and leaving at start and stop', () => {
    expect(connectCause(false)).toBeNull();
    expect(connectCause(true)).toBe('start');
    expect(connectCause(null)).toBe('start'); // a container not seen yet: docker run
    expect(disconnectCause({ networks: ['mynet', NET.id] }, NET)).toBe('stop');
    expect(disconnectCause({ networks: ['bridge'] }, NET)).toBeNull();
    expect(disconnectCause(null, NET)).toBe('remove');
    expect(configuredNetworks({ NetworkSettings: { Networks: { mynet: { NetworkID: NET.id }, bridge: {} } } })).toEqual(['mynet', NET.id, 'bridge']);
  });
});

describe('describeEntry and originOf', () => {
  it('words entries as the timeline shows them', () => {
    expect(describeEntry({ ...done, kind: 'connect', undoes: null, detail: { aliases: ['web'], ipv4: '10.0.0.9' } })).toBe('Connected ui to mynet (alias web; IP 10.0.0.9)');
    expect(describeEntry({ ...done, kind: 'disconnect', undoes: 4, detail: {} })).toBe('Undo of #4: Disconnected ui from mynet');
    expect(describeEntry({ ...done, source: 'engine', kind: 'disconnect', undoes: null, detail: { cause: 'stop' } })).toBe('ui left mynet as it stopped (it keeps the network configured)');
    expect(describeEntry({ ...done, source: 'engine', kind: 'connect', undoes: null, detail: {} })).toBe('Connected (outside Switchyard) ui to mynet');
  });

  it('says how a request was let in and who sent it', () => {
    const h = (m: Record<string, string>) => (n: string) => m[n] ?? null;
    expect(originOf(h({ 'sec-fetch-site': 'same-origin', 'x-forwarded-for': '::ffff:127.0.0.1' }), false)).toEqual({ via: 'loopback', client: 'page', address: '127.0.0.1', actor: { kind: 'loopback', id: 'loopback', name: 'loopback' } });
    expect(originOf(h({ authorization: 'Bearer x' }), true)).toEqual({ via: 'bearer', client: 'api', address: null, actor: null });
    // The proxy's principal names who: a token, a signed-in user.
    const token = encodePrincipal({ kind: 'token', id: '0123456789ab', name: 'ci', grants: [{ role: 'operator', engine: null }] });
    expect(originOf(h({ authorization: 'Bearer x', [PRINCIPAL_HEADER]: token }), true)).toEqual({ via: 'bearer', client: 'api', address: null, actor: { kind: 'token', id: '0123456789ab', name: 'ci' } });
    const ann = encodePrincipal({ kind: 'user', id: 'sub-1', name: 'ann', grants: [] });
    expect(originOf(h({ 'sec-fetch-site': 'same-origin', [PRINCIPAL_HEADER]: ann }), true)).toMatchObject({ via: 'sign-in', client: 'page', actor: { kind: 'user', name: 'ann' } });
    expect(originOf(h({ 'sec-fetch-site': 'same-origin' }), true)).toMatchObject({ via: 'session', client: 'page' });
  });
});
