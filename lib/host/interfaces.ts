/** The host's interfaces and their addresses, as the kernel lists them (getifaddrs). */
import 'server-only';
import { networkInterfaces } from 'node:os';

/** One interface of the host and its addresses (without zone suffixes). */
export interface InterfaceAddresses {
  name: string;
  addresses: string[];
}

export function hostInterfaces(): InterfaceAddresses[] {
  return Object.entries(networkInterfaces())
    .map(([name, list]) => ({ name, addresses: (list ?? []).map((a) => a.address.replace(/%.*$/, '')) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
