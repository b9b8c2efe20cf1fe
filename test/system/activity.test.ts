// The activity log across real restarts of the built app on the lab engine: what was logged is
// there after a restart (and the undo still works); a damaged store is set aside, the server
// starts and says so; a data directory that cannot be used gives a log in memory, said too.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw, startServer, type AppServer } from '../helpers/app-server';
import { until } from '../helpers/until';
import { docker, removeTestObjects, TEST_LABEL } from '../integration/docker-cli';

const PORT = 3341;
const NET = 'sy-act-sys';
const own = { 'content-type': 'application/json', origin: `http://127.0.0.1:${PORT}` };
type Entry = { id: number; kind: string; source: string; network: { name: string } | null; container: { name: string } | null; undo: { command: string } | null };
type Answer = { entries: Entry[]; store: { kind: string; path: string | null; entries: number; notice: string | null } };
const activity = async (q = '') => (await raw(PORT, 'GET', `/api/activity${q}`)).json() as unknown as Answer;

let dir: string;
let app: AppServer | null = null;
const start = async (dataDir: string) => (app = await startServer(PORT, { SWITCHYARD_DATA_DIR: dataDir }));
const stop = async () => { await app?.stop(); app = null; };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sy-activity-sys-'));
  removeTestObjects();
  docker('network', 'create', '--label', TEST_LABEL, NET);
  docker('run', '-d', '--name', 'sy-act-sys-a', '--label', TEST_LABEL, 'switchyard-lab/busybox:1', 'sh', '-c', "trap 'exit 0' TERM; while :; do sleep 3600 & wait $!; done");
});
afterAll(async () => {
  await stop();
  removeTestObjects();
  rmSync(dir, { recursive: true, force: true });
});

describe('the activity log across restarts', () => {
  it('keeps what it logged through a restart, and an entry from before it can still be undone', async () => {
    await start(dir);
    const r = await raw(PORT, 'POST', `/api/networks/${NET}/connect`, own, JSON.stringify({ container: 'sy-act-sys-a' }));
    expect(r.status).toBe(200);
    docker('network', 'disconnect', NET, 'sy-act-sys-a');
    await until('the CLI disconnect', async () => (await activity(`?network=${NET}`)).entries.find((e) => e.source === 'engine' && e.kind === 'disconnect'));
    docker('network', 'connect', NET, 'sy-act-sys-a');
    const before = await until('the CLI connect', async () => {
      const a = await activity(`?network=${NET}`);
      return a.entries.filter((e) => e.source === 'engine').length === 2 ? a : null;
    });
    await stop();

    await start(dir);
    const after = await activity(`?network=${NET}`);
    expect(after.entries).toEqual(before.entries);
    expect(after.store).toMatchObject({ kind: 'sqlite', path: join(dir, 'activity-default.db'), notice: null });
    // Undo the CLI's reconnect? Not ours: refused. Undo ours after a disconnect of ours: works.
    expect((await raw(PORT, 'POST', `/api/activity/${after.entries[0]!.id}/undo`, own, '{}')).status).toBe(409);
    await raw(PORT, 'POST', `/api/networks/${NET}/disconnect`, own, JSON.stringify({ container: 'sy-act-sys-a' }));
    await stop();
    await start(dir);
    const mine = (await activity(`?network=${NET}&source=switchyard`)).entries[0]!;
    expect(mine.kind).toBe('disconnect');
    const u = await raw(PORT, 'POST', `/api/activity/${mine.id}/undo`, own, '{}');
    expect(u.status).toBe(200);
    expect(docker('inspect', '-f', '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}', 'sy-act-sys-a')).toContain(NET);
    await stop();
  });

  it('sets a damaged store aside at start, says so, and starts a new one', async () => {
    writeFileSync(join(dir, 'activity-default.db'), Buffer.alloc(64 * 1024, 0x5a));
    for (const f of readdirSync(dir).filter((f) => f.endsWith('-wal') || f.endsWith('-shm'))) rmSync(join(dir, f));
    await start(dir);
    expect((await raw(PORT, 'GET', '/api/health')).status).toBe(200);
    const a = await activity();
    expect(a.store.notice).toMatch(/could not be read .* set aside as .*activity-default\.db\.damaged-.* new one started/);
    expect(a.entries).toEqual([]);
    expect(readdirSync(dir).some((f) => f.startsWith('activity-default.db.damaged-'))).toBe(true);
    expect(app!.stderr()).toMatch(/set aside/);
    // And it logs again.
    expect((await raw(PORT, 'POST', `/api/networks/${NET}/disconnect`, own, JSON.stringify({ container: 'sy-act-sys-a' }))).status).toBe(200);
    expect((await activity()).entries.map((e) => e.kind)).toEqual(['disconnect']);
    await stop();
  });

  it('keeps activity in memory, and says so, where the data directory cannot be used', async () => {
    const blocked = join(dir, 'a-file');
    writeFileSync(blocked, 'x');
    await start(join(blocked, 'sub'));
    const a = await activity();
    expect(a.store).toMatchObject({ kind: 'memory', path: null });
    expect(a.store.notice).toMatch(/cannot be made .* kept in memory until the server stops; set SWITCHYARD_DATA_DIR/);
    await stop();
  });
});
