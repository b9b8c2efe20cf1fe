// Derives a fixture in the shape of a newer engine (Docker 27, API 1.47) from the 20.10 / API
// 1.41 recording, by the Engine API version history; it was not recorded from a real engine:
// - 1.44: EndpointSettings.DNSNames on user-defined networks: name, aliases, short id, hostname
//   (moby buildEndpointDNSNames); absent on the default bridge, host and none.
// - 1.45: Aliases holds exactly what was submitted: no short id, no CLI-added container name.
// - 1.47: networks carry EnableIPv4.
// - the engine is a swarm manager and has an attachable overlay network with one member.
// Usage: node scripts/make-newer-fixture.mjs lib/topology/fixtures/engine-20.10.24-api-1.41.json
import { parseArgs } from 'node:util';
import { readFileSync, writeFileSync } from 'node:fs';

const [srcPath] = parseArgs({ allowPositionals: true }).positionals;
if (!srcPath) throw new Error('usage: node scripts/make-newer-fixture.mjs RECORDED.json');
const src = JSON.parse(readFileSync(srcPath, 'utf8'));
const snap = structuredClone(src.snapshot);
snap.apiVersion = '1.47';
snap.info = { ...snap.info, ServerVersion: '27.5.1', Swarm: { NodeID: 'k3x9swarmnode0000000000001', LocalNodeState: 'active', ControlAvailable: true } };
const builtin = new Set(['bridge', 'host', 'none']);
for (const n of snap.networks) n.EnableIPv4 = true;
const overlay = {
  Name: 'lab-overlay', Id: 'ov1f00000000000000000000a', Created: '2026-11-22T16:40:00.000000000Z', Scope: 'swarm', Driver: 'overlay',
  EnableIPv4: true, EnableIPv6: false, IPAM: { Driver: 'default', Options: null, Config: [{ Subnet: '10.0.9.0/24', Gateway: '10.0.9.1' }] },
  Internal: false, Attachable: true, Ingress: false, ConfigFrom: { Network: '' }, ConfigOnly: false, Containers: {},
  Options: { 'com.docker.network.driver.overlay.vxlanid_list': '4097' }, Labels: { 'switchyard.lab': '1' },
};
snap.networks.push(overlay);
for (const c of snap.containers) {
  const name = c.Name.replace(/^\//, '');
  const shortId = c.Id.slice(0, 12);
  for (const [net, s] of Object.entries(c.NetworkSettings?.Networks ?? {})) {
    const aliases = (s.Aliases ?? []).filter((a) => a !== shortId && a !== name);
    s.Aliases = aliases.length ? aliases : null;
    s.DNSNames = builtin.has(net) ? null : [...new Set([name, ...aliases, shortId, c.Config?.Hostname].filter(Boolean))];
  }
  if (name === 'internal-app' && c.State?.Running) {
    c.NetworkSettings.Networks['lab-overlay'] = {
      IPAMConfig: null, Links: null, Aliases: ['app'], MacAddress: '02:42:0a:00:09:03', DriverOpts: null, GwPriority: 0,
      NetworkID: overlay.Id, EndpointID: 'e0ov', Gateway: '', IPAddress: '10.0.9.3', IPPrefixLen: 24, IPv6Gateway: '',
      GlobalIPv6Address: '', GlobalIPv6PrefixLen: 0, DNSNames: [name, 'app', shortId, c.Config?.Hostname].filter(Boolean),
    };
  }
}
const out = {
  recordedFrom: 'HAND-MADE, not recorded: the 20.10 / API 1.41 recording reshaped to Docker 27 / API 1.47 by scripts/make-newer-fixture.mjs',
  recordedAt: src.recordedAt,
  snapshot: snap,
  hostLinks: src.hostLinks,
};
writeFileSync('lib/topology/fixtures/engine-27.5.1-api-1.47-handmade.json', `${JSON.stringify(out, null, 2)}\n`);
