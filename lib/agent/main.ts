/**
 * Switchyard's agent: the program in Switchyard's image that the agent container runs one
 * question at a time (`docker exec AGENT node /app/agent.mjs <command> <JSON>`), on an engine
 * whose host Switchyard cannot read itself. It runs Switchyard's own readers of /proc and /sys
 * (lib/host) with the host's pids (the container has --pid host and --network host) and
 * prints one JSON answer (./protocol). It keeps nothing, listens on nothing, writes nothing.
 * Bundled to one file by scripts/build-agent.mjs.
 */
import { HostInterfaceCache, readContainerInterfaces } from '@/lib/host/links';
import { readListeners } from '@/lib/host/listeners';
import { hostAddresses, namespaceOf, readConntrack, socketOwners, SocketTables } from '@/lib/host/sockets';
import { toWire, type LinksAnswer, type LinksAsk, type ListenersAsk, type TrafficAnswer, type TrafficAsk } from './protocol';

async function links(ask: LinksAsk): Promise<LinksAnswer> {
  const containers: LinksAnswer['containers'] = {};
  for (const t of ask.targets) containers[t.id] = await readContainerInterfaces(t.id, t.pid);
  const host = await new HostInterfaceCache().read(ask.bridges ?? []);
  return { containers, host };
}

async function traffic(ask: TrafficAsk): Promise<TrafficAnswer> {
  const tables = new SocketTables();
  const namespaces: TrafficAnswer['namespaces'] = [];
  for (const g of ask.groups) {
    const r = tables.read(g.ids[0]!, g.pids[0]!, true);
    if (!r.ok) {
      namespaces.push({ containerIds: g.ids, read: { error: r.reason } });
      continue;
    }
    let owners: [number, string][] | undefined;
    if (g.ids.length > 1) {
      const own = await namespaceOf(g.pids[0]!);
      const members = g.ids.map((id, i) => ({ id, pid: g.pids[i]! }));
      const same = await Promise.all(members.map(async (m) => (await namespaceOf(m.pid)) === own));
      owners = [...(await socketOwners(members.filter((_, i) => same[i])))];
    }
    namespaces.push({ containerIds: g.ids, read: toWire(r.sockets), ...(owners ? { owners } : {}) });
  }
  tables.close();
  return { namespaces, conntrack: await readConntrack(), hostAddresses: hostAddresses() };
}

async function main(): Promise<void> {
  const [command, json] = process.argv.slice(2);
  const input = JSON.parse(json ?? '{}') as unknown;
  const answer = command === 'links' ? await links(input as LinksAsk)
    : command === 'listeners' ? await readListeners((input as ListenersAsk).pid)
      : command === 'traffic' ? await traffic(input as TrafficAsk)
        : null;
  if (answer === null) {
    process.stderr.write(`switchyard agent: no command ${JSON.stringify(command)} (links, listeners, traffic)\n`);
    process.exit(2);
  }
  process.stdout.write(JSON.stringify(answer));
}

main().catch((err: unknown) => {
  process.stderr.write(`switchyard agent: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
