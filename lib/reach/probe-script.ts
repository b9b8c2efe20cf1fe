/**
 * The program "Test now" runs from the host inside A's network namespace (`nsenter -t <pid> -n
 * node -e PROBE_SCRIPT <json>`), so that nothing is needed inside A's image. It is given A's
 * /etc/hosts and nameservers (read from /proc/<pid>/root) and a list of checks; it prints one
 * JSON array of results. Every target it connects to was chosen by the server (B's own
 * addresses, or the host's address for a published port); a name is only resolved, and an
 * address it resolves to is tried only by the server's next call, after checking it is B's.
 */
export interface ProbeInput {
  hosts: string;
  nameservers: string[];
  checks: ({ kind: 'icmp'; address: string } | { kind: 'dns'; name: string } | { kind: 'tcp'; address: string; port: number })[];
  timeoutMs: number;
}

export type ProbeOutput = { ok: boolean; detail: string; addresses?: string[] }[];

export const PROBE_SCRIPT = String.raw`
const net = require('node:net');
const dns = require('node:dns');
const { execFile } = require('node:child_process');
const input = JSON.parse(process.argv[1]);
const T = input.timeoutMs;
function hostsLookup(name) {
  const out = [];
  for (const line of input.hosts.split('\n')) {
    const cols = line.replace(/#.*/, '').trim().split(/\s+/);
    if (cols.length > 1 && cols.slice(1).includes(name) && net.isIPv4(cols[0])) out.push(cols[0]);
  }
  return out;
}
function icmp(address) {
  return new Promise((resolve) => {
    const tryBin = (bins) => {
      if (!bins.length) return resolve({ ok: false, detail: 'no ping on the host (install iputils-ping or busybox)' , unknown: true });
      const [bin, ...pre] = bins[0];
      execFile(bin, [...pre, '-c', '1', '-W', String(Math.max(1, Math.round(T / 1000))), address], { timeout: T + 1000 }, (err, stdout, stderr) => {
        if (err && err.code === 'ENOENT') return tryBin(bins.slice(1));
        resolve(err ? { ok: false, detail: 'no reply to ping ' + address } : { ok: true, detail: 'ping ' + address + ': reply' });
      });
    };
    tryBin([['ping'], ['busybox', 'ping']]);
  });
}
function lookup(name) {
  const fromHosts = hostsLookup(name);
  if (fromHosts.length) return Promise.resolve({ ok: true, detail: name + ' is in /etc/hosts: ' + fromHosts.join(', '), addresses: fromHosts });
  if (!input.nameservers.length) return Promise.resolve({ ok: false, detail: 'no nameserver in /etc/resolv.conf', addresses: [] });
  const r = new dns.Resolver({ timeout: T, tries: 1 });
  r.setServers(input.nameservers);
  return new Promise((resolve) => r.resolve4(name, (err, addrs) => resolve(err
    ? { ok: false, detail: name + ' does not resolve (' + (err.code || err.message) + ')', addresses: [] }
    : { ok: true, detail: name + ' resolves to ' + addrs.join(', '), addresses: addrs })));
}
function tcp(address, port) {
  return new Promise((resolve) => {
    const s = net.connect({ host: address, port, timeout: T });
    let done = false;
    const finish = (r) => { if (!done) { done = true; s.destroy(); resolve(r); } };
    s.on('connect', () => {
      // A proxy (docker-proxy on a published port) accepts first and closes at once when
      // nothing answers behind it: an open port stays open a moment.
      const hold = setTimeout(() => finish({ ok: true, detail: 'connected to ' + address + ':' + port }), 400);
      s.on('close', () => { clearTimeout(hold); finish({ ok: false, detail: address + ':' + port + ' accepted the connection and closed it at once (a proxy with nothing listening behind it)' }); });
    });
    s.on('timeout', () => finish({ ok: false, detail: address + ':' + port + ': no answer within ' + T + ' ms (dropped)' }));
    s.on('error', (e) => finish({ ok: false, detail: address + ':' + port + ': ' + (e.code === 'ECONNREFUSED' ? 'connection refused' : e.code || e.message) }));
  });
}
Promise.all(input.checks.map((c) => c.kind === 'icmp' ? icmp(c.address) : c.kind === 'dns' ? lookup(c.name) : tcp(c.address, c.port)))
  .then((out) => { process.stdout.write(JSON.stringify(out)); });
`;
