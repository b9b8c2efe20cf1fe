// The rewiring routes against the real engine: valid changes land (docker inspect agrees),
// refusals are explained and change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as createNet } from '@/app/api/networks/route';
import { DELETE as deleteNet } from '@/app/api/networks/[id]/route';
import { POST as connectRoute } from '@/app/api/networks/[id]/connect/route';
import { POST as disconnectRoute } from '@/app/api/networks/[id]/disconnect/route';
import { docker, dockerJson, removeTestObjects, TEST_LABEL } from './docker-cli';

const IMAGE = 'switchyard-lab/busybox:1';
const SERVE = "trap 'exit 0' TERM; while :; do sleep 3600 & wait $!; done";
const NET = 'sy-test-net';

const json = (body: unknown, raw = false) => new Request('http://127.0.0.1/x', {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: raw ? (body as string) : JSON.stringify(body),
});
const params = (id: string) => ({ params: Promise.resolve({ id }) });
async function call(res: Promise<Response>) {
  const r = await res;
  return { status: r.status, body: await r.json() };
}
/** Everything about networks the engine has, to show a refusal changed nothing. */
function engineState() {
  const ids = docker('network', 'ls', '-q').split('\n').filter(Boolean);
  return dockerJson<unknown[]>('network', 'inspect', ...ids);
}

beforeAll(() => {
  removeTestObjects();
  docker('network', 'create', '--label', TEST_LABEL, '--subnet', '10.231.5.0/24', '--gateway', '10.231.5.1', NET);
  docker('run', '-d', '--name', 'sy-app', '--label', TEST_LABEL, IMAGE, 'sh', '-c', SERVE);
  docker('run', '-d', '--name', 'sy-db-peer', '--label', TEST_LABEL, '--network', NET, '--ip', '10.231.5.50', IMAGE, 'sh', '-c', SERVE);
});
afterAll(() => removeTestObjects());

describe('POST /api/networks/{id}/connect', () => {
  it('connects with aliases and a static IP, as docker inspect then shows', async () => {
    const { status, body } = await call(connectRoute(json({ container: 'sy-app', aliases: ['db', 'cache'], ipv4: '10.231.5.9' }), params(NET)));
    expect(status).toBe(200);
    const s = dockerJson<any[]>('inspect', 'sy-app')[0].NetworkSettings.Networks[NET]; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(s.IPAddress).toBe('10.231.5.9');
    expect(s.Aliases).toEqual(expect.arrayContaining(['db', 'cache']));
    expect(body.endpoint).toMatchObject({ ipv4: '10.231.5.9', staticIpv4: '10.231.5.9', aliases: ['db', 'cache'], mac: s.MacAddress });
    expect(body.container.name).toBe('sy-app');
    // Another member resolves the new aliases.
    expect(docker('exec', 'sy-db-peer', 'nslookup', 'db', '127.0.0.11')).toContain('10.231.5.9');
  });

  it('refuses, in plain words, what the engine would refuse, and changes nothing', async () => {
    const before = engineState();
    const cases: [string, unknown, number, RegExp][] = [
      [NET, { container: 'sy-app' }, 409, /already on sy-test-net \(10\.231\.5\.9\)/],
      [NET, { container: 'host-agent' }, 409, /host's network stack/],
      [NET, { container: 'tomcat-net-01-sidecar' }, 409, /shares tomcat-net-01's network namespace/],
      [NET, { container: 'isolated-job' }, 409, /--network none/],
      ['bridge', { container: 'sy-db-peer', aliases: ['x'] }, 400, /need a user-defined network/],
      [NET, { container: 'tomcat02', ipv4: '10.99.0.5' }, 400, /outside sy-test-net's subnet 10\.231\.5\.0\/24/],
      [NET, { container: 'tomcat02', ipv4: '10.231.5.50' }, 409, /in use on sy-test-net by sy-db-peer/],
      [NET, { container: 'tomcat02', ipv4: '10.231.5.1' }, 409, /gateway/],
      [NET, { container: 'tomcat02', ipv6: 'fd00::5' }, 400, /has no IPv6/],
      ['host', { container: 'tomcat02' }, 400, /cannot be connected to the host network/],
      [NET, { container: 'no-such-ctr' }, 404, /no container "no-such-ctr"/],
      ['no-such-net', { container: 'tomcat02' }, 404, /no network "no-such-net"/],
      ['../containers/x/kill', { container: 'tomcat02' }, 400, /not a valid network/],
      [NET, { container: '../../info' }, 400, /not a valid container/],
      [NET, { container: 'tomcat02', ipv4: '10.231.5.300' }, 400, /not an IPv4 address/],
      [NET, { container: 'tomcat02', aliases: ['bad alias'] }, 400, /not a valid alias/],
      [NET, { container: 'tomcat02', force: true }, 400, /unknown field: "force"/],
      [NET, [], 400, /JSON object/],
    ];
    for (const [net, body, status, message] of cases) {
      const r = await call(connectRoute(json(body), params(net)));
      expect(r.status, `${net} ${JSON.stringify(body)}`).toBe(status);
      expect(r.body.error.message, `${net} ${JSON.stringify(body)}`).toMatch(message);
    }
    const malformed = await call(connectRoute(json('{"container": ', true), params(NET)));
    expect(malformed).toMatchObject({ status: 400, body: { error: { message: 'the body is not valid JSON' } } });
    const huge = await call(connectRoute(json({ container: 'tomcat02', aliases: Array(3000).fill('abcdefgh') }), params(NET)));
    expect(huge.status).toBe(400);
    expect(engineState()).toEqual(before);
  });
});

describe('POST /api/networks/{id}/disconnect', () => {
  it('disconnects, and refuses a second time', async () => {
    const r = await call(disconnectRoute(json({ container: 'sy-app' }), params(NET)));
    expect(r.status).toBe(200);
    expect(dockerJson<any[]>('inspect', 'sy-app')[0].NetworkSettings.Networks[NET]).toBeUndefined(); // eslint-disable-line @typescript-eslint/no-explicit-any
    const again = await call(disconnectRoute(json({ container: 'sy-app' }), params(NET)));
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('sy-app is not on sy-test-net');
    const hostOff = await call(disconnectRoute(json({ container: 'host-agent' }), params('host')));
    expect(hostOff.status).toBe(409);
  });

  it('forces a disconnect when asked', async () => {
    docker('network', 'connect', NET, 'sy-app');
    const r = await call(disconnectRoute(json({ container: 'sy-app', force: true }), params(NET)));
    expect(r.status).toBe(200);
    expect(dockerJson<any[]>('inspect', 'sy-app')[0].NetworkSettings.Networks[NET]).toBeUndefined(); // eslint-disable-line @typescript-eslint/no-explicit-any
  });
});

describe('POST /api/networks and DELETE /api/networks/{id}', () => {
  it('creates a network with subnet, gateway, range, internal and labels, then removes it', async () => {
    const r = await call(createNet(json({ name: 'sy-created', subnet: '10.231.6.0/24', gateway: '10.231.6.254', ipRange: '10.231.6.128/25', internal: true, labels: { 'switchyard.test': '1', team: 'a' } })));
    expect(r.status).toBe(201);
    const n = dockerJson<any[]>('network', 'inspect', 'sy-created')[0]; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(n.IPAM.Config[0]).toMatchObject({ Subnet: '10.231.6.0/24', Gateway: '10.231.6.254', IPRange: '10.231.6.128/25' });
    expect(n.Internal).toBe(true);
    expect(n.Labels.team).toBe('a');
    expect(r.body.network).toMatchObject({ id: n.Id, name: 'sy-created', internal: true, bridge: `br-${n.Id.slice(0, 12)}` });
    const del = await call(deleteNet(new Request('http://x', { method: 'DELETE' }), params('sy-created')));
    expect(del).toMatchObject({ status: 200, body: { removed: { name: 'sy-created' } } });
    expect(docker('network', 'ls', '-q', '--filter', 'name=^sy-created$')).toBe('');
  });

  it('refuses bad networks and removals, and changes nothing', async () => {
    const before = engineState();
    const creates: [unknown, number, RegExp][] = [
      [{ name: NET }, 409, /already exists/],
      [{ name: 'bad name' }, 400, /"name" must be a network name/],
      [{ name: 'sy-x', subnet: '10.231.7.0/33' }, 400, /is not a subnet/],
      [{ name: 'sy-x', subnet: '10.231.7.0/24', gateway: '10.231.8.1' }, 400, /is not inside 10\.231\.7\.0\/24/],
      [{ name: 'sy-x', gateway: '10.231.8.1' }, 400, /needs a subnet/],
      [{ name: 'sy-x', subnet: '10.231.7.0/24', ipRange: '10.231.0.0/16' }, 400, /is not a CIDR inside/],
      [{ name: 'sy-x', driver: 'macvlan' }, 400, /not offered/],
      [{ name: 'sy-x', driver: 'overlay' }, 409, /swarm manager/],
      [{ name: 'sy-x', subnet: '10.231.5.0/25' }, 409, /overlaps/],
      [{ name: 'sy-x', internal: 'yes' }, 400, /true or false/],
      [{ name: 'sy-x', labels: { 'bad key!': 'v' } }, 400, /label key/],
    ];
    for (const [body, status, message] of creates) {
      const r = await call(createNet(json(body)));
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body.error.message, JSON.stringify(body)).toMatch(message);
    }
    const withMembers = await call(deleteNet(new Request('http://x', { method: 'DELETE' }), params(NET)));
    expect(withMembers.status).toBe(409);
    expect(withMembers.body.error.message).toBe('sy-test-net still has 1 member: sy-db-peer');
    for (const builtin of ['bridge', 'host', 'none']) {
      const r = await call(deleteNet(new Request('http://x', { method: 'DELETE' }), params(builtin)));
      expect(r.status).toBe(409);
      expect(r.body.error.message).toMatch(/builtin networks and cannot be removed/);
    }
    expect((await call(deleteNet(new Request('http://x', { method: 'DELETE' }), params('no-such-net')))).status).toBe(404);
    expect(engineState()).toEqual(before);
  });
});
