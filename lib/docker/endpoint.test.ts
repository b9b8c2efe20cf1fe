import { describe, expect, it } from 'vitest';
import { describeEndpoint, endpointFromEnv, EndpointConfigError, isLocalEndpoint } from './endpoint';

describe('endpointFromEnv', () => {
  it('defaults to the local socket', () => {
    expect(endpointFromEnv({})).toEqual({ kind: 'unix', socketPath: '/var/run/docker.sock' });
    expect(endpointFromEnv({ DOCKER_HOST: '' })).toEqual({ kind: 'unix', socketPath: '/var/run/docker.sock' });
  });

  it('reads unix:// paths', () => {
    expect(endpointFromEnv({ DOCKER_HOST: 'unix:///run/user/1000/docker.sock' })).toEqual({ kind: 'unix', socketPath: '/run/user/1000/docker.sock' });
    expect(() => endpointFromEnv({ DOCKER_HOST: 'unix://relative.sock' })).toThrow(EndpointConfigError);
  });

  it('reads tcp:// with and without TLS, like the docker CLI', () => {
    expect(endpointFromEnv({ DOCKER_HOST: 'tcp://127.0.0.1:2375' })).toEqual({ kind: 'tcp', host: '127.0.0.1', port: 2375, tls: false, certPath: null });
    expect(endpointFromEnv({ DOCKER_HOST: 'tcp://engine.example' })).toMatchObject({ port: 2375, tls: false });
    expect(endpointFromEnv({ DOCKER_HOST: 'tcp://engine.example', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' }))
      .toEqual({ kind: 'tcp', host: 'engine.example', port: 2376, tls: true, certPath: '/certs' });
    expect(endpointFromEnv({ DOCKER_HOST: 'tcp://e:1', DOCKER_TLS_VERIFY: '1', HOME: '/home/u' })).toMatchObject({ certPath: '/home/u/.docker' });
    expect(endpointFromEnv({ DOCKER_HOST: 'tcp://e:1', DOCKER_TLS_VERIFY: '0' })).toMatchObject({ tls: false });
    expect(endpointFromEnv({ DOCKER_HOST: 'tcp://[::1]:2375' })).toMatchObject({ host: '::1', port: 2375 });
    expect(endpointFromEnv({ DOCKER_HOST: '10.0.0.5:2375' })).toMatchObject({ kind: 'tcp', host: '10.0.0.5' });
  });

  it('reads ssh://', () => {
    expect(endpointFromEnv({ DOCKER_HOST: 'ssh://deploy@build-1' })).toEqual({ kind: 'ssh', host: 'build-1', port: 22, username: 'deploy' });
    expect(endpointFromEnv({ DOCKER_HOST: 'ssh://build-1:2222' })).toEqual({ kind: 'ssh', host: 'build-1', port: 2222, username: null });
  });

  it('refuses what it cannot use, saying what would work', () => {
    expect(() => endpointFromEnv({ DOCKER_HOST: 'npipe:////./pipe/docker_engine' })).toThrow(/unsupported scheme npipe/);
    expect(() => endpointFromEnv({ DOCKER_HOST: 'tcp://' })).toThrow(EndpointConfigError);
  });
});

describe('describeEndpoint', () => {
  it('never shows credentials', () => {
    const ep = endpointFromEnv({ DOCKER_HOST: 'ssh://deploy:secret@build-1' });
    expect(describeEndpoint(ep)).toBe('ssh://deploy@build-1');
    expect(describeEndpoint(endpointFromEnv({ DOCKER_HOST: 'tcp://[::1]:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/c' }))).toBe('tcp://[::1]:2376 (TLS)');
    expect(describeEndpoint(endpointFromEnv({}))).toBe('unix:///var/run/docker.sock');
  });

  it('knows which endpoints share this machine\'s /proc', () => {
    expect(isLocalEndpoint(endpointFromEnv({}))).toBe(true);
    expect(isLocalEndpoint(endpointFromEnv({ DOCKER_HOST: 'tcp://127.0.0.1:2375' }))).toBe(false);
  });
});
