/**
 * Selections as strings ("network:<id>", "container:<id>", "endpoint:<netId>:<ctrId>",
 * "project:<name>", "host"; endpoint refs from ./ids),
 * so they fit in the URL, and the mapping between them and graph elements. Pure.
 */
import type { Topology } from '@/lib/topology/types';
import type { ElementKind } from './elements';
import { endpointRef, HOST_NODE_ID, ids, parseEndpointRef } from './ids';

export type Selection =
  | { kind: 'network'; id: string }
  | { kind: 'container'; id: string }
  | { kind: 'endpoint'; networkId: string; containerId: string }
  | { kind: 'project'; name: string }
  | { kind: 'host' };

export function parseSelection(s: string | null): Selection | null {
  if (!s) return null;
  if (s === 'host') return { kind: 'host' };
  const i = s.indexOf(':');
  const kind = s.slice(0, i);
  const rest = i > 0 ? s.slice(i + 1) : '';
  if (!rest) return null;
  if (kind === 'network' || kind === 'container') return rest.includes(':') ? null : { kind, id: rest };
  if (kind === 'endpoint') {
    const e = parseEndpointRef(rest);
    return e ? { kind, ...e } : null;
  }
  if (kind === 'project') return { kind, name: rest };
  return null;
}

export function selectionKey(s: Selection): string {
  switch (s.kind) {
    case 'host': return 'host';
    case 'endpoint': return `endpoint:${endpointRef(s)}`;
    case 'project': return `project:${s.name}`;
    default: return `${s.kind}:${s.id}`;
  }
}

/** The graph element that shows a selection (the host network is the host node). */
export function elementIdOf(s: Selection | null, t: Pick<Topology, 'networks'> | undefined): string | null {
  if (!s) return null;
  switch (s.kind) {
    case 'host': return HOST_NODE_ID;
    case 'container': return ids.container(s.id);
    case 'project': return ids.project(s.name);
    case 'endpoint':
      return ids.endpoint(s.networkId, s.containerId);
    case 'network': {
      const host = t?.networks.find((n) => n.id === s.id && n.builtin && n.driver === 'host');
      return host ? HOST_NODE_ID : ids.network(s.id);
    }
  }
}

/** What selecting a graph element selects. */
export function selectionOfElement(kind: ElementKind, ref: string): Selection | null {
  switch (kind) {
    case 'network':
    case 'bridge':
    case 'bridge-net':
      return { kind: 'network', id: ref };
    case 'container':
    case 'link':
    case 'shares':
    case 'port':
      return { kind: 'container', id: ref };
    case 'endpoint':
    case 'veth':
    case 'veth-ctr':
    case 'veth-bridge': {
      const e = parseEndpointRef(ref);
      return e ? { kind: 'endpoint', ...e } : null;
    }
    case 'host':
      return { kind: 'host' };
    case 'project':
    case 'vip': // a service's VIP: the service
      return { kind: 'project', name: ref };
    default:
      return null;
  }
}
