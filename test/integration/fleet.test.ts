// The fleet against the real lab engine: GET /api/fleet has every container of the engine,
// under the engine's name, and the fleet follows it: a container started with the CLI comes
// in a patch of the fleet's own versions (GET /api/fleet/topology), on the networks docker
// inspect gives it, and goes in another when it is removed.
import { afterAll, describe, expect, it } from 'vitest';
import { GET as getFleet } from '@/app/api/fleet/route';
import { GET as getFleetTopology } from '@/app/api/fleet/topology/route';
import { fleetLive } from '@/lib/fleet/live';
import { mergeFleet, parseFleetId } from '@/lib/fleet/merge';
import { catalog } from '@/lib/engines/catalog';
import { topologyStore } from '@/lib/engines/registry';
import type { StoreMessage } from '@/lib/store/publisher';
import type { Topology, TopologyPatch } from '@/lib/topology/types';
import { until } from '../helpers/until';
import { docker, dockerJson, removeTestObjects, TEST_LABEL } from './docker-cli';

const IMAGE = 'switchyard-lab/busybox:1';
const NET = 'sy-fleet-it';
const CTR = 'sy-fleet-it-app';

afterAll(() => removeTestObjects());

const fleetTopology = async (): Promise<Topology> => (await getFleetTopology(new Request('http://127.0.0.1/api/fleet/topology'))).json();

describe('GET /api/fleet', () => {
  it('has every container of the engine, in its group, with the networks docker inspect gives it', async () => {
    const res = await getFleet();
    expect(res.status).toBe(200);
    const { topology, engines } = await res.json();
    const me = engines.find((e: { name: string; ok: boolean }) => e.ok);
    expect(me).toBeDefined();
    const ids = dockerJson<{ Id: string }[]>('inspect', ...docker('ps', '-aq').split('\n').filter(Boolean)).map((c) => c.Id);
    const mine = topology.containers.filter((c: { id: string }) => parseFleetId(c.id)?.engine === me.name);
    expect(mine.map((c: { id: string }) => parseFleetId(c.id)!.id).sort()).toEqual([...ids].sort());
    expect(mine.every((c: { composeProject: string }) => c.composeProject === `engine: ${me.name}`)).toBe(true);
  });

  it('follows the engine: a container started and removed with the CLI comes and goes in patches of its own versions', async () => {
    const before = await fleetTopology();
    const engine = parseFleetId(before.containers[0]!.id)!.engine;
    const patches: TopologyPatch[] = [];
    const unsubscribe = fleetLive().subscribe((m: StoreMessage) => { if (m.kind === 'patch') patches.push(m.patch); });
    try {
      const net = docker('network', 'create', '--label', TEST_LABEL, NET);
      const ctr = docker('run', '-d', '--name', CTR, '--label', TEST_LABEL, '--network', NET, IMAGE, 'sleep', '600');
      const fid = `${engine}/${ctr}`;
      const came = await until('the container on the fleet', async () => {
        const t = await fleetTopology();
        return t.endpoints.find((e) => e.containerId === fid && e.networkId === `${engine}/${net}`) ? t : null;
      }, 15_000);
      const ip = docker('inspect', '-f', `{{(index .NetworkSettings.Networks "${NET}").IPAddress}}`, CTR);
      expect(came.endpoints.find((e) => e.containerId === fid)!.ipv4).toBe(ip);
      expect(came.meta!.epoch).toBe(before.meta!.epoch);
      expect(came.meta!.version).toBeGreaterThan(before.meta!.version);
      expect(patches.some((p) => p.containers?.upsert.some((c) => c.id === fid))).toBe(true);
      // Applied in proportion to the change (lib/fleet/follow), not merged again: and the same as a whole merge.
      expect(came.meta!.fullReads).toBe(before.meta!.fullReads);
      const whole = mergeFleet(await Promise.all(catalog().engines.map(async (e) => ({ name: e.name, topology: await topologyStore(e.name).current() }))));
      const now = await fleetTopology();
      if (now.meta!.version === (await fleetLive().current()).meta!.version) expect({ ...now, meta: undefined }).toEqual(JSON.parse(JSON.stringify({ ...whole.topology, meta: undefined })));
      // The patches run one version after another.
      for (let i = 1; i < patches.length; i++) expect(patches[i]!.from).toBe(patches[i - 1]!.to);

      docker('rm', '-f', CTR);
      await until('the container gone from the fleet', async () => ((await fleetTopology()).containers.some((c) => c.id === fid) ? null : true), 15_000);
      expect(patches.some((p) => p.containers?.remove.includes(fid))).toBe(true);
    } finally {
      unsubscribe();
    }
  });
});
