/**
 * Reads the host's firewall: iptables-save and ip6tables-save of both backends (legacy and
 * nf_tables: both apply where both hold rules), `nft -j list ruleset` for native tables,
 * `ipset save` for the sets rules match, and whether bridged packets pass iptables. Needs
 * CAP_NET_ADMIN (root); what cannot be read is said, never guessed.
 *
 * The engine emits no event when rules change, so the answer is cached for TTL_MS and the
 * commands are re-run after that when asked; the parse is redone only when their output's
 * checksum changed. One read at a time (callers share it).
 */
import 'server-only';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Firewall, FirewallSource } from '@/lib/firewall/decide';
import { parseIptablesSave, type IptRuleset } from '@/lib/firewall/iptables';
import { nftStops } from '@/lib/firewall/nft';
import { DEFAULT_PATHS, type HostPaths } from './links';

export const TTL_MS = 2_000;
const TIMEOUT_MS = 5_000;
/** Where the tools are looked for (not $PATH: a server's PATH often lacks /usr/sbin). */
export const TOOL_DIRS = ['/usr/sbin', '/sbin', '/usr/bin', '/bin', '/usr/local/sbin'];

const whichIn = (dirs: readonly string[]) => (name: string) => dirs.map((d) => `${d}/${name}`).find((p) => existsSync(p)) ?? null;

function run(cmd: string, args: string[]): Promise<{ ok: true; out: string } | { ok: false; reason: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: TIMEOUT_MS, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err) {
        const msg = (stderr || err.message).trim().split('\n')[0] ?? 'failed';
        resolve({ ok: false, reason: /permission denied|not permitted|must be root/i.test(msg) ? `not allowed: ${msg} (reading the firewall needs root)` : msg });
      } else resolve({ ok: true, out: stdout });
    });
  });
}

async function readFlag(path: string): Promise<boolean | null> {
  try {
    return (await readFile(path, 'utf8')).trim() === '1';
  } catch (e) {
    // No br_netfilter: bridged packets never reach iptables.
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? false : null;
  }
}

/**
 * Whether legacy iptables holds any table: the kernel lists them in /proc/net/ip_tables_names
 * (ip6_tables_names); empty or absent, iptables-legacy-save would print nothing (not run). Where
 * it cannot be read, the command is run.
 */
function legacyInUse(paths: HostPaths, family: 4 | 6): boolean {
  try {
    return readFileSync(`${paths.proc}/net/${family === 6 ? 'ip6' : 'ip'}_tables_names`, 'utf8').trim().length > 0;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

/** iptables-save outputs to read: each backend whose tool is installed (legacy only where it holds tables), else the generic one. */
function saveCommands(which: (name: string) => string | null, paths: HostPaths): { name: string; backend: 'legacy' | 'nft'; family: 4 | 6; path: string }[] {
  const out: { name: string; backend: 'legacy' | 'nft'; family: 4 | 6; path: string }[] = [];
  for (const family of [4, 6] as const) {
    const base = family === 4 ? 'iptables' : 'ip6tables';
    let found = false;
    for (const backend of ['nft', 'legacy'] as const) {
      const p = which(`${base}-${backend}-save`);
      if (p) found = true;
      if (p && (backend === 'nft' || legacyInUse(paths, family))) out.push({ name: `${base}-${backend}-save`, backend, family, path: p });
    }
    const generic = which(`${base}-save`);
    if (!found && generic) out.push({ name: `${base}-save`, backend: 'nft', family, path: generic });
  }
  return out;
}

const hasRules = (rs: IptRuleset) => [...rs.tables.values()].some((t) => [...t.chains.values()].some((c) => c.rules.length > 0 || (c.policy !== null && c.policy !== 'ACCEPT')));

export async function readFirewall(paths: HostPaths = DEFAULT_PATHS, previous: Firewall | null = null, dirs: readonly string[] = TOOL_DIRS): Promise<Firewall> {
  const sources: FirewallSource[] = [];
  const which = whichIn(dirs);
  const cmds = saveCommands(which, paths);
  const nftPath = which('nft');
  const ipset = which('ipset');
  const [saves, nftOut, ipsetOut, v4, v6] = await Promise.all([
    Promise.all(cmds.map((c) => run(c.path, []))),
    nftPath ? run(nftPath, ['-j', 'list', 'ruleset']) : Promise.resolve(null),
    ipset ? run(ipset, ['save']) : Promise.resolve(null),
    readFlag(`${paths.proc}/sys/net/bridge/bridge-nf-call-iptables`),
    readFlag(`${paths.proc}/sys/net/bridge/bridge-nf-call-ip6tables`),
  ]);
  const bridgeNf = { v4, v6 };
  // The checksum first: the parse is redone only when something changed.
  const hash = createHash('sha1');
  for (const r of [...saves, nftOut, ipsetOut]) hash.update(r === null ? '-' : r.ok ? r.out.replace(/^# (Generated|Completed) .*$/gm, '') : `!${r.reason}`).update('\0');
  const checksum = hash.update(JSON.stringify(bridgeNf)).digest('hex').slice(0, 16);
  const readAt = new Date().toISOString();
  if (previous && previous.checksum === checksum) return { ...previous, readAt };

  const rulesets: Firewall['rulesets'] = [];
  cmds.forEach((c, i) => {
    const r = saves[i]!;
    if (!r.ok) { sources.push({ name: c.name, ok: false, reason: r.reason }); return; }
    const rs = parseIptablesSave(r.out, c.family);
    if (hasRules(rs)) rulesets.push({ backend: c.backend, rs });
    sources.push({ name: c.name, ok: true, reason: hasRules(rs) ? null : 'no rules' });
  });
  let nft: Firewall['nft'] = [];
  if (nftOut === null) sources.push({ name: 'nft -j list ruleset', ok: false, reason: 'nft is not installed' });
  else if (!nftOut.ok) sources.push({ name: 'nft -j list ruleset', ok: false, reason: nftOut.reason });
  else {
    try {
      nft = nftStops(JSON.parse(nftOut.out));
      sources.push({ name: 'nft -j list ruleset', ok: true, reason: nft.length ? null : 'no native rule that drops' });
    } catch {
      sources.push({ name: 'nft -j list ruleset', ok: false, reason: 'its output was not JSON' });
    }
  }
  let sets: Firewall['sets'] = null;
  if (ipsetOut?.ok) {
    const m = new Map<string, string[]>();
    for (const line of ipsetOut.out.split('\n')) {
      const [verb, name, member] = line.trim().split(/\s+/);
      if (verb === 'create' && name) m.set(name, []);
      if (verb === 'add' && name && member) m.get(name)?.push(member);
    }
    sets = m;
    sources.push({ name: 'ipset save', ok: true, reason: null });
  } else if (ipsetOut) sources.push({ name: 'ipset save', ok: false, reason: ipsetOut.reason });
  const read = sources.some((s) => s.ok && s.name.includes('tables'));
  const reason = read ? null
    : cmds.length === 0 ? 'iptables is not installed (iptables-save was not found)'
      : sources.filter((s) => !s.ok).map((s) => `${s.name}: ${s.reason}`).join('; ');
  return { read, reason, rulesets, nft, sets, bridgeNf, sources, checksum, readAt };
}

/** The cached reader: at most one read per TTL_MS, re-parsed only when the rules changed. */
export class FirewallReader {
  private last: Firewall | null = null;
  private at = 0;
  private pending: Promise<Firewall> | null = null;
  /** Reads of the commands, and re-parses after a change (for the bench and the status line). */
  reads = 0;
  changes = 0;

  constructor(private readonly paths: HostPaths = DEFAULT_PATHS, private readonly ttl = TTL_MS, private readonly dirs: readonly string[] = TOOL_DIRS) {}

  async current(): Promise<Firewall> {
    if (this.last && Date.now() - this.at < this.ttl) return this.last;
    this.pending ??= (async () => {
      try {
        const fw = await readFirewall(this.paths, this.last, this.dirs);
        this.reads++;
        if (!this.last || this.last.checksum !== fw.checksum) this.changes++;
        this.last = fw;
        this.at = Date.now();
        return this.last;
      } finally {
        this.pending = null;
      }
    })();
    return this.pending;
  }
}

let shared: FirewallReader | null = null;
export const firewallReader = () => (shared ??= new FirewallReader());
