import { describe, expect, it } from 'vitest';
import { readProject, type ComposeModel } from './project';

const model = (files: [string, string][], env: Record<string, string> = {}, project = 'p'): ComposeModel => {
  const r = readProject(project, files.map(([path, text]) => ({ path, text })), env);
  if (!r.ok) throw new Error(r.reason);
  return r.model;
};
const refusal = (files: [string, string][], env: Record<string, string> = {}) => {
  const r = readProject('p', files.map(([path, text]) => ({ path, text })), env);
  if (r.ok) throw new Error('read, but should not have been');
  return r;
};

describe('readProject', () => {
  it('reads list and map forms, aliases, static addresses, network_mode and the implicit default', () => {
    const m = model([['/p/compose.yml', `
services:
  web:            # line 3
    image: x
    networks: [front, back]
  db:
    image: x
    networks:
      back:
        aliases: [database, db2]
        ipv4_address: 10.1.0.5
  lone:
    image: x
  hosted:
    image: x
    network_mode: host
networks:
  front: {}
  back:
    ipam: { config: [{ subnet: 10.1.0.0/24 }] }
`]]);
    expect(m.services.web).toMatchObject({ networkMode: null, line: 3, file: '/p/compose.yml', unknown: null });
    expect(m.services.web!.networks.map((n) => n.key)).toEqual(['back', 'front']);
    expect(m.services.db!.networks).toEqual([{ key: 'back', aliases: ['database', 'db2'], ipv4: '10.1.0.5', ipv6: null }]);
    expect(m.services.lone!.networks).toEqual([{ key: 'default', aliases: [], ipv4: null, ipv6: null }]);
    expect(m.services.hosted).toMatchObject({ networkMode: 'host', networks: [] });
    expect(m.networks.front).toMatchObject({ name: 'p_front', external: false, declared: true });
    expect(m.networks.default).toMatchObject({ name: 'p_default', declared: false });
  });

  it('names networks as compose does: name:, external: true, external: {name}', () => {
    const m = model([['/p/c.yml', `
version: "3.8"
services:
  a: { image: x, networks: [named, ext, oldext] }
networks:
  named: { name: custom-net }
  ext: { external: true }
  oldext: { external: { name: legacy-net } }
`]]);
    expect(m.networks.named).toMatchObject({ name: 'custom-net', external: false });
    expect(m.networks.ext).toMatchObject({ name: 'ext', external: true });
    expect(m.networks.oldext).toMatchObject({ name: 'legacy-net', external: true });
  });

  it('merges several files in order: networks by key, aliases joined, addresses overridden', () => {
    const m = model([
      ['/p/a.yml', 'services:\n  web:\n    image: x\n    networks:\n      front:\n        aliases: [one]\n      back: {}\nnetworks:\n  front: {}\n  back: {}\n'],
      ['/p/b.yml', 'services:\n  web:\n    networks:\n      front:\n        aliases: [two]\n        ipv4_address: 10.0.0.9\n      extra: {}\n  more:\n    image: y\nnetworks:\n  extra: { name: shared }\n'],
    ]);
    expect(m.services.web!.networks).toEqual([
      { key: 'back', aliases: [], ipv4: null, ipv6: null },
      { key: 'extra', aliases: [], ipv4: null, ipv6: null },
      { key: 'front', aliases: ['one', 'two'], ipv4: '10.0.0.9', ipv6: null },
    ]);
    expect(m.services.web!.file).toBe('/p/a.yml');
    expect(m.services.more!.file).toBe('/p/b.yml');
    expect(m.networks.extra!.name).toBe('shared');
  });

  it('interpolates from the env file, and says what it assumed or cannot know', () => {
    const text = 'services:\n  a:\n    image: x\n    networks: ["${NET}"]\n  b:\n    image: x\n    networks: ["${NOPE}"]\n  c:\n    image: x\n    networks: [other]\nnetworks:\n  back: {}\n  "":\n    name: blank\n  other:\n    name: "${OTHER:-fallback}"\n';
    const m = model([['/p/c.yml', text]], { NET: 'back' });
    expect(m.services.a!.networks[0]!.key).toBe('back');
    expect(m.services.a!.unknown).toBeNull();
    // ${NOPE} is unset: the service's networks are not known (compose used the shell's value)
    expect(m.services.b!.unknown).toMatch(/\$\{NOPE\}.*env file does not set it/);
    expect(m.networks.other!.name).toBe('fallback');
    expect(m.assumptions.join('\n')).toMatch(/\$\{OTHER\}.*taken as its default/);
  });

  it('marks a service that uses extends as unknown, and refuses include, version 1 and bad YAML', () => {
    const m = model([['/p/c.yml', 'services:\n  base: { image: x }\n  web:\n    extends: { service: base }\n']]);
    expect(m.services.web!.unknown).toMatch(/extends/);
    expect(m.services.base!.unknown).toBeNull();
    expect(refusal([['/p/c.yml', 'include: [other.yml]\nservices: {}\n']]).reason).toMatch(/include/);
    expect(refusal([['/p/c.yml', 'web:\n  image: x\n']]).reason).toMatch(/version 1/);
    expect(refusal([['/p/c.yml', 'services:\n  a: [\n']]).reason).toMatch(/not valid YAML \(line \d+\)/);
    expect(refusal([['/p/c.yml', 'services:\n  a:\n    image: x\n    networks: [nowhere]\n']]).reason).toMatch(/undefined network "nowhere"/);
    expect(refusal([['/p/c.yml', 'services:\n  a:\n    image: "${BROKEN"\n']]).reason).toMatch(/compose refuses the file/);
    expect(refusal([]).reason).toMatch(/no files/);
  });

  it('follows YAML 1.1 anchors and merge keys, as PyYAML does', () => {
    const m = model([['/p/c.yml', 'x-nets: &nets\n  networks:\n    back:\n      aliases: [shared]\nservices:\n  a:\n    <<: *nets\n    image: x\nnetworks:\n  back: {}\n']]);
    expect(m.services.a!.networks).toEqual([{ key: 'back', aliases: ['shared'], ipv4: null, ipv6: null }]);
  });
});
