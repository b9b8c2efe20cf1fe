/**
 * Graph element ids and endpoint refs: the one place that builds them and parses them back.
 * Node ids carry their kind (`net:<id>`, `ctr:<id>`, `project:<name>`, `ep:<net>:<ctr>`, ...);
 * an endpoint ref is the topology's endpoint key `<networkId>:<containerId>` (lib/topology/order),
 * what endpoint, veth and disconnect elements point at. Pure.
 */
import { endpointKey } from '@/lib/topology/order';
import type { TopoEndpoint, TopoPort } from '@/lib/topology/types';

export const HOST_NODE_ID = 'host';

export const ids = {
  network: (id: string) => `net:${id}`,
  container: (id: string) => `ctr:${id}`,
  project: (name: string) => `project:${name}`,
  endpoint: (netId: string, ctrId: string) => `ep:${netId}:${ctrId}`,
  bridge: (name: string) => `br:${name}`,
  veth: (name: string) => `veth:${name}`,
  link: (from: string, to: string | null, alias: string) => `link:${from}:${to}:${alias}`,
  shares: (ctrId: string, owner: string) => `ns:${ctrId}:${owner}`,
  port: (ctrId: string, p: TopoPort) => `port:${ctrId}:${p.hostIp}:${p.hostPort ?? 'auto'}:${p.containerPort}/${p.protocol}`,
  aggregate: (kind: string, source: string, target: string) => `agg:${kind}:${source}|${target}`,
  vip: (serviceId: string, netId: string) => `vip:${serviceId}:${netId}`,
  bridgeNet: (netId: string) => `brnet:${netId}`,
  vethContainer: (hostIf: string) => `vethctr:${hostIf}`,
  vethBridge: (hostIf: string) => `vethbr:${hostIf}`,
};

const PREFIX = { net: 'network', ctr: 'container', project: 'project', ep: 'endpoint', br: 'bridge', veth: 'veth' } as const;
export type NodeKind = (typeof PREFIX)[keyof typeof PREFIX] | 'host';

/** What a node id names: its kind and the network id, container id, project name, endpoint ref or interface. */
export function parseNodeId(id: string): { kind: NodeKind; ref: string } | null {
  if (id === HOST_NODE_ID) return { kind: 'host', ref: 'host' };
  const i = id.indexOf(':');
  const kind = i > 0 ? PREFIX[id.slice(0, i) as keyof typeof PREFIX] : undefined;
  return kind && i < id.length - 1 ? { kind, ref: id.slice(i + 1) } : null;
}

/** The ref of an endpoint (selection, disconnect menu, veth elements). */
export const endpointRef = (e: Pick<TopoEndpoint, 'networkId' | 'containerId'>) => endpointKey(e);

export function parseEndpointRef(ref: string): { networkId: string; containerId: string } | null {
  const i = ref.indexOf(':');
  if (i <= 0 || i === ref.length - 1 || ref.indexOf(':', i + 1) >= 0) return null;
  return { networkId: ref.slice(0, i), containerId: ref.slice(i + 1) };
}
