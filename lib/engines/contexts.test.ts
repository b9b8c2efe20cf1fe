import { describe, expect, it } from 'vitest';
import { contextDirName, readContexts, type ConfigReader } from './contexts';
import { parseEnginesFile } from './engines-file';

/** A config directory as plain data: path -> text, directories derived from the paths. */
function reader(files: Record<string, string>): ConfigReader {
  return {
    read: (p) => files[p] ?? null,
    list: (dir) => [...new Set(Object.keys(files).filter((p) => p.startsWith(`${dir}/`)).map((p) => p.slice(dir.length + 1).split('/')[0]!))],
  };
}

const meta = (name: string, host: string, extra: Record<string, unknown> = {}) => ({
  [`/cfg/contexts/meta/${contextDirName(name)}/meta.json`]: JSON.stringify({ Name: name, Metadata: { Description: `${name} box` }, Endpoints: { docker: { Host: host, SkipTLSVerify: false, ...extra } } }),
});

describe('docker contexts, as the CLI reads them', () => {
  it('stores a context under the sha256 of its name (as `docker context create` does)', () => {
    // Seen with the docker CLI 28.2: `docker context create lab2` made contexts/meta/<this>/meta.json.
    expect(contextDirName('lab2')).toBe('77812e70c9c6d7a0b7dbd8233f3cbe213f71ac0eecd1e6184ae5816095dab9a2');
  });

  it('lists default first, then each stored context, with its endpoint', () => {
    const c = readContexts({ DOCKER_CONFIG: '/cfg' }, reader({ ...meta('lab2', 'unix:///run/lab2.sock'), ...meta('remote', 'ssh://ops@build.example') }));
    expect(c.engines.map((e) => [e.name, e.source])).toEqual([['default', 'default'], ['lab2', 'context'], ['remote', 'context']]);
    expect(c.engines[1]!.endpoint).toEqual({ kind: 'unix', socketPath: '/run/lab2.sock' });
    expect(c.engines[2]!.endpoint).toEqual({ kind: 'ssh', host: 'build.example', port: 22, username: 'ops' });
    expect(c.engines[1]!.description).toBe('lab2 box');
    expect(c.current).toBe('default');
  });

  it('picks the current one: DOCKER_HOST, then DOCKER_CONTEXT, then config.json, then default', () => {
    const files = { ...meta('lab2', 'unix:///run/lab2.sock'), ...meta('other', 'unix:///run/o.sock'), '/cfg/config.json': JSON.stringify({ currentContext: 'other' }) };
    expect(readContexts({ DOCKER_CONFIG: '/cfg' }, reader(files)).current).toBe('other');
    expect(readContexts({ DOCKER_CONFIG: '/cfg', DOCKER_CONTEXT: 'lab2' }, reader(files)).current).toBe('lab2');
    const withHost = readContexts({ DOCKER_CONFIG: '/cfg', DOCKER_CONTEXT: 'lab2', DOCKER_HOST: 'unix:///run/h.sock' }, reader(files));
    expect(withHost.current).toBe('default');
    expect(withHost.engines[0]!.endpoint).toEqual({ kind: 'unix', socketPath: '/run/h.sock' });
  });

  it('uses ~/.docker without DOCKER_CONFIG', () => {
    const files = { [`/home/u/.docker/contexts/meta/${contextDirName('a')}/meta.json`]: JSON.stringify({ Name: 'a', Endpoints: { docker: { Host: 'tcp://10.0.0.5:2375' } } }) };
    expect(readContexts({ HOME: '/home/u' }, reader(files)).engines.map((e) => e.name)).toEqual(['default', 'a']);
  });

  it('turns TLS on where the context has TLS material, with its directory, and keeps SkipTLSVerify', () => {
    const dir = `/cfg/contexts/tls/${contextDirName('secure')}/docker`;
    const files = { ...meta('secure', 'tcp://10.0.0.9', { SkipTLSVerify: true }), [`${dir}/ca.pem`]: 'x', [`${dir}/cert.pem`]: 'x', [`${dir}/key.pem`]: 'x', ...meta('plain', 'tcp://10.0.0.8:2375') };
    const c = readContexts({ DOCKER_CONFIG: '/cfg' }, reader(files));
    expect(c.engines.find((e) => e.name === 'secure')!.endpoint).toEqual({ kind: 'tcp', host: '10.0.0.9', port: 2376, tls: true, certPath: dir, skipVerify: true });
    expect(c.engines.find((e) => e.name === 'plain')!.endpoint).toEqual({ kind: 'tcp', host: '10.0.0.8', port: 2375, tls: false, certPath: null });
  });

  it('says what it could not use, and never throws', () => {
    const files = {
      '/cfg/config.json': '{not json',
      '/cfg/contexts/meta/aaa/meta.json': 'nope',
      [`/cfg/contexts/meta/${contextDirName('bad')}/meta.json`]: JSON.stringify({ Name: 'bad', Endpoints: { docker: { Host: 'ftp://x' } } }),
      [`/cfg/contexts/meta/${contextDirName('k8s')}/meta.json`]: JSON.stringify({ Name: 'k8s', Endpoints: { kubernetes: {} } }),
    };
    const c = readContexts({ DOCKER_CONFIG: '/cfg', DOCKER_CONTEXT: 'gone' }, reader(files));
    expect(c.current).toBe('default');
    expect(c.problems.join('\n')).toMatch(/config\.json is not JSON/);
    expect(c.problems.join('\n')).toMatch(/aaa\/meta\.json names no usable context/);
    expect(c.problems.join('\n')).toMatch(/context k8s has no docker endpoint/);
    expect(c.problems.join('\n')).toMatch(/current context gone \(DOCKER_CONTEXT\) does not exist/);
    const bad = c.engines.find((e) => e.name === 'bad')!;
    expect(bad.endpoint).toBeInstanceOf(Error);
    expect((bad.endpoint as Error).message).toMatch(/context bad: host ftp:\/\/x: unsupported scheme ftp/);
  });
});

describe('SWITCHYARD_ENGINES', () => {
  it('takes named engines, as an object or a bare array', () => {
    const text = JSON.stringify({ engines: [{ name: 'build-box', host: 'tcp://10.0.0.5:2376', tlsVerify: true, certPath: '/certs', description: 'CI' }, { name: 'lab2', host: 'unix:///run/lab2.sock' }] });
    const r = parseEnginesFile(text, '/e.json');
    expect(r.problems).toEqual([]);
    expect(r.engines.map((e) => [e.name, e.source, e.description])).toEqual([['build-box', 'file', 'CI'], ['lab2', 'file', null]]);
    expect(r.engines[0]!.endpoint).toEqual({ kind: 'tcp', host: '10.0.0.5', port: 2376, tls: true, certPath: '/certs' });
    expect(parseEnginesFile(JSON.stringify([{ name: 'x', host: 'unix:///x.sock' }]), '/e.json').engines).toHaveLength(1);
  });

  it('refuses a bad file in words that name the file and the field', () => {
    expect(parseEnginesFile('{', '/e.json').problems).toEqual(['/e.json (SWITCHYARD_ENGINES) is not JSON']);
    expect(parseEnginesFile(JSON.stringify({ engines: [{ name: 'no spaces', host: 'unix:///x' }] }), '/e.json').problems[0]).toMatch(/engines\.0\.name: a name of letters/);
    expect(parseEnginesFile(JSON.stringify({ engines: [{ name: 'a', host: 'unix:///x', extra: 1 }] }), '/e.json').problems[0]).toMatch(/extra/);
    const dup = parseEnginesFile(JSON.stringify([{ name: 'a', host: 'unix:///x' }, { name: 'a', host: 'unix:///y' }]), '/e.json');
    expect(dup.engines).toHaveLength(1);
    expect(dup.problems[0]).toMatch(/names a twice/);
  });
});
