/**
 * One journal per engine for the whole server process, kept on globalThis like the topology
 * stores (lib/engines/registry): each engine's log is its own SQLite file in the data
 * directory, `activity-<engine name>.db`. A journal follows its engine's store from the
 * moment the store is made (it subscribes to lib/engines/registry's onStoreMade when this module
 * loads: instrumentation.ts loads it at start), so engine events are logged whether or not
 * anyone is looking.
 */
import 'server-only';
import { join } from 'node:path';
import { dataDir } from '@/lib/config/data-dir';
import { settings } from '@/lib/config/env';
import { onStoreMade } from '@/lib/engines/registry';
import type { TopologyStore } from '@/lib/store/topology-store';
import { Journal } from './journal';
import { ActivityLog } from './log';

const KEY = Symbol.for('switchyard.journals');

function journals(): Map<string, Journal> {
  const g = globalThis as unknown as Record<symbol, Map<string, Journal> | undefined>;
  return (g[KEY] ??= new Map());
}

/** Where the logs are kept (lib/config/data-dir). */
export { dataDir };

/** The journal of an engine (by its name), following that engine's store. */
export function journalOf(name: string, store: TopologyStore): Journal {
  let j = journals().get(name);
  if (!j) {
    const s = settings();
    const log = new ActivityLog(join(dataDir(s), `activity-${name}.db`), s.SWITCHYARD_ACTIVITY_MAX);
    if (log.notice) console.error(`[switchyard] ${log.notice}`);
    j = new Journal(name, log);
    journals().set(name, j);
  }
  j.follow(store);
  return j;
}

/** Closes every log (tests that reopen them, as a restart would). */
export function closeJournals(): void {
  for (const j of journals().values()) j.close();
  journals().clear();
}

// Every store, from the moment it is made, has its journal.
onStoreMade((name, store) => {
  journalOf(name, store);
});
