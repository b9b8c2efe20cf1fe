// The activity timeline against the real engine: changes through the API and on the CLI appear
// in order with their origin and command; each undo restores the engine exactly (docker
// inspect before and after); undo is refused, changing nothing, where the world moved on;
// the log is read again after it is closed (as a restart does) and a damaged one is set aside.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as activityRoute } from '@/app/api/activity/route';
import { GET as changesRoute } from '@/app/api/activity/changes/route';
import { POST as undoRoute } from '@/app/api/activity/[id]/undo/route';
import { POST as createNet } from '@/app/api/networks/route';
import { DELETE as deleteNet } from '@/app/api/networks/[id]/route';
import { POST as connectRoute } from '@/app/api/networks/[id]/connect/route';
import { POST as disconnectRoute } from '@/app/api/networks/[id]/disconnect/route';
import { closeJournals, dataDir } from '@/lib/activity/registry';
import type { ActivityAnswer, ActivityEntry } from '@/lib/schemas/activity';
import { topologyStore } from '@/lib/engines/registry';
import { until } from '../helpers/until';
import { docker, dockerJson, removeTestObjects, TEST_LABEL } from './docker-cli';

/* eslint-disable @typescript-eslint/no-explicit-any -- docker inspect output is untyped JSON */
const IMAGE = 'switchyard-lab/busybox:1';
const SERVE = "trap 'exit 0' TERM; while :; do sleep 3600 & wait $!; done";
const NET = 'sy-act-net';

const post = (body: unknown, page = false) => new Request('http://127.0.0.1/x', {
  method: 'POST', headers: { 'content-type': 'application/json', ...(page ? { 'sec-fetch-site': 'same-origin' } : {}) }, body: JSON.stringify(body),
});
const params = <T>(id: T) => ({ params: Promise.resolve({ id: String(id) }) });
async function call(res: Promise<Response>) {
  const r = await res;
  return { status: r.status, body: await r.json() };
}
async function activity(query = ''): Promise<ActivityAnswer> {
  const r = await activityRoute(new Request(`http://127.0.0.1/api/activity${query}`));
  expect(r.status).toBe(200);
  return r.json();
}
const undo = (id: number) => call(undoRoute(post({}, true), params(id)));
/** The newest entry matching, once it is there. */
const entryWhere = (what: string, f: (e: ActivityEntry) => boolean, query = '?limit=100') => until(what, async () => (await activity(query)).entries.find(f), 10_000);

/** A container's endpoint on a network as docker inspect has it, without what is made afresh each time. */
function endpointOf(ctr: string, net: string) {
  const s = dockerJson<any[]>('inspect', ctr)[0].NetworkSettings.Networks[net];
  if (!s) return null;
  const id = dockerJson<any[]>('inspect', ctr)[0].Id.slice(0, 12);
  return { IPAMConfig: s.IPAMConfig, Aliases: (s.Aliases ?? []).filter((a: string) => a !== id).sort(), IPAddress: s.IPAddress, Gateway: s.Gateway, NetworkID: s.NetworkID, Links: s.Links };
}
/** A network as docker inspect has it, without its id, creation time and members. */
function networkOf(name: string) {
  const [n] = dockerJson<any[]>('network', 'inspect', name);
  const { Id: _id, Created: _created, Containers: _members, ...rest } = n;
  return rest;
}
const allNetworks = () => docker('network', 'ls', '--format', '{{.ID}} {{.Name}}').split('\n').sort();

let since = 0;
beforeAll(async () => {
  removeTestObjects();
  docker('network', 'create', '--label', TEST_LABEL, '--subnet', '10.231.7.0/24', '--gateway', '10.231.7.1', NET);
  docker('run', '-d', '--name', 'sy-act-a', '--label', TEST_LABEL, IMAGE, 'sh', '-c', SERVE);
  docker('run', '-d', '--name', 'sy-act-b', '--label', TEST_LABEL, IMAGE, 'sh', '-c', SERVE);
  docker('run', '-d', '--name', 'sy-act-c', '--label', TEST_LABEL, IMAGE, 'sh', '-c', SERVE);
  docker('run', '-d', '--name', 'sy-act-c2', '--label', TEST_LABEL, IMAGE, 'sh', '-c', SERVE);
  await topologyStore().current(); // following the engine's events from here
  since = Date.now();
});
afterAll(() => removeTestObjects());

describe('the activity timeline', () => {
  it('shows changes through the API and on the CLI in order, with origin and command, and engine events once', async () => {
    const r1 = await call(connectRoute(post({ container: 'sy-act-a', aliases: ['web'], ipv4: '10.231.7.20' }, true), params(NET)));
    expect(r1.status).toBe(200);
    docker('network', 'connect', NET, 'sy-act-b');
    await entryWhere('the CLI connect', (e) => e.source === 'engine' && e.kind === 'connect' && e.container?.name === 'sy-act-b');
    const r2 = await call(disconnectRoute(post({ container: 'sy-act-b' }), params(NET)));
    expect(r2.status).toBe(200);
    const refused = await call(connectRoute(post({ container: 'sy-act-b', ipv4: '10.231.7.20' }), params(NET)));
    expect(refused.status).toBe(409);
    docker('stop', '-t', '1', 'sy-act-b');
    await entryWhere('the CLI stop', (e) => e.kind === 'disconnect' && e.container?.name === 'sy-act-b' && e.network?.name === 'bridge');

    const { entries } = await activity(`?since=${since}&limit=100`);
    const mine = [...entries].reverse().filter((e) => e.network?.name === NET || e.container?.name?.startsWith('sy-act-'));
    expect(mine.map((e) => [e.source, e.kind, e.result, e.command])).toEqual([
      ['switchyard', 'connect', 'done', `docker network connect --alias web --ip 10.231.7.20 ${NET} sy-act-a`],
      ['engine', 'connect', 'done', `docker network connect ${NET} sy-act-b`],
      ['switchyard', 'disconnect', 'done', `docker network disconnect ${NET} sy-act-b`],
      ['switchyard', 'connect', 'refused', `docker network connect --ip 10.231.7.20 ${NET} sy-act-b`],
      // The stop: the engine says die, then that it left the default bridge as it stopped (no command did that).
      ['engine', 'container-die', 'done', null],
      ['engine', 'disconnect', 'done', null],
    ]);
    expect(mine[5]!.detail).toEqual({ cause: 'stop' });
    expect(mine[5]!.network!.name).toBe('bridge');
    expect(mine[0]!.origin).toEqual({ via: 'loopback', client: 'page', address: null, actor: { kind: 'loopback', id: 'loopback', name: 'loopback' } });
    expect(mine[2]!.origin).toMatchObject({ via: 'loopback', client: 'api' });
    expect(mine[1]!.origin).toBeNull();
    expect(mine[3]!.reason).toMatch(/10\.231\.7\.20 is in use on sy-act-net by sy-act-a/);
    expect(mine[0]!.container!.id).toBe(dockerJson<any[]>('inspect', 'sy-act-a')[0].Id);
    expect(mine[0]!.undo).toEqual({ command: `docker network disconnect ${NET} sy-act-a` });
    expect(mine[2]!.undo).toEqual({ command: `docker network connect ${NET} sy-act-b` });
    expect(mine[1]!.undo).toBeNull();
    // Switchyard's own changes are not written a second time when their engine event comes.
    await new Promise((r) => setTimeout(r, 500));
    const again = (await activity(`?since=${since}&limit=100&container=sy-act-a`)).entries;
    expect(again.filter((e) => e.kind === 'connect')).toHaveLength(1);
    // Filters: by container name, kind and source.
    expect((await activity(`?since=${since}&container=sy-act-b&network=${NET}&kind=connect,disconnect`)).entries.map((e) => e.kind)).toEqual(['connect', 'disconnect', 'connect']);
    expect((await activity(`?since=${since}&source=engine&network=${NET}`)).entries.every((e) => e.source === 'engine')).toBe(true);
    docker('start', 'sy-act-b');
  });

  it('undoes a connect, a disconnect, a creation and a removal: docker inspect is as it was', async () => {
    // connect -> undo (a disconnect)
    const beforeConnect = endpointOf('sy-act-b', NET);
    expect(beforeConnect).toBeNull();
    await call(connectRoute(post({ container: 'sy-act-b', aliases: ['cache', 'kv'], ipv4: '10.231.7.30' }), params(NET)));
    const c = await entryWhere('the connect', (e) => e.kind === 'connect' && e.container?.name === 'sy-act-b' && e.source === 'switchyard' && e.result === 'done');
    const u1 = await undo(c.id);
    expect(u1.status).toBe(200);
    expect(u1.body.entry).toMatchObject({ kind: 'disconnect', undoes: c.id, result: 'done', source: 'switchyard' });
    expect(u1.body.undone).toMatchObject({ id: c.id, undoneBy: u1.body.entry.id, undo: null });
    expect(endpointOf('sy-act-b', NET)).toBeNull();

    // disconnect -> undo (a connect with the same aliases and static address)
    await call(connectRoute(post({ container: 'sy-act-b', aliases: ['cache'], ipv4: '10.231.7.31' }), params(NET)));
    const connected = endpointOf('sy-act-b', NET);
    expect(connected).toMatchObject({ IPAddress: '10.231.7.31', Aliases: ['cache'] });
    const d = await call(disconnectRoute(post({ container: 'sy-act-b' }), params(NET)));
    expect(d.status).toBe(200);
    const de = await entryWhere('the disconnect', (e) => e.kind === 'disconnect' && e.container?.name === 'sy-act-b' && e.source === 'switchyard' && e.undoes === null);
    expect(de.undo!.command).toBe(`docker network connect --alias cache --ip 10.231.7.31 ${NET} sy-act-b`);
    const u2 = await undo(de.id);
    expect(u2.status).toBe(200);
    expect(endpointOf('sy-act-b', NET)).toEqual(connected);

    // create -> undo (a removal)
    const networksBefore = allNetworks();
    const cr = await call(createNet(post({ name: 'sy-act-made', subnet: '10.231.8.0/24', labels: { 'switchyard.test': '1' } })));
    expect(cr.status).toBe(201);
    const ce = await entryWhere('the create', (e) => e.kind === 'network-create' && e.network?.name === 'sy-act-made');
    expect((await undo(ce.id)).status).toBe(200);
    expect(allNetworks()).toEqual(networksBefore);

    // removal -> undo (the same network again: driver, IPAM, options and labels)
    docker('network', 'create', '--label', TEST_LABEL, '--label', 'tier=back', '--subnet', '10.231.9.0/24', '--gateway', '10.231.9.254',
      '--ip-range', '10.231.9.128/25', '--aux-address', 'router=10.231.9.2', '--internal', '--opt', 'com.docker.network.bridge.enable_icc=false',
      '--opt', 'com.docker.network.driver.mtu=1400', 'sy-act-gone');
    const asItWas = networkOf('sy-act-gone');
    const rm = await call(deleteNet(new Request('http://127.0.0.1/x', { method: 'DELETE' }), params('sy-act-gone')));
    expect(rm.status).toBe(200);
    const re = await entryWhere('the removal', (e) => e.kind === 'network-remove' && e.network?.name === 'sy-act-gone' && e.source === 'switchyard');
    expect(re.undo!.command).toContain('--aux-address router=10.231.9.2');
    const u4 = await undo(re.id);
    expect(u4.status).toBe(200);
    expect(u4.body.entry).toMatchObject({ kind: 'network-create', undoes: re.id, command: re.undo!.command });
    expect(networkOf('sy-act-gone')).toEqual(asItWas);
  });

  it('refuses, in plain words and changing nothing, an undo the world has moved on from', async () => {
    const state = () => ({ nets: allNetworks(), a: dockerJson<any[]>('inspect', 'sy-act-a')[0].NetworkSettings.Networks, b: dockerJson<any[]>('inspect', 'sy-act-b')[0].NetworkSettings.Networks });
    // An engine event.
    const cli = await entryWhere('a CLI entry', (e) => e.source === 'engine');
    let before = state();
    let r = await undo(cli.id);
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(/engine event, made outside Switchyard/);
    // Already undone.
    const undone = await entryWhere('an undone entry', (e) => e.undoneBy !== null);
    r = await undo(undone.id);
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(new RegExp(`already undone, by entry ${undone.undoneBy}`));
    // No such entry; not an id.
    expect((await undo(99_999_999)).status).toBe(404);
    expect((await call(undoRoute(post({}), params('abc')))).status).toBe(400);
    expect(state()).toEqual(before);

    // A disconnect whose static address is now someone else's.
    await call(disconnectRoute(post({ container: 'sy-act-b' }), params(NET)));
    const d = await entryWhere('the disconnect', (e) => e.kind === 'disconnect' && e.container?.name === 'sy-act-b' && e.undoneBy === null && e.result === 'done');
    docker('network', 'connect', '--ip', d.detail.ipv4 as string, NET, 'sy-act-c');
    before = state();
    r = await undo(d.id);
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(new RegExp(`${(d.detail.ipv4 as string).replace(/\./g, '\\.')} is in use on ${NET} by sy-act-c`));
    expect(state()).toEqual(before);
    const logged = await entryWhere('the refused undo', (e) => e.undoes === d.id && e.result === 'refused');
    expect(logged.kind).toBe('connect');

    // A connect whose container is gone (a new one of the same name is not it).
    await call(connectRoute(post({ container: 'sy-act-c2' }), params(NET)));
    const c = await entryWhere('the connect', (e) => e.kind === 'connect' && e.container?.name === 'sy-act-c2' && e.result === 'done');
    docker('rm', '-f', 'sy-act-c2');
    docker('run', '-d', '--name', 'sy-act-c2', '--label', TEST_LABEL, '--network', NET, IMAGE, 'sh', '-c', SERVE);
    before = state();
    r = await undo(c.id);
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(/container sy-act-c2 is gone \(a container of that name now has another id/);
    expect(state()).toEqual(before);

    // A created network that has a member now.
    await call(createNet(post({ name: 'sy-act-full', labels: { 'switchyard.test': '1' } })));
    const ce = await entryWhere('the create', (e) => e.kind === 'network-create' && e.network?.name === 'sy-act-full');
    docker('network', 'connect', 'sy-act-full', 'sy-act-a');
    before = state();
    r = await undo(ce.id);
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(/sy-act-full still has 1 member: sy-act-a/);
    expect(state()).toEqual(before);

    // A removed network whose name is taken again.
    docker('network', 'create', '--label', TEST_LABEL, 'sy-act-again');
    await call(deleteNet(new Request('http://127.0.0.1/x', { method: 'DELETE' }), params('sy-act-again')));
    const re = await entryWhere('the removal', (e) => e.kind === 'network-remove' && e.network?.name === 'sy-act-again');
    docker('network', 'create', '--label', TEST_LABEL, 'sy-act-again');
    before = state();
    r = await undo(re.id);
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(/a network called sy-act-again exists again/);
    expect(state()).toEqual(before);
  });

  it('says what changed since a moment, from the log', async () => {
    const t = Date.now();
    await new Promise((r) => setTimeout(r, 20));
    await call(createNet(post({ name: 'sy-act-new', labels: { 'switchyard.test': '1' } })));
    await call(connectRoute(post({ container: 'sy-act-a' }), params('sy-act-new')));
    await call(disconnectRoute(post({ container: 'sy-act-a' }), params(NET)));
    docker('stop', '-t', '1', 'sy-act-c');
    await entryWhere('the stop', (e) => e.kind === 'disconnect' && e.container?.name === 'sy-act-c' && e.detail.cause === 'stop');
    const r = await changesRoute(new Request(`http://127.0.0.1/api/activity/changes?since=${t}`));
    expect(r.status).toBe(200);
    const diff = await r.json();
    expect(diff.complete).toBe(true);
    expect(diff.added.networks.map((n: any) => n.name)).toEqual(['sy-act-new']);
    expect(diff.added.endpoints.map((e: any) => `${e.network.name}/${e.container.name}`)).toEqual(['sy-act-new/sy-act-a']);
    // sy-act-c left its networks as it stopped, but keeps them: not a removed connection.
    expect(diff.removed.endpoints.map((e: any) => `${e.network.name}/${e.container.name}`)).toEqual([`${NET}/sy-act-a`]);
    expect(diff.changed.containers).toEqual([expect.objectContaining({ name: 'sy-act-c', from: 'running', to: 'exited' })]);
    expect((await changesRoute(new Request('http://127.0.0.1/api/activity/changes'))).status).toBe(400);
  });

  it('is read again from disk after a close (as after a restart), and sets a damaged store aside', async () => {
    const before = await activity('?limit=500');
    closeJournals();
    const after = await activity('?limit=500');
    expect(after.entries).toEqual(before.entries);
    expect(after.store).toMatchObject({ kind: 'sqlite', notice: null, entries: before.store.entries });

    const engine = before.entries[0]!.engine;
    closeJournals();
    writeFileSync(join(dataDir(), `activity-${engine}.db`), 'not a database '.repeat(1000));
    const fresh = await activity();
    expect(fresh.store.notice).toMatch(/could not be read .* set aside as .*damaged.* a new one started/);
    expect(fresh.entries).toEqual([]);
    const r = await call(connectRoute(post({ container: 'sy-act-b' }), params(NET)));
    expect(r.status).toBe(200);
    expect((await activity()).entries.map((e) => e.kind)).toEqual(['connect']);
  });
});
