import { describe, expect, it } from 'vitest';
import { readProject } from './project';
import { editServiceNetworks, yamlWord, type Declaration, type NetworkWant } from './write-back';

const w = (key: string, o: Partial<NetworkWant> = {}): NetworkWant => ({ key, aliases: [], ipv4: null, ipv6: null, ...o });

/** Edits `service` of `text` to `want`, checks the result reads back as wanted, and answers it. */
function edit(text: string, service: string, want: NetworkWant[], declare: Declaration[] = []): string {
  const before = readProject('p', [{ path: '/p/c.yml', text }], {});
  if (!before.ok) throw new Error(before.reason);
  const r = editServiceNetworks(text, service, before.model.services[service]!.networks, want, declare);
  if (!r.ok) throw new Error(r.reason);
  const after = readProject('p', [{ path: '/p/c.yml', text: r.text }], {});
  if (!after.ok) throw new Error(`the result does not read: ${after.reason}\n${r.text}`);
  expect(after.model.services[service]!.networks).toEqual([...want].map((x) => ({ ...x, aliases: [...x.aliases].sort() })).sort((a, b) => a.key.localeCompare(b.key)));
  return r.text;
}

const MAP = `# The shop
services:
  web:
    image: x   # the image
    networks:
      # the public side
      front:
        aliases: [www]   # kept
      back: {}
    # after the networks
  db:
    image: x
    networks: [back]
networks:
  front: {}
  back:
    ipam: { config: [{ subnet: 10.1.0.0/24 }] }
`;

describe('editServiceNetworks', () => {
  it('adds an external network: one line under the service, a declaration at the end of networks', () => {
    expect(edit(MAP, 'web', [w('front', { aliases: ['www'] }), w('back'), w('shared')], [{ key: 'shared', external: true }])).toBe(MAP
      .replace('      back: {}\n', '      back: {}\n      shared: {}\n')
      .replace('    ipam: { config: [{ subnet: 10.1.0.0/24 }] }\n', '    ipam: { config: [{ subnet: 10.1.0.0/24 }] }\n  shared:\n    external: true\n'));
  });

  it('removes an entry with the comment just above it, and nothing else', () => {
    expect(edit(MAP, 'web', [w('back')])).toBe(MAP.replace('      # the public side\n      front:\n        aliases: [www]   # kept\n', ''));
  });

  it('rewrites only the entry whose settings change', () => {
    expect(edit(MAP, 'web', [w('front', { aliases: ['www'] }), w('back', { aliases: ['api'], ipv4: '10.1.0.9' })]))
      .toBe(MAP.replace('      back: {}\n', '      back:\n        aliases: [api]\n        ipv4_address: 10.1.0.9\n'));
  });

  it('keeps a flow list a flow list, and makes it a mapping only when an entry needs settings', () => {
    expect(edit(MAP, 'db', [w('back'), w('front')])).toBe(MAP.replace('    networks: [back]\n', '    networks: [back, front]\n'));
    // the file's order is kept, what is new comes after
    const two = MAP.replace('    networks: [back]\n', '    networks: [front, back]\n');
    expect(edit(two, 'db', [w('back'), w('front'), w('a-new')], [{ key: 'a-new', external: true }])).toContain('    networks: [front, back, a-new]\n');
    expect(edit(MAP, 'db', [w('back', { aliases: ['database'] })])).toBe(MAP.replace('    networks: [back]\n', '    networks:\n      back:\n        aliases: [database]\n'));
  });

  it('adds to and removes from a block list in its own indentation', () => {
    const text = 'services:\n    web:\n        image: x\n        networks:\n            - a   # first\n            # about b\n            - b\nnetworks:\n    a:\n    b:\n';
    expect(edit(text, 'web', [w('a'), w('c')], [{ key: 'c', external: false }])).toBe('services:\n    web:\n        image: x\n        networks:\n            - a   # first\n            - c\nnetworks:\n    a:\n    b:\n    c: {}\n');
  });

  it('gives a service on the implicit default network a networks: that keeps default', () => {
    const text = 'services:\n  web:\n    image: x\n  other:\n    image: y\n';
    expect(edit(text, 'web', [w('default'), w('ext')], [{ key: 'ext', external: true }]))
      .toBe('services:\n  web:\n    image: x\n    networks:\n      default: {}\n      ext: {}\n  other:\n    image: y\nnetworks:\n  ext:\n    external: true\n');
  });

  it('writes CRLF into a file with CRLF line ends', () => {
    const text = MAP.replace(/\n/g, '\r\n');
    expect(edit(text, 'web', [w('front', { aliases: ['www'] }), w('back'), w('shared')], [{ key: 'shared', external: true }]))
      .toBe(text.replace('      back: {}\r\n', '      back: {}\r\n      shared: {}\r\n').replace('10.1.0.0/24 }] }\r\n', '10.1.0.0/24 }] }\r\n  shared:\r\n    external: true\r\n'));
  });

  it('writes a last service\'s new networks before the declarations appended after it', () => {
    const text = 'services:\n  web:\n    networks: [default]\n  cache:\n    image: x\n';
    expect(edit(text, 'cache', [w('default'), w('ex')], [{ key: 'ex', external: true }]))
      .toBe('services:\n  web:\n    networks: [default]\n  cache:\n    image: x\n    networks:\n      default: {}\n      ex: {}\nnetworks:\n  ex:\n    external: true\n');
  });

  it('changes nothing when the file already says it', () => {
    expect(edit(MAP, 'web', [w('back'), w('front', { aliases: ['www'] })])).toBe(MAP);
  });

  it('refuses in words what it does not edit', () => {
    const refuse = (text: string, service: string, want: NetworkWant[]) => {
      const r = editServiceNetworks(text, service, [], want);
      if (r.ok) throw new Error('edited, but should not have');
      return r.reason;
    };
    expect(refuse(MAP, 'nope', [w('back')])).toMatch(/no service "nope"/);
    expect(refuse(MAP, 'web', [])).toMatch(/no network/);
    expect(refuse('services:\n  h:\n    network_mode: host\n', 'h', [w('a')])).toMatch(/network_mode/);
    expect(refuse('services: {web: {image: x}}\n', 'web', [w('a')])).toMatch(/not a block mapping/);
    const withVar = 'services:\n  web:\n    networks:\n      back:\n        aliases: ["${A}"]\nnetworks:\n  back: {}\n';
    const r = editServiceNetworks(withVar, 'web', [{ key: 'back', aliases: ['x'], ipv4: null, ipv6: null }], [w('back', { aliases: ['y'] })]);
    expect(r.ok ? '' : r.reason).toMatch(/uses a variable/);
  });

  it('quotes what YAML would read as something else', () => {
    expect([yamlWord('web'), yamlWord('yes'), yamlWord('1.5'), yamlWord('a b'), yamlWord('off')]).toEqual(['web', '"yes"', '"1.5"', '"a b"', '"off"']);
  });
});
