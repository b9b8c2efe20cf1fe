/**
 * "What changed since": the graph's differences between a moment and now, from the log's
 * entries after it (oldest first). Each network, container and connection is followed from
 * its first entry (which says how it was then) to its last (how it is now); those that ended
 * as they began did not change. Only what was done counts: refusals changed nothing. Pure.
 */
import type { ActivityEntry, ChangesAnswer } from '@/lib/schemas/activity';

/** What an entry says that the differences need; `cause`: a start or stop's connect or disconnect. */
export type ChangeRow = Pick<ActivityEntry, 'kind' | 'result' | 'network' | 'container'> & { cause: string | null };

type Ref = { id: string; name: string };
type CtrState = 'running' | 'exited' | 'gone';

export function changesSince(since: number, entries: readonly ChangeRow[], firstAt: number | null): ChangesAnswer {
  const nets = new Map<string, { ref: Ref; was: boolean; is: boolean }>();
  const ctrs = new Map<string, { ref: Ref; was: CtrState | 'absent'; is: CtrState | 'absent' }>();
  const links = new Map<string, { network: Ref; container: Ref; was: boolean; is: boolean }>();
  let used = 0;
  for (const e of entries) {
    if (e.result !== 'done') continue;
    used++;
    const { network: n, container: c } = e;
    switch (e.kind) {
      case 'network-create':
      case 'network-remove': {
        if (!n) break;
        const exists = e.kind === 'network-create';
        const s = nets.get(n.id) ?? { ref: n, was: !exists, is: !exists };
        s.is = exists;
        s.ref = n;
        nets.set(n.id, s);
        break;
      }
      case 'connect':
      case 'disconnect': {
        // Joining or leaving as it starts or stops: the container keeps the network configured.
        if (!n || !c || e.cause) break;
        const on = e.kind === 'connect';
        const key = `${n.id}|${c.id}`;
        const s = links.get(key) ?? { network: n, container: c, was: !on, is: !on };
        s.is = on;
        // A container named on a later event keeps its name (a network event may only know its id).
        if (c.name !== c.id.slice(0, 12)) s.container = c;
        links.set(key, s);
        break;
      }
      case 'container-start':
      case 'container-die':
      case 'container-destroy': {
        if (!c) break;
        const to: CtrState = e.kind === 'container-start' ? 'running' : e.kind === 'container-die' ? 'exited' : 'gone';
        // Before a start it was stopped or not there; before a die it ran; before a destroy it was there, stopped.
        const from = e.kind === 'container-start' ? 'absent' : e.kind === 'container-die' ? 'running' : 'exited';
        const s = ctrs.get(c.id) ?? { ref: c, was: from, is: from };
        s.is = to;
        s.ref = c;
        ctrs.set(c.id, s);
        break;
      }
    }
  }
  const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
  const linkOrder = (a: { network: Ref; container: Ref }, b: { network: Ref; container: Ref }) => byName(a.network, b.network) || byName(a.container, b.container);
  const out: ChangesAnswer = {
    since: new Date(since).toISOString(),
    added: { networks: [], containers: [], endpoints: [] },
    removed: { networks: [], containers: [], endpoints: [] },
    changed: { containers: [] },
    entries: used,
    complete: firstAt !== null && firstAt <= since,
  };
  for (const s of nets.values()) {
    if (s.was === s.is) continue;
    (s.is ? out.added : out.removed).networks.push(s.ref);
  }
  for (const s of links.values()) {
    if (s.was === s.is) continue;
    (s.is ? out.added : out.removed).endpoints.push({ network: s.network, container: s.container });
  }
  for (const s of ctrs.values()) {
    // "absent": stopped or not there yet; the log cannot tell which.
    const was = s.was === 'absent' ? 'exited' : s.was;
    if (s.is === 'gone') {
      if (s.was !== 'absent') out.removed.containers.push(s.ref);
    } else if (s.was === 'absent' && s.is === 'running') out.added.containers.push(s.ref);
    else if (was !== s.is) out.changed.containers.push({ ...s.ref, from: was, to: s.is });
  }
  out.added.networks.sort(byName);
  out.removed.networks.sort(byName);
  out.added.containers.sort(byName);
  out.removed.containers.sort(byName);
  out.changed.containers.sort(byName);
  out.added.endpoints.sort(linkOrder);
  out.removed.endpoints.sort(linkOrder);
  return out;
}
