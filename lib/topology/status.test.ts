import { describe, expect, it } from 'vitest';
import { containerStatus, engineTime, humanDuration } from './status';

const t0 = Date.parse('2026-11-25T10:00:00Z');
const at = (ms: number) => new Date(t0 + ms).toISOString();

describe('humanDuration (go-units)', () => {
  it.each([
    [400, 'Less than a second'], [1_000, '1 second'], [59_000, '59 seconds'], [60_000, 'About a minute'],
    [119_000, 'About a minute'], [120_000, '2 minutes'], [59 * 60_000, '59 minutes'], [60 * 60_000, 'About an hour'],
    [47 * 3_600_000, '47 hours'], [48 * 3_600_000, '2 days'], [14 * 86_400_000, '2 weeks'], [60 * 86_400_000, '2 months'],
    [3 * 365 * 86_400_000, '3 years'],
  ])('%d ms is "%s"', (ms, text) => expect(humanDuration(ms)).toBe(text));
});

describe('containerStatus, as docker ps says it', () => {
  const base = { startedAt: at(0), finishedAt: null, exitCode: 0, health: null };
  it('running, paused, healthy and starting', () => {
    expect(containerStatus({ ...base, state: 'running' }, t0 + 180_000)).toBe('Up 3 minutes');
    expect(containerStatus({ ...base, state: 'paused' }, t0 + 5_000)).toBe('Up 5 seconds (Paused)');
    expect(containerStatus({ ...base, state: 'running', health: 'healthy' }, t0 + 5_000)).toBe('Up 5 seconds (healthy)');
    expect(containerStatus({ ...base, state: 'running', health: 'starting' }, t0 + 5_000)).toBe('Up 5 seconds (health: starting)');
  });
  it('exited, restarting, created, dead', () => {
    expect(containerStatus({ ...base, state: 'exited', finishedAt: at(0), exitCode: 137 }, t0 + 7_200_000)).toBe('Exited (137) 2 hours ago');
    expect(containerStatus({ ...base, state: 'restarting', finishedAt: at(0), exitCode: 1 }, t0 + 2_000)).toBe('Restarting (1) 2 seconds ago');
    expect(containerStatus({ state: 'created', startedAt: null, finishedAt: null, exitCode: null, health: null }, t0)).toBe('Created');
    expect(containerStatus({ ...base, state: 'dead' }, t0)).toBe('Dead');
  });
  it('reads the engine zero time as "never"', () => {
    expect(engineTime('0001-01-01T00:00:00Z')).toBeNull();
    expect(engineTime('2026-11-22T16:31:05.314456593Z')).toBe('2026-11-22T16:31:05.314456593Z');
    expect(engineTime('')).toBeNull();
  });
});
