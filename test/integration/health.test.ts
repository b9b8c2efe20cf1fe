import { afterEach, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/health/route';
import { resetSettings } from '@/lib/config/env';
import { resetEngine } from '@/lib/docker/client';
import { docker } from './docker-cli';

const saved = process.env.DOCKER_HOST;
afterEach(() => {
  if (saved === undefined) delete process.env.DOCKER_HOST;
  else process.env.DOCKER_HOST = saved;
  resetEngine();
});

describe('GET /api/health on the lab engine', () => {
  it('reports the engine\'s version and the negotiated API version', async () => {
    const res = await GET();
    expect(res.status).toBe(200);
    const body = await res.json();
    const [serverVersion, apiVersion] = docker('version', '--format', '{{.Server.Version}} {{.Server.APIVersion}}').split(' ');
    expect(body.ok).toBe(true);
    expect(body.engine.serverVersion).toBe(serverVersion);
    expect(body.engine.serverApiVersion).toBe(apiVersion);
    // Switchyard speaks the engine's version or its own newest, whichever is lower.
    expect(Number(body.engine.apiVersion.split('.')[1])).toBeLessThanOrEqual(Number(apiVersion!.split('.')[1]));
    expect(body.endpoint).toMatch(/^unix:\/\/|^tcp:\/\//);
  });

  it('answers 503 with an actionable reason when no engine is there', async () => {
    process.env.DOCKER_HOST = 'unix:///tmp/switchyard-no-such-engine.sock';
    resetEngine();
    const res = await GET();
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('engine_unreachable');
    expect(body.error.message).toBe('no Docker engine at /tmp/switchyard-no-such-engine.sock: is the daemon running? set DOCKER_HOST to use another');
    expect(body.endpoint).toBe('unix:///tmp/switchyard-no-such-engine.sock');
  });

  it('recovers once the engine is reachable again', async () => {
    process.env.DOCKER_HOST = 'unix:///tmp/switchyard-no-such-engine.sock';
    resetEngine();
    expect((await GET()).status).toBe(503);
    if (saved === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = saved;
    resetSettings(); // the environment is read once: read it again, but keep every connection and store as it is
    expect((await GET()).status).toBe(200);
  });
});
