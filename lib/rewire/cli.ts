/** The docker CLI command equivalent to each action, shown in the dialogs. Pure. */
import type { ConnectRequest, CreateNetworkRequest } from '@/lib/schemas/networks';

/** Quotes an argument for a POSIX shell when it needs it. */
export function shellQuote(s: string): string {
  return /^[a-zA-Z0-9_./:=@,+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function connectCommand(network: string, container: string, o: Omit<ConnectRequest, 'container'>): string {
  const args = ['docker', 'network', 'connect'];
  for (const a of o.aliases ?? []) args.push('--alias', a);
  if (o.ipv4) args.push('--ip', o.ipv4);
  if (o.ipv6) args.push('--ip6', o.ipv6);
  args.push(network, container);
  return args.map(shellQuote).join(' ');
}

export function disconnectCommand(network: string, container: string, force = false): string {
  return ['docker', 'network', 'disconnect', ...(force ? ['--force'] : []), network, container].map(shellQuote).join(' ');
}

export function createCommand(s: CreateNetworkRequest): string {
  const args = ['docker', 'network', 'create', '--driver', s.driver ?? 'bridge'];
  if (s.subnet) args.push('--subnet', s.subnet);
  if (s.gateway) args.push('--gateway', s.gateway);
  if (s.ipRange) args.push('--ip-range', s.ipRange);
  if (s.internal) args.push('--internal');
  if (s.attachable) args.push('--attachable');
  if (s.ipv6) args.push('--ipv6');
  for (const [k, v] of Object.entries(s.labels ?? {})) args.push('--label', `${k}=${v}`);
  args.push(s.name);
  return args.map(shellQuote).join(' ');
}

export function removeCommand(network: string): string {
  return ['docker', 'network', 'rm', network].map(shellQuote).join(' ');
}
