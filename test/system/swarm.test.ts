// A one-node swarm on the tests' own disposable second engine (never the lab engine: swarm
// init and leave disturb the embedded DNS of containers that already exist on Engine 20.10),
// under the built app: a service with 2 replicas on an attachable overlay, its VIP and tasks
// in the API as the docker CLI reports them, followed live when it is scaled, and a
// standalone container connected to the overlay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw, startServer, type AppServer } from '../helpers/app-server';
import { until } from '../helpers/until';
import { ENGINE2_SOCKET, LAB_IMAGE, SecondEngine, SERVE } from '../helpers/second-engine';

const IMAGE = LAB_IMAGE;
const engine = new SecondEngine();
let app: AppServer;

type Swarm = {
  nodeId: string;
  nodes: { id: string; hostname: string; role: string; availability: string; state: string; leader: boolean; self: boolean }[];
  services: { id: string; name: string; mode: string; replicas: number | null; running: number; image: string; endpointMode: string; vips: { networkId: string; address: string }[]; networks: { networkId: string }[] }[];
  tasks: { id: string; serviceId: string; slot: number | null; nodeId: string | null; state: string; containerId: string | null; addresses: { networkId: string; address: string }[] }[];
};
type Topo = { swarm?: Swarm | null; networks: { id: string; name: string; ingress: boolean; attachable: boolean }[]; containers: { id: string; name: string }[]; endpoints: { networkId: string; containerId: string; ipv4: string | null }[] };
const topology = async () => (await raw(app.port, 'GET', '/api/topology')).json() as unknown as Topo;
const d = (...args: string[]) => engine.docker(...args);
const wait = <T,>(what: string, f: () => Promise<T | null | undefined | false>) => until(what, f, 30_000, 300);


beforeAll(async () => {
  await engine.start();
  engine.loadImage(IMAGE);
  if (d('info', '--format', '{{.Swarm.LocalNodeState}}') !== 'active') d('swarm', 'init', '--advertise-addr', '127.0.0.1');
  try { d('service', 'rm', 'sy-svc'); } catch { /* none */ }
  try { d('rm', '-f', 'sy-standalone'); } catch { /* none */ }
  await wait('the old service to go', async () => !d('ps', '-aq', '--filter', 'label=com.docker.swarm.service.name=sy-svc'));
  try { d('network', 'rm', 'sy-svc-overlay'); } catch { /* none */ }
  d('network', 'create', '-d', 'overlay', '--attachable', '--subnet', '10.234.0.0/24', 'sy-svc-overlay');
  d('service', 'create', '--name', 'sy-svc', '--replicas', '2', '--network', 'sy-svc-overlay', '--dns', '127.0.0.1', '--detach=false', '-q', IMAGE, 'sh', '-c', SERVE);
  d('run', '-d', '--name', 'sy-standalone', '--dns', '127.0.0.1', IMAGE, 'sh', '-c', SERVE);
  app = await startServer(3322, { DOCKER_HOST: `unix://${ENGINE2_SOCKET}` });
}, 180_000);

afterAll(async () => {
  await app?.stop();
  try { d('service', 'rm', 'sy-svc'); } catch { /* gone */ }
  try { d('rm', '-f', 'sy-standalone'); } catch { /* gone */ }
  try {
    await wait('the service\'s containers to go', async () => !d('ps', '-aq', '--filter', 'label=com.docker.swarm.service.name=sy-svc'));
    d('network', 'rm', 'sy-svc-overlay');
  } catch { /* left for the next run's cleanup */ }
  try { d('swarm', 'leave', '--force'); } catch { /* not in one */ }
  await engine.stop();
}, 120_000);

describe('a one-node swarm', () => {
  it('serves the node, the service (mode, replicas, VIP) and its tasks as the docker CLI reports them', async () => {
    const t = await topology();
    const swarm = t.swarm!;
    expect(swarm).toBeTruthy();
    const self = d('info', '--format', '{{.Swarm.NodeID}}');
    expect(swarm.nodeId).toBe(self);
    expect(swarm.nodes).toEqual([expect.objectContaining({ id: self, hostname: d('node', 'inspect', self, '-f', '{{.Description.Hostname}}'), role: 'manager', availability: 'active', state: 'ready', leader: true, self: true })]);
    const net = d('network', 'inspect', '-f', '{{.Id}}', 'sy-svc-overlay');
    const svc = swarm.services.find((s) => s.name === 'sy-svc')!;
    expect(svc).toMatchObject({ id: d('service', 'inspect', '-f', '{{.ID}}', 'sy-svc'), mode: 'replicated', replicas: 2, running: 2, image: IMAGE, endpointMode: 'vip' });
    expect(svc.vips).toEqual(JSON.parse(d('service', 'inspect', '-f', '{{json .Endpoint.VirtualIPs}}', 'sy-svc')).map((v: { NetworkID: string; Addr: string }) => ({ networkId: v.NetworkID, address: v.Addr })));
    expect(svc.vips.map((v) => v.networkId)).toEqual([net]);
    expect(svc.networks.map((n) => n.networkId)).toEqual([net]);

    const ps = d('service', 'ps', 'sy-svc', '--no-trunc', '--filter', 'desired-state=running', '--format', '{{.ID}} {{.Name}}').split('\n').filter(Boolean);
    const tasks = swarm.tasks.filter((k) => k.serviceId === svc.id);
    expect(tasks.map((k) => k.id).sort()).toEqual(ps.map((l) => l.split(' ')[0]).sort());
    expect(tasks.map((k) => k.slot)).toEqual([1, 2]);
    for (const k of tasks) {
      expect(k.state).toBe('running');
      expect(k.nodeId).toBe(self);
      // The task's container is on this engine: its address on the overlay is the task's.
      const ctr = d('inspect', '-f', '{{.Id}}', `${d('inspect', '-f', '{{.Name}}', k.containerId!).replace(/^\//, '')}`);
      expect(ctr).toBe(k.containerId);
      const ip = d('inspect', '-f', '{{(index .NetworkSettings.Networks "sy-svc-overlay").IPAddress}}', ctr);
      expect(k.addresses.map((a) => a.address.split('/')[0])).toContain(ip);
      expect(t.endpoints.find((e) => e.networkId === net && e.containerId === ctr)?.ipv4).toBe(ip);
    }
    const ingress = t.networks.find((n) => n.name === 'ingress')!;
    expect(ingress.ingress).toBe(true);
    expect(t.networks.find((n) => n.name === 'docker_gwbridge')).toBeTruthy();
  });

  it('follows the service as it is scaled, from the engine\'s events', async () => {
    d('service', 'scale', '--detach=false', 'sy-svc=3');
    const t = await wait('3 running tasks', async () => {
      const x = await topology();
      const s = x.swarm?.services.find((v) => v.name === 'sy-svc');
      return s?.running === 3 && s.replicas === 3 && x.swarm!.tasks.filter((k) => k.serviceId === s.id && k.state === 'running').length === 3 && x;
    });
    const svc = t.swarm!.services.find((v) => v.name === 'sy-svc')!;
    const containers = d('ps', '-q', '--no-trunc', '--filter', 'label=com.docker.swarm.service.name=sy-svc').split('\n').filter(Boolean).sort();
    expect(t.swarm!.tasks.filter((k) => k.serviceId === svc.id).map((k) => k.containerId).sort()).toEqual(containers);
    expect(containers.every((id) => t.containers.some((c) => c.id === id))).toBe(true);
    d('service', 'scale', '--detach=false', 'sy-svc=2');
    await wait('2 tasks again', async () => (await topology()).swarm?.tasks.filter((k) => k.serviceId === svc.id).length === 2);
  });

  it('connects a standalone container to the attachable overlay, and refuses the ingress network in plain words', async () => {
    const r = await raw(app.port, 'POST', '/api/networks/sy-svc-overlay/connect', { 'content-type': 'application/json' }, JSON.stringify({ container: 'sy-standalone' }));
    expect(r.status, r.body).toBe(200);
    const ip = d('inspect', '-f', '{{(index .NetworkSettings.Networks "sy-svc-overlay").IPAddress}}', 'sy-standalone');
    expect(ip).toMatch(/^10\.234\.0\./);
    expect((r.json() as unknown as { endpoint: { ipv4: string } }).endpoint.ipv4).toBe(ip);
    const before = d('inspect', '-f', '{{json .NetworkSettings.Networks}}', 'sy-standalone');
    const ingress = await raw(app.port, 'POST', '/api/networks/ingress/connect', { 'content-type': 'application/json' }, JSON.stringify({ container: 'sy-standalone' }));
    expect(ingress.status).toBe(409);
    expect(ingress.json().error?.message).toMatch(/ingress is a swarm network that is not attachable/);
    expect(d('inspect', '-f', '{{json .NetworkSettings.Networks}}', 'sy-standalone')).toBe(before);
  });
});
