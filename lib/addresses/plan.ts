/**
 * The host's address plan: each network's subnets with the addresses in use and free, every
 * overlap (network with network, with a host route, with a host interface's range) and what it
 * breaks, the engine's address pools and how much of them is left, and a free subnet to
 * suggest. Pure: the caller passes the topology, the routes (lib/net/routes) and interfaces as
 * read, and the pools the engine reports (null: Docker's defaults, said as such).
 *
 * What an overlap breaks (checked with a real route in test/integration/addresses.test.ts):
 * a container sends to any address of its own subnet directly on its bridge, so a range that
 * lies inside a network's subnet is out of its members' reach; and the host sends to the more
 * specific of the two routes, so where the network's subnet is the narrower one, the host (and
 * so every container) loses that part of the other range.
 */
import ipaddr from 'ipaddr.js';
import { cidrSpan, type CidrSpan } from '@/lib/net/cidr';
import type { HostRoute, InterfaceCidr } from '@/lib/net/routes';

export type { InterfaceCidr };
import type { TopoEndpoint, TopoNetwork } from '@/lib/topology/types';

export interface AddressPool {
  base: string;
  /** The prefix length of each network cut from it. */
  size: number;
}

/** Docker's built-in default-address-pools (libnetwork ipamutils), used when the engine reports none. */
export const DEFAULT_POOLS: AddressPool[] = [
  { base: '172.17.0.0/16', size: 16 }, { base: '172.18.0.0/16', size: 16 }, { base: '172.19.0.0/16', size: 16 },
  { base: '172.20.0.0/14', size: 16 }, { base: '172.24.0.0/14', size: 16 }, { base: '172.28.0.0/14', size: 16 },
  { base: '192.168.0.0/16', size: 20 },
];

export interface SubnetUse {
  subnet: string;
  family: 4 | 6;
  gateway: string | null;
  ipRange: string | null;
  /** Addresses containers can be given (the subnet, or its ip-range, without network, broadcast and gateway): a decimal string (IPv6 counts exceed a JSON number). */
  assignable: string;
  /** Addresses in use: the gateway and every endpoint's address in the subnet. */
  used: number;
  free: string;
}

export interface NetworkAddresses {
  id: string;
  name: string;
  driver: string;
  bridge: string | null;
  subnets: SubnetUse[];
}

export interface Overlap {
  kind: 'network' | 'route' | 'interface';
  networkId: string;
  networkName: string;
  subnet: string;
  /** The other party: a network's name, a route ("10.8.0.0/24 via tun0"), an interface ("eth0 192.168.1.5/24"). */
  with: { networkId?: string; networkName?: string; route?: HostRoute; interface?: { name: string; cidr: string } };
  /** What it breaks, in words. */
  text: string;
}

export interface PoolUse {
  base: string;
  size: number;
  /** Networks of this size the pool holds. */
  blocks: number;
  /** Blocks free: overlapping no network, route or interface range. */
  free: number;
  /** Blocks taken: by networks, or by host routes and interfaces (which the engine skips too). */
  taken: { networks: number; host: number };
}

export interface AddressPlan {
  networks: NetworkAddresses[];
  overlaps: Overlap[];
  pools: { source: 'engine' | 'default'; note: string; pools: PoolUse[] };
  /** A free IPv4 subnet that clashes with nothing (from the pools, else 10.0.0.0/8 in /24s), and its gateway. */
  suggestion: { subnet: string; gateway: string; from: string } | null;
  routes: { read: boolean; reason: string | null; count: number };
}

/** The id of the network a clash check imagines. */
const NEW = '\0new';

type Range = CidrSpan;
const rangeOf = cidrSpan;

const overlaps = (a: Range, b: Range) => a.family === b.family && a.lo <= b.hi && b.lo <= a.hi;
const within = (inner: Range, outer: Range) => inner.family === outer.family && inner.lo >= outer.lo && inner.hi <= outer.hi;

function toAddr(n: bigint, family: 4 | 6): string {
  const bytes: number[] = [];
  for (let i = (family === 4 ? 4 : 16) - 1; i >= 0; i--) bytes.push(Number((n >> BigInt(i * 8)) & 0xffn));
  return ipaddr.fromByteArray(bytes).toString();
}
const cidrOf = (r: Range) => `${toAddr(r.lo, r.family)}/${r.prefix}`;

const addrIn = (ip: string, r: Range) => {
  const x = rangeOf(ip);
  return !!x && within(x, r);
};

/** "10.8.0.0/16 on network backend", or "10.8.0.0/16 (the new network)" for a subnet about to be created. */
const on = (n: { id: string; name: string }, subnet: string) => (n.id === NEW ? `${subnet} (${n.name})` : `${subnet} on network ${n.name}`);

const routeText = (r: HostRoute) => `${r.dst} ${r.gateway ? `via ${r.gateway} dev ${r.dev}` : `dev ${r.dev}`}`;

export interface PlanInputs {
  topology: { networks: Pick<TopoNetwork, 'id' | 'name' | 'driver' | 'bridge' | 'subnets'>[]; endpoints: Pick<TopoEndpoint, 'networkId' | 'ipv4' | 'ipv6'>[] };
  routes: { v4: HostRoute[] | null; v6: HostRoute[] | null; reason: string | null };
  interfaces: InterfaceCidr[];
  /** What the engine's /info reports as DefaultAddressPools; null or empty: Docker's defaults. */
  enginePools: AddressPool[] | null;
}

export function addressPlan(inp: PlanInputs): AddressPlan {
  const t = inp.topology;
  const bridges = new Set(t.networks.map((n) => n.bridge).filter((b): b is string => !!b));
  const networks: NetworkAddresses[] = t.networks.filter((n) => n.subnets.length).map((n) => ({
    id: n.id, name: n.name, driver: n.driver, bridge: n.bridge,
    subnets: n.subnets.map((s) => subnetUse(s, t.endpoints.filter((e) => e.networkId === n.id).flatMap((e) => [e.ipv4, e.ipv6]).filter((x): x is string => !!x))).filter((x): x is SubnetUse => x !== null),
  }));

  // The host's own ranges: routes not through Docker's bridges, not the default route; interfaces' ranges likewise.
  const routes = [...(inp.routes.v4 ?? []), ...(inp.routes.v6 ?? [])].filter((r) => !bridges.has(r.dev) && !r.dev.startsWith('veth') && !r.dst.endsWith('/0'));
  const ifaces = inp.interfaces.filter((i) => !bridges.has(i.name) && i.name !== 'lo' && !i.name.startsWith('veth') && !/^fe[89ab]/i.test(i.cidr));

  const overlapsOut: Overlap[] = [];
  const nets = t.networks.flatMap((n) => n.subnets.map((s) => ({ n, s: s.subnet, r: rangeOf(s.subnet) }))).filter((x): x is typeof x & { r: Range } => x.r !== null);
  for (let i = 0; i < nets.length; i++) {
    for (let j = i + 1; j < nets.length; j++) {
      const a = nets[i]!, b = nets[j]!;
      if (a.n.id === b.n.id || !overlaps(a.r, b.r)) continue;
      overlapsOut.push({
        kind: 'network', networkId: a.n.id, networkName: a.n.name, subnet: a.s, with: { networkId: b.n.id, networkName: b.n.name },
        text: `${on(a.n, a.s)} overlaps ${on(b.n, b.s)}: the host routes the shared range to one of them only${a.n.driver === 'bridge' && b.n.driver === 'bridge' ? '' : ` (${a.n.driver} and ${b.n.driver})`}, so containers on the other cannot be reached there, and a container on both cannot tell the two apart`,
      });
    }
  }
  for (const x of nets) {
    for (const r of routes) {
      const rr = rangeOf(r.dst);
      if (!rr || !overlaps(x.r, rr)) continue;
      // The kernel's own route for an interface's range is said once, as the interface's overlap.
      if (!r.gateway && ifaces.some((i) => i.name === r.dev && rangeOf(i.cidr) && cidrOf(rangeOf(i.cidr)!) === r.dst)) continue;
      const what = within(rr, x.r)
        ? `containers on ${x.n.name} cannot reach ${r.dst} (it is inside their own subnet, so they look for it on the bridge)`
        : `the host sends ${x.s} to ${x.n.name}'s bridge instead of ${r.dev}: the host and every container lose that part of ${r.dst}, and containers on ${x.n.name} cannot reach it`;
      overlapsOut.push({ kind: 'route', networkId: x.n.id, networkName: x.n.name, subnet: x.s, with: { route: r }, text: `${on(x.n, x.s)} overlaps the host route to ${routeText(r)}: ${what}` });
    }
    for (const i of ifaces) {
      const ir = rangeOf(i.cidr);
      if (!ir || !overlaps(x.r, ir)) continue;
      const net = cidrOf(ir);
      overlapsOut.push({ kind: 'interface', networkId: x.n.id, networkName: x.n.name, subnet: x.s, with: { interface: i }, text: `${on(x.n, x.s)} overlaps the range of the host's interface ${i.name} (${i.cidr}): containers on ${x.n.name} cannot reach the machines on ${net}, and the host has two routes for it` });
    }
  }

  // Pools: each block of `size` taken by a network, a host route or an interface range, or free.
  const engine = inp.enginePools && inp.enginePools.length ? inp.enginePools : null;
  const pools = engine ?? DEFAULT_POOLS;
  const taken = { nets: nets.map((x) => x.r), host: [...routes.map((r) => rangeOf(r.dst)), ...ifaces.map((i) => rangeOf(i.cidr))].filter((r): r is Range => r !== null) };
  const poolUse: PoolUse[] = [];
  let suggestion: AddressPlan['suggestion'] = null;
  for (const p of pools) {
    const base = rangeOf(p.base);
    if (!base || p.size < base.prefix) continue;
    const count = 1n << BigInt(p.size - base.prefix);
    const step = 1n << BigInt((base.family === 4 ? 32 : 128) - p.size);
    const use: PoolUse = { base: p.base, size: p.size, blocks: Number(count), free: 0, taken: { networks: 0, host: 0 } };
    const limit = count > 1n << 16n ? 1n << 16n : count;
    for (let k = 0n; k < limit; k++) {
      const blk: Range = { family: base.family, lo: base.lo + k * step, hi: base.lo + (k + 1n) * step - 1n, prefix: p.size };
      if (taken.nets.some((r) => overlaps(r, blk))) use.taken.networks++;
      else if (taken.host.some((r) => overlaps(r, blk))) use.taken.host++;
      else {
        use.free++;
        if (!suggestion && base.family === 4) suggestion = { subnet: cidrOf(blk), gateway: toAddr(blk.lo + 1n, 4), from: `the pool ${p.base}` };
      }
    }
    if (limit < count) use.free += Number(count - limit); // not looked at one by one: counted as free
    poolUse.push(use);
  }
  if (!suggestion) {
    const ten = rangeOf('10.0.0.0/8')!;
    for (let k = 0n; k < 1n << 16n && !suggestion; k++) {
      const blk: Range = { family: 4, lo: ten.lo + k * 256n, hi: ten.lo + k * 256n + 255n, prefix: 24 };
      if (!taken.nets.some((r) => overlaps(r, blk)) && !taken.host.some((r) => overlaps(r, blk))) suggestion = { subnet: cidrOf(blk), gateway: toAddr(blk.lo + 1n, 4), from: '10.0.0.0/8 (the pools are used up)' };
    }
  }
  return {
    networks,
    overlaps: overlapsOut,
    pools: { source: engine ? 'engine' : 'default', note: engine ? 'as the engine reports them (GET /info DefaultAddressPools)' : 'the engine reports no pools: these are Docker\'s defaults (set yours with "default-address-pools" in daemon.json)', pools: poolUse },
    suggestion,
    routes: { read: inp.routes.v4 !== null, reason: inp.routes.reason, count: routes.length },
  };
}

/** The clashes a subnet about to be created would have: overlaps with networks, host routes and interface ranges (empty: none). */
export function clashesOf(subnet: string, inp: Omit<PlanInputs, 'enginePools'>, name = 'the new network'): Overlap[] {
  if (!rangeOf(subnet)) return [];
  const plan = addressPlan({ ...inp, enginePools: null, topology: { endpoints: [], networks: [...inp.topology.networks, { id: NEW, name, driver: 'bridge', bridge: null, subnets: [{ subnet, gateway: null, ipRange: null }] }] } });
  return plan.overlaps.filter((o) => o.networkId === NEW || o.with.networkId === NEW);
}

function subnetUse(s: { subnet: string; gateway: string | null; ipRange: string | null }, addrs: string[]): SubnetUse | null {
  const r = rangeOf(s.subnet);
  if (!r) return null;
  const pool = (s.ipRange && rangeOf(s.ipRange)) || r;
  const size = pool.hi - pool.lo + 1n;
  // IPv4 keeps the subnet's network and broadcast addresses (on /30 and wider); the gateway is taken too.
  const reserved = (r.family === 4 && r.prefix <= 30 ? [r.lo, r.hi] : [r.lo]).filter((x) => x >= pool.lo && x <= pool.hi).length;
  const inSubnet = [...new Set(addrs.filter((a) => addrIn(a, r)))];
  const gwIn = s.gateway && addrIn(s.gateway, pool) ? 1 : 0;
  const usedInPool = inSubnet.filter((a) => addrIn(a, pool) && a !== s.gateway).length;
  const assignable = size - BigInt(reserved) - BigInt(gwIn);
  const free = assignable - BigInt(usedInPool);
  return { subnet: s.subnet, family: r.family, gateway: s.gateway, ipRange: s.ipRange, assignable: String(assignable < 0n ? 0n : assignable), used: inSubnet.filter((a) => a !== s.gateway).length + (s.gateway ? 1 : 0), free: String(free < 0n ? 0n : free) };
}
