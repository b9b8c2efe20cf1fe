// GET /api/fleet against the real lab engine: its containers, networks and endpoints are all
// there under the engine's name, each endpoint as docker inspect has it.
import { describe, expect, it } from 'vitest';
import { GET as getFleet } from '@/app/api/fleet/route';
import { parseFleetId } from '@/lib/fleet/merge';
import { docker, dockerJson } from './docker-cli';

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
});
