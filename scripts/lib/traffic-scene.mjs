// A few hundred real containers with connections, for the Traffic layer's benchmark and
// screenshots: `pairs` servers (busybox nc echoing on 7000) and as many clients, each holding a
// connection to its server, on 4 networks sy-bench-t1..4 (10.212.N.0/24), labelled
// switchyard.bench=1. With `own`, they are made while net.ipv4.tcp_child_ehash_entries=1024
// (Linux 6.1+: TCP tables of their own), put back as it was however this ends.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { pool } from './bench-harness.mjs';

const DOCKER = existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker';
const IMAGE = 'switchyard-lab/busybox:1';
const LABEL = 'switchyard.bench=1';
export const EHASH = '/proc/sys/net/ipv4/tcp_child_ehash_entries';
const docker = (...a) => execFileSync(DOCKER, a, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 }).trim();
const dockerAsync = (...a) => new Promise((resolve, reject) => execFile(DOCKER, a, (err, out) => (err ? reject(err) : resolve(out.trim()))));

export const netName = (i) => `sy-bench-t${i}`;
export const srv = (i) => `sy-bench-ts${String(i).padStart(3, '0')}`;
export const cli = (i) => `sy-bench-tc${String(i).padStart(3, '0')}`;

/** Removes the scene (by its label and names). */
export function removeScene() {
  const ids = docker('ps', '-aq', '--filter', `label=${LABEL}`, '--filter', 'name=sy-bench-t').split('\n').filter(Boolean);
  if (ids.length) docker('rm', '-f', ...ids);
  for (let i = 1; i <= 4; i++) { try { docker('network', 'rm', netName(i)); } catch { /* not there */ } }
}

/** Makes the scene; answers the servers' addresses, or null where `own` tables are not possible here. */
export async function makeScene(pairs, { own = false, log = () => {} } = {}) {
  removeScene();
  const was = existsSync(EHASH) ? readFileSync(EHASH, 'utf8').trim() : null;
  if (own && was === null) return null;
  let ips;
  try {
    if (was !== null) writeFileSync(EHASH, own ? '1024' : '0');
    for (let i = 1; i <= 4; i++) docker('network', 'create', '--label', LABEL, '--subnet', `10.212.${i}.0/24`, netName(i));
    log(`starting ${pairs} servers and ${pairs} clients`);
    await pool([...Array(pairs).keys()], 6, (i) => dockerAsync('run', '-d', '--name', srv(i), '--label', LABEL, '--network', netName((i % 4) + 1), IMAGE, 'sh', '-c', "trap 'exit 0' TERM; nc -ll -p 7000 -e cat & while :; do sleep 3600 & wait $!; done"));
    ips = JSON.parse(docker('inspect', ...[...Array(pairs).keys()].map(srv))).map((c) => Object.values(c.NetworkSettings.Networks)[0].IPAddress);
    await pool([...Array(pairs).keys()], 6, (i) => dockerAsync('run', '-d', '--name', cli(i), '--label', LABEL, '--network', netName((i % 4) + 1), IMAGE, 'sh', '-c', `trap 'exit 0' TERM; while :; do (while :; do echo x; sleep 5; done) | nc ${ips[i]} 7000; sleep 1; done`));
  } finally {
    if (was !== null) writeFileSync(EHASH, was);
  }
  if (was !== null && readFileSync(EHASH, 'utf8').trim() !== was) throw new Error(`${EHASH} was not put back`);
  return ips;
}
