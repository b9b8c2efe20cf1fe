/**
 * A container's status line ("Up 3 minutes", "Exited (0) 2 hours ago") made from its state,
 * the way the engine makes it for `docker ps` (moby container/state.go, go-units
 * HumanDuration). The server fills `status` from this when it reads a container; the page
 * calls it again with the current time, so a container read long ago still says how long it
 * has been up. Pure.
 */
import type { TopoContainer } from './types';

/** The engine's zero time ("0001-01-01T00:00:00Z") and anything unparsable become null. */
export function engineTime(t: string | null | undefined): string | null {
  if (!t || t.startsWith('0001-01-01')) return null;
  return Number.isFinite(Date.parse(t)) ? t : null;
}

/** go-units HumanDuration. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(ms / 3_600_000);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

export type StatusFields = Pick<TopoContainer, 'state' | 'startedAt' | 'finishedAt' | 'exitCode' | 'health'>;

/** The status line at time `now` (ms since the epoch). */
export function containerStatus(c: StatusFields, now: number): string {
  const since = (t: string | null) => humanDuration(Math.max(0, now - (t ? Date.parse(t) : now)));
  switch (c.state) {
    case 'running':
      return `Up ${since(c.startedAt)}${c.health ? ` (${c.health === 'starting' ? 'health: starting' : c.health})` : ''}`;
    case 'paused':
      return `Up ${since(c.startedAt)} (Paused)`;
    case 'restarting':
      return `Restarting (${c.exitCode ?? 0}) ${since(c.finishedAt)} ago`;
    case 'removing':
      return 'Removal In Progress';
    case 'dead':
      return 'Dead';
    case 'created':
      return 'Created';
    default:
      if (!c.startedAt) return 'Created';
      if (!c.finishedAt) return '';
      return `Exited (${c.exitCode ?? 0}) ${since(c.finishedAt)} ago`;
  }
}
