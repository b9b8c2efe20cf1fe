// The lab's check before it creates anything: are the subnets and host ports it wants free on
// this engine and host? A subnet held by a network the lab did not create, or by a route of
// the host (a VPN, the office LAN), is replaced by a free one of the same size (the scenario
// keeps its shape: static addresses at the same offsets); a host port held by another process
// or container stops the lab, naming the holder. Objects labelled switchyard.lab=1 are the
// lab's own (`lab.sh up` removes them first) and never count as holders.
//
//   node scripts/lib/lab-preflight.mjs [--exact] --net NAME=CIDR... --port ADDR:PORT... --container NAME...
//                                      [--avoid CIDR=WHY...]
//
// ADDR is an IPv4 address or the name of a --net (its gateway: the subnet's first address).
// Prints one line per network, "NAME CIDR WANTED", for lab.sh; says what it moved on stderr;
// exits 1 (creating nothing) when a port is held, when a network or container of another owner
// has a name the lab gives, when --exact is given and a subnet is held, or when no free subnet
// of the size is left. The pure parts are exported for the unit tests.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const LAB_LABEL = 'switchyard.lab';

// ---- IPv4 CIDRs, as integers --------------------------------------------------------------

/** "172.38.0.0/16" -> { base, bits } with base the network address; null if not an IPv4 CIDR. */
export function parseCidr(text) {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(String(text).trim());
  if (!m) return null;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return null;
  const addr = octets.reduce((n, o) => n * 256 + o, 0);
  return { base: addr - (addr % size(bits)), bits };
}

function size(bits) { return 2 ** (32 - bits); }

export function formatIp(n) {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

export function formatCidr(c) { return `${formatIp(c.base)}/${c.bits}`; }

export function overlaps(a, b) {
  return a.base < b.base + size(b.bits) && b.base < a.base + size(a.bits);
}

/** The address `offset` places into a subnet: (172.38.0.0/16, 11) -> 172.38.0.11. */
export function addressAt(cidr, offset) {
  const c = typeof cidr === 'string' ? parseCidr(cidr) : cidr;
  return formatIp(c.base + offset);
}

/**
 * Where a replacement for `wanted` is looked for: the private block that holds it (10/8,
 * 172.16/12, 192.168/16), else the /8 that holds it (the seed article's 172.38.0.0/16 is in
 * 172/8). Blocks are tried upward from the wanted one and wrap round, so the replacement is
 * near the original and the same on every run of the same machine.
 */
export function searchSpace(wanted) {
  for (const block of ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map(parseCidr)) {
    if (wanted.bits >= block.bits && overlaps(wanted, block)) return block;
  }
  return { base: wanted.base - (wanted.base % size(8)), bits: Math.min(8, wanted.bits) };
}

// ---- The plan -----------------------------------------------------------------------------

/**
 * wanted: [{ network, subnet }]; taken: [{ cidr, holder }] (holder names what holds it, in
 * words); avoid: [{ cidr, why }] (never chosen as a replacement, but a wanted subnet inside
 * one is kept). Returns { plan: [{ network, subnet, wanted, heldBy? }], problems: [string] }:
 * problems is empty when the lab may go on.
 */
export function planSubnets(wanted, taken, { exact = false, avoid = [] } = {}) {
  const problems = [];
  const parsedTaken = taken.map((t) => ({ ...t, c: parseCidr(t.cidr) })).filter((t) => t.c);
  const holderOf = (c) => parsedTaken.find((t) => overlaps(t.c, c));
  const chosen = [];
  const plan = wanted.map((w) => {
    const c = parseCidr(w.subnet);
    if (!c) throw new Error(`not an IPv4 CIDR: ${w.subnet} (network ${w.network})`);
    const held = holderOf(c);
    const entry = { network: w.network, wanted: formatCidr(c), subnet: held ? null : formatCidr(c), ...(held ? { heldBy: held.holder } : {}) };
    if (!held) chosen.push(c);
    return entry;
  });
  const avoided = avoid.map((a) => parseCidr(a.cidr)).filter(Boolean);
  for (const entry of plan) {
    if (entry.subnet) continue;
    const w = parseCidr(entry.wanted);
    if (exact) {
      problems.push(`${entry.network} must be on ${entry.wanted} (SWITCHYARD_LAB_EXACT=1), but ${entry.heldBy} overlaps it: remove that, or run without SWITCHYARD_LAB_EXACT to let the lab pick a free subnet`);
      continue;
    }
    const space = searchSpace(w);
    const count = size(space.bits) / size(w.bits);
    const start = (w.base - space.base) / size(w.bits);
    let found = null;
    for (let k = 1; k < count && !found; k++) {
      const cand = { base: space.base + ((start + k) % count) * size(w.bits), bits: w.bits };
      if (holderOf(cand) || chosen.some((c) => overlaps(c, cand)) || avoided.some((a) => overlaps(a, cand))) continue;
      found = cand;
    }
    if (!found) {
      problems.push(`${entry.network} wants ${entry.wanted}, which ${entry.heldBy} overlaps, and no free /${w.bits} is left in ${formatCidr(space)}`);
      continue;
    }
    chosen.push(found);
    entry.subnet = formatCidr(found);
  }
  return { plan, problems };
}

// ---- What holds subnets: the engine's networks and the host's routes -----------------------

const isLab = (labels) => Boolean(labels && labels[LAB_LABEL]);

/**
 * From `docker network inspect` JSON (all networks) and `ip -j -4 route show table all` JSON:
 * every subnet that is not the lab's own, with what holds it. A route through the bridge of a
 * network already listed (docker0, br-<id>) is that network, not a second holder.
 */
export function takenSubnets(networks, routes) {
  const taken = [];
  const bridges = new Map();
  for (const n of networks) {
    const bridge = n.Options?.['com.docker.network.bridge.name'] ?? (n.Driver === 'bridge' ? `br-${String(n.Id).slice(0, 12)}` : null);
    if (bridge) bridges.set(bridge, n);
    if (isLab(n.Labels)) continue;
    for (const cfg of n.IPAM?.Config ?? []) {
      if (cfg?.Subnet && parseCidr(cfg.Subnet)) taken.push({ cidr: cfg.Subnet, holder: `network "${n.Name}" (${cfg.Subnet})` });
    }
  }
  for (const r of routes) {
    if (!r.dst || r.dst === 'default' || ['broadcast', 'multicast', 'local', 'anycast'].includes(r.type)) continue;
    const dst = r.dst.includes('/') ? r.dst : `${r.dst}/32`;
    if (!parseCidr(dst) || parseCidr(dst).bits === 0) continue;
    if (r.dev && bridges.has(r.dev)) continue;
    const where = [r.dev && `dev ${r.dev}`, r.gateway && `via ${r.gateway}`, r.table && r.table !== 'main' && `table ${r.table}`].filter(Boolean).join(' ');
    taken.push({ cidr: dst, holder: `the host's route ${dst}${where ? ` ${where}` : ''}` });
  }
  return taken;
}

/** /proc/net/route (main table only), for hosts without `ip -j`. */
export function parseProcRoute(text) {
  const hex = (h) => { const n = parseInt(h, 16); return [0, 8, 16, 24].map((s) => Math.floor(n / 2 ** s) % 256).join('.'); };
  return text.split('\n').slice(1).filter(Boolean).map((line) => {
    const [dev, dst, gw, , , , , mask] = line.trim().split(/\s+/);
    const bits = hex(mask).split('.').reduce((b, o) => b + Number(o).toString(2).replace(/0/g, '').length, 0);
    return { dst: bits === 0 ? 'default' : `${hex(dst)}/${bits}`, dev, ...(gw !== '00000000' ? { gateway: hex(gw) } : {}) };
  });
}

/**
 * The avoided ranges that a network neither the lab's nor the tests' (label switchyard.test)
 * overlaps, in words: tests that make networks there may be refused by the engine.
 */
export function rangesInUse(avoid, networks) {
  const out = [];
  const foreign = takenSubnets(networks.filter((n) => !n.Labels?.['switchyard.test']), []);
  for (const a of avoid) {
    const c = parseCidr(a.cidr);
    const hit = c && foreign.find((t) => overlaps(parseCidr(t.cidr), c));
    if (hit) out.push(`${a.cidr} is for ${a.why}, and ${hit.holder} overlaps it: tests that make a network there will be refused`);
  }
  return out;
}

// ---- What holds host ports: listening sockets and published ports -------------------------

/** `ss -Hltnp` lines -> [{ address, port, process?, pid? }]. */
export function parseSs(text) {
  const out = [];
  for (const line of text.split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 4) continue;
    const local = cols[3];
    const m = /^(.*):(\d+)$/.exec(local);
    if (!m) continue;
    const address = m[1].replace(/^\[|\]$/g, '').replace(/%.*$/, '');
    const users = /users:\(\("([^"]+)",pid=(\d+)/.exec(line);
    out.push({ address, port: Number(m[2]), ...(users ? { process: users[1], pid: Number(users[2]) } : {}) });
  }
  return out;
}

/** `docker inspect` JSON of running containers -> [{ address, port, container, lab }]. */
export function publishedPorts(containers) {
  const out = [];
  for (const c of containers) {
    for (const bindings of Object.values(c.NetworkSettings?.Ports ?? {})) {
      for (const b of bindings ?? []) {
        if (!b?.HostPort) continue;
        out.push({ address: b.HostIp || '0.0.0.0', port: Number(b.HostPort), container: String(c.Name).replace(/^\//, ''), lab: isLab(c.Config?.Labels) });
      }
    }
  }
  return out;
}

const WILDCARD = new Set(['0.0.0.0', '*', '::', '']);
const clash = (a, b) => WILDCARD.has(a) || WILDCARD.has(b) || a === b;

/**
 * wanted: [{ address, port }]. A port is held when a listener or a published port on the same
 * number binds the same address or a wildcard. A docker-proxy listener is named by the
 * container that publishes the port; the lab's own containers hold nothing (they go first).
 * Returns [{ address, port, holder }], one per held port.
 */
export function heldPorts(wanted, listeners, published) {
  const out = [];
  for (const w of wanted) {
    const pubs = published.filter((p) => p.port === w.port && clash(p.address, w.address));
    const foreignPub = pubs.find((p) => !p.lab);
    const listener = listeners.find((l) => l.port === w.port && clash(l.address, w.address)
      && !(l.process === 'docker-proxy' && pubs.length > 0 && pubs.every((p) => p.lab)));
    if (foreignPub) {
      out.push({ ...w, holder: `container "${foreignPub.container}" publishes ${foreignPub.address}:${w.port}` });
    } else if (listener) {
      const who = listener.process ? `${listener.process} (pid ${listener.pid})` : 'a process ss could not name (run as root to see it)';
      out.push({ ...w, holder: `${who} listens on ${listener.address.includes(':') ? `[${listener.address}]` : listener.address}:${w.port}` });
    }
  }
  return out;
}

// ---- Names the lab's objects will have ----------------------------------------------------

/**
 * networks: `docker network inspect` JSON; containers: [{ name, lab }]. Every wanted network
 * or container name that an object the lab did not make already has, in words.
 */
export function nameClashes(wantedNetworks, wantedContainers, networks, containers) {
  const out = [];
  for (const name of new Set(wantedNetworks)) {
    const n = networks.find((x) => x.Name === name && !isLab(x.Labels));
    if (n) out.push(`a network named "${name}" exists that the lab did not make (id ${String(n.Id).slice(0, 12)}): the lab will not touch it; rename or remove it (docker network rm ${name}), or run the lab on another engine (DOCKER_HOST)`);
  }
  for (const name of new Set(wantedContainers)) {
    if (containers.some((c) => c.name === name && !c.lab)) out.push(`a container named "${name}" exists that the lab did not make: the lab will not touch it; rename it (docker rename ${name} NEW) or remove it, or run the lab on another engine (DOCKER_HOST)`);
  }
  return out;
}

/** `docker ps -a --format '{{.Names}}\t{{.Label "switchyard.lab"}}'` -> [{ name, lab }]. */
export function parsePsNames(text) {
  return text.split('\n').filter(Boolean).map((line) => {
    const [name, lab = ''] = line.split('\t');
    return { name, lab: lab.trim() !== '' };
  });
}

// ---- The command --------------------------------------------------------------------------

function run(cmd, args) {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000, maxBuffer: 1 << 28 });
}

function readRoutes() {
  try {
    return JSON.parse(run('ip', ['-j', '-4', 'route', 'show', 'table', 'all']) || '[]');
  } catch {
    return existsSync('/proc/net/route') ? parseProcRoute(readFileSync('/proc/net/route', 'utf8')) : [];
  }
}

function readListeners() {
  try { return parseSs(run('ss', ['-Hltnp'])); } catch { return null; }
}

function main(argv) {
  const docker = process.env.DOCKER ?? (existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker');
  const nets = [];
  const names = [];
  const ports = [];
  const avoid = [];
  let exact = false;
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--exact') { exact = true; continue; }
    if (value === undefined) throw new Error(`${flag} needs a value`);
    i++;
    const eq = value.indexOf('=');
    if (flag === '--net') nets.push({ network: value.slice(0, eq), subnet: value.slice(eq + 1) });
    else if (flag === '--container') names.push(value);
    else if (flag === '--avoid') avoid.push({ cidr: value.slice(0, eq), why: value.slice(eq + 1) });
    else if (flag === '--port') { const c = value.lastIndexOf(':'); ports.push({ address: value.slice(0, c), port: Number(value.slice(c + 1)) }); }
    else throw new Error(`unknown option ${flag}`);
  }
  const ids = run(docker, ['network', 'ls', '-q']).split('\n').filter(Boolean);
  const networks = ids.length ? JSON.parse(run(docker, ['network', 'inspect', ...ids])) : [];
  const { plan, problems } = planSubnets(nets, takenSubnets(networks, readRoutes()), { exact, avoid });
  // The test suite's own networks go in the avoided ranges: say so if another network is there.
  for (const w of rangesInUse(avoid, networks)) process.stderr.write(`[lab] warning: ${w}\n`);

  const all = parsePsNames(run(docker, ['ps', '-a', '--format', '{{.Names}}\t{{.Label "switchyard.lab"}}']));
  problems.push(...nameClashes(nets.map((n) => n.network), names, networks, all));

  const running = run(docker, ['ps', '-q']).split('\n').filter(Boolean);
  const containers = running.length ? JSON.parse(run(docker, ['inspect', ...running])) : [];
  const listeners = readListeners();
  const gateway = new Map(plan.filter((p) => p.subnet).map((p) => [p.network, addressAt(p.subnet, 1)]));
  const wantedPorts = ports.map((p) => ({ address: gateway.get(p.address) ?? p.address, port: p.port }));
  for (const h of heldPorts(wantedPorts, listeners ?? [], publishedPorts(containers))) {
    problems.push(`host port ${h.address}:${h.port} is held: ${h.holder}. Stop it or free the port, then run the lab again`);
  }
  if (listeners === null) process.stderr.write('[lab] note: `ss` is missing (Debian: iproute2), so only published ports were checked\n');

  for (const p of plan) {
    if (p.heldBy && p.subnet) process.stderr.write(`[lab] ${p.network}: ${p.wanted} is taken by ${p.heldBy}; using ${p.subnet} (static addresses at the same offsets)\n`);
  }
  if (problems.length) {
    for (const p of problems) process.stderr.write(`[lab] error: ${p}\n`);
    process.stderr.write('[lab] nothing was created or removed\n');
    return 1;
  }
  for (const p of plan) process.stdout.write(`${p.network} ${p.subnet} ${p.wanted}\n`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`[lab] error: the check before the lab starts failed: ${err.message}\n`);
    process.exitCode = 1;
  }
}
