// Compose projects against the real compose and the real engine: Switchyard's reading of the
// files against `docker-compose config`, then drift against what `docker-compose up -d` and
// `up -d --force-recreate` really do to a container changed by hand with the CLI. Run with
// every compose found: Debian's docker-compose (1.29, required) and the compose plugin
// (`docker compose`) where it is installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getDrift } from '@/app/api/compose/drift/route';
import { readProject } from '@/lib/compose/project';
import type { DriftAnswer } from '@/lib/schemas/compose';
import { until } from '../helpers/until';
import { DOCKER, TEST_LABEL, docker, dockerJson, removeTestObjects } from './docker-cli';

const IMAGE = process.env.SWITCHYARD_LAB_IMAGE ?? 'switchyard-lab/busybox:1';

interface Compose { name: string; argv: string[]; major: number }

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
  let dir = '';
  let subnet = '';
  const dbIp = () => subnet.replace(/0\/24$/, '10');
  const run = (...args: string[]) => execFileSync(compose.argv[0]!, [...compose.argv.slice(1), '-p', project, '-f', join(dir, 'compose.yml'), '-f', join(dir, 'compose.override.yml'), ...args], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  const ctr = (service: string) => compose.major >= 2 ? `${project}-${service}-1` : `${project}_${service}_1`;
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
    dir = mkdtempSync(join(tmpdir(), 'switchyard-compose-'));
    subnet = freeSubnet(new Set());
    writeFileSync(join(dir, 'compose.yml'), MAIN);
    writeFileSync(join(dir, 'compose.override.yml'), OVERRIDE);
    writeFileSync(join(dir, '.env'), `# the project's env file\nBACK_SUBNET=${subnet}\nDB_IP=${dbIp()}\n`);
    run('up', '-d');
  }, 180_000);

  afterAll(() => {
    spawnSync(compose.argv[0]!, [...compose.argv.slice(1), '-p', project, '-f', join(dir, 'compose.yml'), '-f', join(dir, 'compose.override.yml'), 'down', '-t', '0'], { cwd: dir, encoding: 'utf8' });
    removeTestObjects();
    rmSync(dir, { recursive: true, force: true });
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
    const r = spawnSync(compose.argv[0]!, [...compose.argv.slice(1), '-p', project, '-f', join(dir, 'compose.yml'), '-f', join(dir, 'compose.override.yml'), 'up', '-d', '--force-recreate'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(new RegExp(`[Nn]etwork ${ext} declared as external, but could not be found`));
    writeFileSync(join(dir, 'compose.override.yml'), OVERRIDE);
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
