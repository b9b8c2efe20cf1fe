/** What the shapes, icons and lines of the graph mean (the same icons the graph draws). */
import { containerIcon, hostIcon, networkIcon, projectIcon } from '@/lib/graph/icons';

type Item = { swatch: string; icon?: string; label: string };

const ITEMS: Item[] = [
  { swatch: 'rounded border-2 border-blue-600 bg-blue-100', icon: networkIcon('#2563eb'), label: 'user-defined network (driver, subnet)' },
  { swatch: 'rounded border-2 border-dashed border-slate-500 bg-slate-100', icon: networkIcon('#64748b'), label: 'builtin network (bridge / none)' },
  { swatch: 'rounded border-4 border-double border-orange-600 bg-orange-100', icon: networkIcon('#ea580c'), label: 'internal network' },
  { swatch: 'border-2 border-violet-600 bg-violet-100', icon: networkIcon('#7c3aed'), label: 'overlay / swarm network' },
  { swatch: 'rounded-xl border-2 border-slate-900 bg-white', icon: containerIcon('#059669'), label: 'container, running (name, image)' },
  { swatch: 'rounded-xl border-2 border-dashed border-slate-400 bg-white', icon: containerIcon('#94a3b8'), label: 'container, stopped (state, exit code)' },
  { swatch: 'rounded-xl border-2 border-amber-600 bg-white', icon: containerIcon('#d97706'), label: 'container, paused or restarting' },
  { swatch: 'rounded-xl border-2 border-dotted border-red-600 bg-white', icon: containerIcon('#059669'), label: 'no network (none mode)' },
  { swatch: 'rounded border-4 border-double border-blue-600 bg-blue-100', icon: networkIcon('#2563eb'), label: 'folded network: "▸ 12 containers"' },
  { swatch: 'rounded border-4 border-double border-slate-300 bg-slate-50', icon: projectIcon('#475569'), label: 'compose project (folded, or a dashed box)' },
  { swatch: 'rounded border-2 border-violet-600 bg-slate-50', label: 'swarm service, grouped by service (mode, tasks running)' },
  { swatch: 'rounded border-[3px] border-slate-800 bg-slate-50', label: 'swarm node, grouped by node (role, availability)' },
  { swatch: 'rounded bg-slate-800', icon: hostIcon('#f8fafc'), label: 'host (host mode, published ports)' },
  { swatch: 'h-0.5 bg-slate-400', label: 'endpoint (IP on network)' },
  { swatch: 'h-1.5 bg-slate-400', label: 'merged edges between folded groups (count)' },
  { swatch: 'h-0.5 border-t-2 border-dashed border-amber-600', label: 'legacy --link' },
  { swatch: 'h-0.5 border-t-2 border-dotted border-violet-600', label: 'shares namespace (container:X)' },
  { swatch: 'h-0.5 bg-emerald-600', label: 'published port' },
  { swatch: 'h-0.5 border-t-2 border-dashed border-violet-600', label: 'a service\'s virtual IP on a network (VIP)' },
  { swatch: 'rotate-45 border-2 border-teal-600 bg-teal-100', label: 'host bridge (docker0, br-…)' },
  { swatch: 'border border-teal-500 bg-teal-50', label: 'veth (host side)' },
  { swatch: 'rounded border-4 border-double border-fuchsia-600 bg-white', label: 'added or changed since the moment picked in Activity ("Changes since")' },
];

export function Legend() {
  return (
    <details className="text-xs" data-testid="legend">
      <summary className="cursor-pointer select-none text-slate-700 dark:text-slate-300">Legend</summary>
      <ul className="mt-2 grid grid-cols-1 gap-1.5">
        {ITEMS.map((i) => (
          <li key={i.label} className="flex items-center gap-2">
            <span className={`inline-flex h-4 w-6 shrink-0 items-center justify-center ${i.swatch}`} aria-hidden>
              {/* eslint-disable-next-line @next/next/no-img-element -- a 12 px data-URI icon, nothing to optimise */}
              {i.icon ? <img src={i.icon} alt="" width={12} height={12} /> : null}
            </span>
            {i.label}
          </li>
        ))}
      </ul>
    </details>
  );
}
