/**
 * The lab's networks as the engine has them. The lab moves a scenario off the article's subnet
 * when another network or a host route holds it (scripts/lab.sh check), keeping the scenario's
 * shape: static addresses and gateways at the same offsets. Tests read subnets and addresses
 * from here, never from the article.
 */
import { docker, dockerJson } from '../integration/docker-cli';

export interface LabNet {
  name: string;
  subnet: string;
  gateway: string;
  /** The address `offset` places into the subnet: at(13) on 172.38.0.0/16 is 172.38.0.13. */
  at(offset: number): string;
  /** The container's address on this network, as the engine gives it. */
  addressOf(container: string): string;
}

const toInt = (ip: string) => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
const toIp = (n: number) => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');

/** A RegExp source matching this text literally. */
export const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

export function labNet(name: string): LabNet {
  /* eslint-disable @typescript-eslint/no-explicit-any -- docker inspect output is untyped JSON */
  const [n] = dockerJson<any[]>('network', 'inspect', name);
  const cfg = (n.IPAM?.Config ?? []).find((c: any) => /^\d+\.\d+\.\d+\.\d+\//.test(c.Subnet ?? ''));
  /* eslint-enable @typescript-eslint/no-explicit-any */
  if (!cfg || n.Labels?.['switchyard.lab'] !== '1') throw new Error(`${name} is not a lab network with an IPv4 subnet: run scripts/lab.sh up`);
  const base = toInt(cfg.Subnet.split('/')[0]);
  return {
    name,
    subnet: cfg.Subnet,
    gateway: cfg.Gateway ?? toIp(base + 1),
    at: (offset) => toIp(base + offset),
    addressOf: (container) => {
      const c = dockerJson<{ NetworkSettings: { Networks: Record<string, { IPAddress: string }> } }[]>('inspect', container)[0];
      const ip = c?.NetworkSettings.Networks[name]?.IPAddress;
      if (!ip) throw new Error(`${container} has no address on ${name}`);
      return ip;
    },
  };
}

/**
 * Containers and networks on the engine that neither the lab nor a test made (nor the engine's
 * own bridge, host and none): what a developer's machine already had. A test of the lab's first
 * view at the lab's size cannot measure it beside them, and says so rather than measure another
 * graph.
 */
export function notTheLab(): string[] {
  const ours = (labels: string) => /(^|,)switchyard\.(lab|test)=/.test(labels);
  const rows = (args: string[]) => docker(...args).split('\n').filter(Boolean).map((l) => l.split('\t') as [string, string]);
  const ctrs = rows(['ps', '-a', '--format', '{{.Names}}\t{{.Labels}}']).filter(([, l]) => !ours(l)).map(([n]) => `container ${n}`);
  const nets = rows(['network', 'ls', '--format', '{{.Name}}\t{{.Labels}}'])
    .filter(([n, l]) => !['bridge', 'host', 'none'].includes(n) && !ours(l)).map(([n]) => `network ${n}`);
  return [...ctrs, ...nets];
}
