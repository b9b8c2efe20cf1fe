// Compose projects against the real compose and the real engine: Switchyard's reading of the
// files against `docker-compose config`, then drift against what `docker-compose up -d` and
// `up -d --force-recreate` really do to a container changed by hand with the CLI. Run with
// every compose found: Debian's docker-compose (1.29, required) and the compose plugin
// (`docker compose`) where it is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyPatch } from 'diff';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getDrift } from '@/app/api/compose/drift/route';
import { GET as getWriteBack, POST as postWriteBack } from '@/app/api/compose/write-back/route';
import { POST as postUndo } from '@/app/api/activity/[id]/undo/route';
import { readProject } from '@/lib/compose/project';
import type { DriftAnswer } from '@/lib/schemas/compose';
import { ComposeProject, type ComposeProgram } from '../helpers/compose-project';
import { until } from '../helpers/until';
import { DOCKER, TEST_LABEL, docker, dockerJson, removeTestObjects } from './docker-cli';

const IMAGE = process.env.SWITCHYARD_LAB_IMAGE ?? 'switchyard-lab/busybox:1';

interface Compose extends ComposeProgram { name: string }

/** The compose programs on this machine: docker-compose must be there (CI installs it). */
function composes(): Compose[] {
  const out: Compose[] = [];
  const v1 = spawnSync('docker-compose', ['version', '--short'], { encoding: 'utf8' });
  if (v1.status !== 0) throw new Error('docker-compose is not installed (apt-get install docker-compose): the compose tests need it');
  out.push({ name: `docker-compose ${v1.stdout.trim()}`, argv: ['docker-compose'], major: Number(v1.stdout.trim().split('.')[0]) });
  const v2 = spawnSync(DOCKER, ['compose', 'version', '--short'], { encoding: 'utf8' });
  if (v2.status === 0) out.push({ name: `docker compose ${v2.stdout.trim()}`, argv: [DOCKER, 'compose'], major: Number(v2.stdout.trim().replace(/^v/, '').split('.')[0]) });
  return out;
}

/** A /24 in 10.247.0.0/16 that no network on the engine uses. */
function freeSubnet(skip: Set<string>): string {
  const used = new Set(dockerJson<{ IPAM: { Config: { Subnet?: string }[] | null } }[]>('network', 'inspect', ...docker('network', 'ls', '-q').split('\n').filter(Boolean))
    .flatMap((n) => (n.IPAM.Config ?? []).map((c) => c.Subnet ?? '')));
  for (let i = 10; i < 250; i++) {
    const s = `10.247.${i}.0/24`;
    if (!used.has(s) && !skip.has(s)) return s;
  }
  throw new Error('no free subnet in 10.247.0.0/16');
}

const MAIN = `# The shop: web in front, db behind. Comments and layout are part of the test.
services:
  web:
    image: ${IMAGE}
    command: ["sleep", "86400"]
    labels: ["${TEST_LABEL}"]
    networks:
      front:
        aliases: [www]
      back: {}
  db:
    image: ${IMAGE}
    command: ["sleep", "86400"]
    labels: ["${TEST_LABEL}"]
    networks:
      back:
        aliases: [database]
        ipv4_address: \${DB_IP}
networks:
  front:
    labels: ["${TEST_LABEL}"]
  back:
    labels: ["${TEST_LABEL}"]
    ipam:
      config:
        - subnet: \${BACK_SUBNET}
`;

const OVERRIDE = `services:
  web:
    networks:
      back:
        aliases: [shop-web]
  cache:
    image: ${IMAGE}
    command: ["sleep", "86400"]
    labels: ["${TEST_LABEL}"]
`;

const list = composes();

describe.each(list)('with $name', (compose) => {
  const project = `sydrift${process.pid}${compose.major}`;
  let shop: ComposeProject;
  let dir = '';
  let subnet = '';
  const dbIp = () => subnet.replace(/0\/24$/, '10');
  const run = (...args: string[]) => shop.run(...args);
  const ctr = (service: string) => shop.container(service);
  const networksOf = (name: string) => Object.keys(dockerJson<{ NetworkSettings: { Networks: Record<string, unknown> } }[]>('inspect', name)[0]!.NetworkSettings.Networks).sort();

  async function drift(): Promise<DriftAnswer> {
    const res = await getDrift(new Request(`http://127.0.0.1/api/compose/drift?project=${project}`));
    expect(res.status).toBe(200);
    return (await res.json()) as DriftAnswer;
  }
  const ofService = (d: DriftAnswer, service: string) => d.containers.find((c) => c.service === service)!;
  /** Drift once the store has seen the engine as `docker inspect` has it now. */
  async function driftWhen(what: string, ok: (d: DriftAnswer) => boolean): Promise<DriftAnswer> {
    let last: DriftAnswer | null = null;
    try {
      return await until(what, async () => {
        last = await drift();
        return ok(last) ? last : null;
      });
    } catch (err) {
      throw new Error(`${(err as Error).message}; the last answer: ${JSON.stringify(last, null, 1)}`);
    }
  }

  beforeAll(() => {
    subnet = freeSubnet(new Set());
    shop = new ComposeProject(project, {
      'compose.yml': MAIN,
      'compose.override.yml': OVERRIDE,
      '.env': `# the project's env file\nBACK_SUBNET=${subnet}\nDB_IP=${dbIp()}\n`,
    }, compose);
    dir = shop.dir;
    run('up', '-d');
  }, 180_000);

  afterAll(() => {
    shop?.remove();
    removeTestObjects();
  });

  it('reads the files as `config` prints them: each service\'s networks, aliases and addresses', () => {
    const printed = parse(run('config')) as { services: Record<string, { networks?: Record<string, { aliases?: string[]; ipv4_address?: string } | null>; network_mode?: string }>; networks: Record<string, { name?: string; external?: unknown }> };
    const ours = readProject(project, ['compose.yml', 'compose.override.yml'].map((f) => ({ path: join(dir, f), text: readFileSync(join(dir, f), 'utf8') })), { BACK_SUBNET: subnet, DB_IP: dbIp() });
    if (!ours.ok) throw new Error(ours.reason);
    expect(Object.keys(ours.model.services).sort()).toEqual(Object.keys(printed.services).sort());
    for (const [name, s] of Object.entries(printed.services)) {
      const theirs = Object.entries(s.networks ?? { default: null }).map(([key, o]) => ({ key, aliases: [...(o?.aliases ?? [])].sort(), ipv4: o?.ipv4_address ?? null, ipv6: null })).sort((a, b) => a.key.localeCompare(b.key));
      expect(ours.model.services[name]!.networks, name).toEqual(theirs);
    }
    for (const [key, n] of Object.entries(printed.networks)) {
      // compose 2 prints the engine name; 1.29 prints only what the file says
      expect(ours.model.networks[key]!.name).toBe(n.name ?? `${project}_${key}`);
    }
    expect(ours.model.services.db!.networks[0]!.ipv4).toBe(dbIp());
  });

  it('finds the files from the labels, and every container as its files say after `up`', async () => {
    const d = await driftWhen('the project\'s three containers', (x) => x.containers.length === 3);
    expect(d.available).toBe(true);
    const p = d.projects.find((x) => x.project === project)!;
    expect(p).toMatchObject({ read: true, reason: null, containers: 3, drifted: 0, issues: [] });
    expect(p.files).toEqual([join(dir, 'compose.yml'), join(dir, 'compose.override.yml')]);
    for (const c of d.containers) expect(c, c.name).toMatchObject({ status: 'same', items: [] });
    expect(ofService(d, 'web')).toMatchObject({ file: join(dir, 'compose.yml'), line: 3 });
  });

  it('a network joined and one left by hand: drift says what `up` does, and `up` does it', async () => {
    const extra = `${project}-extra`;
    docker('network', 'create', '--label', TEST_LABEL, extra);
    docker('network', 'connect', extra, ctr('web'));
    docker('network', 'disconnect', `${project}_front`, ctr('web'));
    const before = networksOf(ctr('web'));
    const d = await driftWhen('web\'s drift', (x) => ofService(x, 'web').items.length === 2);
    const web = ofService(d, 'web');
    expect(web.status).toBe('drift');
    expect(web.items.map((i) => `${i.kind} ${i.network!.name}`).sort()).toEqual([`extra-network ${extra}`, `missing-network ${project}_front`]);
    expect(web.up).toBe(compose.major >= 2 ? 'recreates' : 'keeps');
    expect(web.summary).toContain(compose.major >= 2 ? 'would recreate' : 'leaves');
    expect(ofService(d, 'db').status).toBe('same');

    run('up', '-d');
    const after = networksOf(ctr('web'));
    const fromFiles = [`${project}_back`, `${project}_front`];
    // The verdict, against what compose just did.
    if (web.up === 'keeps') expect(after).toEqual(before);
    else expect(after).toEqual(fromFiles);

    run('up', '-d', '--force-recreate');
    expect(networksOf(ctr('web'))).toEqual(fromFiles);
    const again = await driftWhen('no drift after a recreate', (x) => x.containers.length === 3 && x.containers.every((c) => c.status === 'same'));
    expect(again.projects[0]!.drifted).toBe(0);
  });

  it('aliases and a fixed address changed by hand are drift too, and a recreate puts them back', async () => {
    const db = ctr('db');
    const other = subnet.replace(/0\/24$/, '77');
    docker('network', 'disconnect', `${project}_back`, db);
    docker('network', 'connect', '--ip', other, '--alias', 'olddb', `${project}_back`, db);
    const d = await driftWhen('db\'s drift', (x) => ofService(x, 'db').items.length === 2);
    const items = ofService(d, 'db').items;
    expect(items.find((i) => i.kind === 'aliases')).toMatchObject({ running: 'olddb', file: 'database' });
    expect(items.find((i) => i.kind === 'address')).toMatchObject({ running: other, file: dbIp() });
    run('up', '-d', '--force-recreate');
    const inspect = dockerJson<{ NetworkSettings: { Networks: Record<string, { IPAddress: string; Aliases: string[] | null }> } }[]>('inspect', db)[0]!;
    expect(inspect.NetworkSettings.Networks[`${project}_back`]!.IPAddress).toBe(dbIp());
    await driftWhen('db as its files say', (x) => ofService(x, 'db')?.status === 'same');
  });

  it('an external network that is gone: the error compose gives, before compose gives it', async () => {
    const ext = `${project}-ext`;
    docker('network', 'create', '--label', TEST_LABEL, ext);
    writeFileSync(join(dir, 'compose.override.yml'), `${OVERRIDE}    networks: [outside]\nnetworks:\n  outside:\n    external: true\n    name: ${ext}\n`);
    run('up', '-d');
    await driftWhen('cache on the external network', (x) => ofService(x, 'cache')?.status === 'same');
    docker('network', 'disconnect', ext, ctr('cache'));
    docker('network', 'rm', ext);
    const d = await driftWhen('the missing external network', (x) => x.projects[0]!.issues.length === 1);
    expect(d.projects[0]!.issues[0]).toMatchObject({ kind: 'external-missing', network: ext });
    expect(ofService(d, 'cache').items).toMatchObject([{ kind: 'missing-network', network: { name: ext, id: null } }]);
    const r = shop.attempt('up', '-d', '--force-recreate');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(new RegExp(`[Nn]etwork ${ext} declared as external, but could not be found`));
    writeFileSync(join(dir, 'compose.override.yml'), OVERRIDE);
  });

  describe('write-back ("Make it last")', () => {
    const json = (body: unknown) => new Request('http://127.0.0.1/api/compose/write-back', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const proposal = async (q: string) => {
      const res = await getWriteBack(new Request(`http://127.0.0.1/api/compose/write-back?${q}`));
      return { status: res.status, body: (await res.json()) as { diff: string; base: string; result: string; file: string; changes: boolean; error?: { message: string } } };
    };
    const apply = async (body: unknown) => {
      const res = await postWriteBack(json(body));
      return { status: res.status, body: (await res.json()) as { entry: { id: number }; backup: string; check: string; error?: { message: string } } };
    };
    it('writes the change into the file, only its lines; `up` then keeps it; undo restores the file', async () => {
      // Every container as the (restored) files say, after the tests before.
      run('up', '-d', '--force-recreate');
      const extra = `${project}-lasting`;
      docker('network', 'create', '--label', TEST_LABEL, extra);
      docker('network', 'connect', extra, ctr('cache'));
      await driftWhen('cache\'s drift', (x) => ofService(x, 'cache')?.status === 'drift');
      const file = join(dir, 'compose.override.yml');
      const original = readFileSync(file, 'utf8');
      const p = await proposal(`container=${ctr('cache')}`);
      expect(p.status, JSON.stringify(p.body)).toBe(200);
      expect(p.body.file).toBe(file);
      expect(p.body.diff).toContain(`+    networks:\n+      default: {}\n+      ${extra}: {}\n`);
      expect(p.body.diff).toContain(`+networks:\n+  ${extra}:\n+    external: true\n`);
      const a = await apply({ container: ctr('cache'), base: p.body.base, result: p.body.result });
      expect(a.status, JSON.stringify(a.body)).toBe(200);
      // The file is the original with the diff applied, and the diff only adds lines: every
      // line that was there is there, byte for byte.
      const written = readFileSync(file, 'utf8');
      expect(applyPatch(original, p.body.diff)).toBe(written);
      expect(p.body.diff.split('\n').filter((l) => l.startsWith('-') && !l.startsWith('---'))).toEqual([]);
      expect(readFileSync(a.body.backup, 'utf8')).toBe(original);
      expect(a.body.check).toMatch(/docker-compose config reads the result|docker compose config reads the result/);
      await driftWhen('cache as its files say', (x) => ofService(x, 'cache')?.status === 'same');
      // The change lasts: compose makes the container again from the file, on the network too.
      run('up', '-d', '--force-recreate');
      expect(networksOf(ctr('cache'))).toEqual([`${project}_default`, extra].sort());
      await driftWhen('cache the same after the recreate', (x) => ofService(x, 'cache')?.status === 'same');

      // Undo puts the file back as it was.
      const u = await postUndo(new Request('http://127.0.0.1/x', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }), { params: Promise.resolve({ id: String(a.body.entry.id) }) });
      expect(u.status).toBe(200);
      expect(readFileSync(file, 'utf8')).toBe(original);
      rmSync(a.body.backup);
      run('up', '-d', '--force-recreate');
    });

    it('refuses a file changed between the diff and the apply, and an undo of a file changed since', async () => {
      docker('network', 'connect', `${project}_back`, ctr('cache'));
      const file = join(dir, 'compose.override.yml');
      await driftWhen('cache\'s drift', (x) => ofService(x, 'cache')?.status === 'drift');
      const p = await proposal(`container=${ctr('cache')}`);
      expect(p.status).toBe(200);
      const edited = `${readFileSync(file, 'utf8')}# edited by hand meanwhile\n`;
      writeFileSync(file, edited);
      const a = await apply({ container: ctr('cache'), base: p.body.base, result: p.body.result });
      expect(a.status).toBe(409);
      expect(a.body.error!.message).toMatch(/changed since the diff was made/);
      expect(readFileSync(file, 'utf8')).toBe(edited);
      // The apply of a fresh diff works; an undo after the file changed again is refused.
      const q = await proposal(`container=${ctr('cache')}`);
      const b = await apply({ container: ctr('cache'), base: q.body.base, result: q.body.result });
      expect(b.status).toBe(200);
      writeFileSync(file, `${readFileSync(file, 'utf8')}# and again\n`);
      const u = await postUndo(new Request('http://127.0.0.1/x', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }), { params: Promise.resolve({ id: String(b.body.entry.id) }) });
      expect(u.status).toBe(409);
      expect(((await u.json()) as { error: { message: string } }).error.message).toMatch(/changed since Switchyard wrote it/);
      expect(existsSync(b.body.backup)).toBe(true);
      rmSync(b.body.backup);
      writeFileSync(file, OVERRIDE);
      docker('network', 'disconnect', `${project}_back`, ctr('cache'));
    });

    it('bad input: a 400 or 409 that names the field or the reason, and no file touched', async () => {
      const before = [readFileSync(join(dir, 'compose.yml'), 'utf8'), readFileSync(join(dir, 'compose.override.yml'), 'utf8')];
      expect((await proposal(`container=${ctr('cache')}&file=/etc/passwd`)).body.error!.message).toMatch(/^file: \/etc\/passwd is not one of project/);
      expect((await proposal(`container=${ctr('cache')}&file=/etc/passwd`)).status).toBe(400);
      expect((await proposal('container=tomcat01')).status).toBe(400);
      expect((await proposal('container=no-such-container')).status).toBe(404);
      // web's networks are in both files: not written
      const web = await proposal(`container=${ctr('web')}`);
      expect(web.status).toBe(409);
      expect(web.body.error!.message).toMatch(/set in 2 files/);
      expect((await apply({ container: ctr('cache'), base: 'abc', result: 'x'.repeat(64) })).status).toBe(400);
      expect((await apply({ container: ctr('cache'), base: 'a'.repeat(64), result: 'b'.repeat(64), extra: 1 })).status).toBe(400);
      expect([readFileSync(join(dir, 'compose.yml'), 'utf8'), readFileSync(join(dir, 'compose.override.yml'), 'utf8')]).toEqual(before);
    });
  });

  it('a file Switchyard cannot follow is named with the reason, never guessed at', async () => {
    writeFileSync(join(dir, 'compose.override.yml'), `${OVERRIDE}  extended:\n    extends: { service: cache }\n`);
    // the running containers stay; only the reading changes
    let d = await drift();
    expect(ofService(d, 'web').status).toBe('same');
    writeFileSync(join(dir, 'compose.override.yml'), 'include: [elsewhere.yml]\n');
    d = await drift();
    expect(d.projects[0]).toMatchObject({ read: false, file: join(dir, 'compose.override.yml') });
    expect(d.projects[0]!.reason).toMatch(/include/);
    for (const c of d.containers) expect(c.status).toBe('unknown');
    writeFileSync(join(dir, 'compose.override.yml'), OVERRIDE);
  });
});

describe('bad input', () => {
  it.each([
    ['project=Not_A_Project', /project/],
    ['project=nosuchproject', /no compose project "nosuchproject"/],
    ['container=nosuchcontainer', /no container "nosuchcontainer"/],
    ['other=1', /other/],
  ])('?%s is a 400 naming the field', async (q, message) => {
    const res = await getDrift(new Request(`http://127.0.0.1/api/compose/drift?${q}`));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(message);
  });
});
