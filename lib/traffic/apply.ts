/** A rate as the page writes it: "240 B/s", "1.2 kB/s", "3.4 MB/s". */
export const formatRate = (bps: number) => (bps >= 1e6 ? `${(bps / 1e6).toFixed(1)} MB/s` : bps >= 1e3 ? `${(bps / 1e3).toFixed(1)} kB/s` : `${Math.round(bps)} B/s`);

/** A traffic patch (GET /api/events' `traffic-patch`) applied to the flows it follows. Pure. */
import type { Traffic, TrafficPatch } from '@/lib/schemas/traffic';

export function applyTrafficPatch(t: Traffic, p: TrafficPatch): Traffic {
  const gone = new Set(p.remove);
  const next = new Map(t.flows.filter((f) => !gone.has(f.id)).map((f) => [f.id, f]));
  for (const f of p.upsert) next.set(f.id, f);
  const flows = [...next.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const { reason: _r, ...rest } = t;
  return { ...rest, at: p.at, intervalMs: p.intervalMs, basis: p.basis, ...(p.reason ? { reason: p.reason } : {}), flows };
}

/** The live connections a disconnect of `containerIds` from a network (or its removal) would cut. */
export function flowsThrough(flows: Traffic['flows'], networkId: string, containerIds: readonly string[] | null): Traffic['flows'] {
  return flows.filter((f) => f.networkId === networkId && f.connections > 0
    && (containerIds === null || containerIds.includes(f.client.containerId ?? '') || containerIds.includes(f.server.containerId ?? '')));
}

/** "3 open connections will be cut: api-1 -> redis:6379 (2), worker -> redis:6379 (1)". */
export function describeCuts(flows: Traffic['flows']): string | null {
  const n = flows.reduce((s, f) => s + f.connections, 0);
  if (n === 0) return null;
  const parts = flows.map((f) => `${f.client.name} -> ${f.server.name}:${f.server.port} (${f.connections})`);
  return `${n} open connection${n === 1 ? '' : 's'} will be cut: ${parts.join(', ')}`;
}

export type PortTraffic = 'traffic seen' | 'allowed, no traffic' | 'failing' | 'no traffic';

/** What the traffic says of A -> B on one port (B's container port, or a host port it publishes). */
export function portTraffic(flows: Traffic['flows'], from: readonly string[], to: readonly string[], port: number, open: boolean): PortTraffic {
  const on = flows.filter((f) => from.includes(f.client.containerId ?? '') && to.includes(f.server.containerId ?? '') && (f.server.port === port || f.server.containerPort === port));
  if (on.some((f) => f.state === 'no-answer' || f.state === 'refused')) return 'failing';
  if (on.length) return 'traffic seen';
  return open ? 'allowed, no traffic' : 'no traffic';
}
