'use client';
/**
 * Which networks and compose projects are folded. Past FOLD_BUDGET nodes the graph opens
 * with its largest groups folded (lib/graph/fold autoFold); on top of that, what the user
 * opened and folded, kept in the browser per engine.
 */
import { useCallback, useMemo, useState } from 'react';
import type { VisibleTopology } from '@/lib/graph/filter';
import { storageKeys } from '@/lib/graph/browser-keys';
import { autoFold, FOLD_BUDGET, groupsToReveal } from '@/lib/graph/fold';


interface Overrides { open: string[]; closed: string[] }

function load(engine: string): Overrides {
  try {
    const v = JSON.parse(window.localStorage.getItem(storageKeys(engine).folds) ?? 'null') as Overrides | null;
    if (v && Array.isArray(v.open) && Array.isArray(v.closed)) return { open: v.open.filter((x) => typeof x === 'string'), closed: v.closed.filter((x) => typeof x === 'string') };
  } catch { /* nothing kept */ }
  return { open: [], closed: [] };
}

/** Whether the user has folded or unfolded anything on this engine (the size rule alone does not count). */
export function hasFoldOverrides(engine: string): boolean {
  const o = load(engine);
  return o.open.length > 0 || o.closed.length > 0;
}

export interface Folds {
  /** Group node ids folded now. */
  collapsed: ReadonlySet<string>;
  /** How many groups were folded by the size rule (0 when the graph fits as it is). */
  autoFolded: number;
  toggle(groupId: string): void;
  /** Opens whatever is needed for these containers to be drawn as themselves; returns whether anything opened. */
  reveal(containerIds: readonly string[]): boolean;
  expandAll(): void;
  /** Back to the size rule: forgets what the user opened and folded. */
  reset(): void;
}

/** The size rule's result the server already computed for an engine and filter (the page's first view). */
export interface KnownAutoFold { engine: string; filterKey: string; collapsed: readonly string[] }

export function useFolds(engineId: string | null, vis: VisibleTopology | null, filterKey: string, known: KnownAutoFold | null = null, budget = FOLD_BUDGET): Folds {
  const [over, setOver] = useState<Overrides>({ open: [], closed: [] });
  // Read during render, before the first graph of this engine is drawn: a deep link or a
  // search must see the folds the user kept, not an empty set that is replaced a moment later.
  const [loadedFor, setLoadedFor] = useState<string | null>(null);
  if (engineId && loadedFor !== engineId && typeof window !== 'undefined') {
    setLoadedFor(engineId);
    setOver(load(engineId));
  }
  const save = useCallback((o: Overrides) => {
    setOver(o);
    if (engineId) try { window.localStorage.setItem(storageKeys(engineId).folds, JSON.stringify(o)); } catch { /* kept for this page only */ }
  }, [engineId]);

  // The size rule is applied once per engine and filter, not on every live change: a group
  // does not fold or unfold under the user's eyes because a container came or went.
  // (State set during render: React's pattern for state derived from changing input.)
  const [auto, setAuto] = useState<{ key: string; set: Set<string> } | null>(null);
  const autoKey = `${engineId}|${filterKey}`;
  if (vis && auto?.key !== autoKey) {
    const given = known && `${known.engine}|${known.filterKey}` === autoKey ? new Set(known.collapsed) : null;
    setAuto({ key: autoKey, set: given ?? autoFold(vis, budget) });
  }
  const autoSet = auto?.key === autoKey ? auto.set : null;

  const collapsed = useMemo(() => {
    const out = new Set(autoSet ?? []);
    for (const k of over.closed) out.add(k);
    for (const k of over.open) out.delete(k);
    return out;
  }, [autoSet, over]);

  const toggle = useCallback((id: string) => {
    const open = new Set(over.open), closed = new Set(over.closed);
    if (collapsed.has(id)) {
      open.add(id);
      closed.delete(id);
    } else {
      closed.add(id);
      open.delete(id);
    }
    save({ open: [...open], closed: [...closed] });
  }, [collapsed, over, save]);

  const reveal = useCallback((ids: readonly string[]) => {
    if (!vis || !collapsed.size) return false;
    const more = groupsToReveal(vis, collapsed, ids);
    if (!more.size) return false;
    save({ open: [...new Set([...over.open, ...more])], closed: over.closed.filter((k) => !more.has(k)) });
    return true;
  }, [vis, collapsed, over, save]);

  const expandAll = useCallback(() => save({ open: [...new Set([...over.open, ...collapsed])], closed: [] }), [collapsed, over, save]);
  const reset = useCallback(() => save({ open: [], closed: [] }), [save]);
  return { collapsed, autoFolded: autoSet?.size ?? 0, toggle, reveal, expandAll, reset };
}
