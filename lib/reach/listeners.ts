/**
 * What listening sockets (lib/host/proc-net-tcp) mean for who can connect. Pure.
 */
import type { Listener } from '@/lib/host/proc-net-tcp';

export type { Listener };

/** Where a port is listened on, for connections from outside the namespace and from within. */
export type ListenScope = 'any' | 'loopback' | 'specific' | 'none';

/** Docker's embedded DNS listens on 127.0.0.11 inside every container on a user-defined network. */
export const DOCKER_DNS = '127.0.0.11';

export const isLoopback = (address: string) => address.startsWith('127.') || address === '::1';
export const isWildcard = (address: string) => address === '0.0.0.0' || address === '::';

/** The app's own listeners on a port (Docker's DNS left out: it is Docker's, not the app's). */
export function listenersOn(listeners: readonly Listener[], port: number): Listener[] {
  return listeners.filter((l) => l.port === port && l.address !== DOCKER_DNS);
}

/** Whether a connection to `address:port` from outside the namespace finds a listener. */
export function acceptsFrom(listeners: readonly Listener[], port: number, address: string): boolean {
  return listenersOn(listeners, port).some((l) => isWildcard(l.address) || l.address === address);
}

/** Every port listened on (Docker's DNS left out). */
export function listenedPorts(listeners: readonly Listener[]): number[] {
  return [...new Set(listeners.filter((l) => l.address !== DOCKER_DNS).map((l) => l.port))].sort((a, b) => a - b);
}

export function scopeOn(listeners: readonly Listener[], port: number): ListenScope {
  const on = listenersOn(listeners, port);
  if (on.length === 0) return 'none';
  if (on.some((l) => isWildcard(l.address))) return 'any';
  if (on.every((l) => isLoopback(l.address))) return 'loopback';
  return 'specific';
}
