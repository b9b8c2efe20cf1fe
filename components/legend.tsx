/** What the shapes and lines of the graph mean. */
const ITEMS: { swatch: string; label: string }[] = [
  { swatch: 'rounded border-2 border-blue-600 bg-blue-100', label: 'user-defined network' },
  { swatch: 'rounded border-2 border-dashed border-slate-500 bg-slate-100', label: 'builtin network (bridge / none)' },
  { swatch: 'rounded border-4 border-double border-orange-600 bg-orange-100', label: 'internal network' },
  { swatch: 'border-2 border-violet-600 bg-violet-100', label: 'overlay / swarm network' },
  { swatch: 'rounded-xl border-2 border-slate-900 bg-white', label: 'container' },
  { swatch: 'rounded-xl border-2 border-dashed border-slate-400 bg-white opacity-50', label: 'stopped container' },
  { swatch: 'rounded-xl border-2 border-dotted border-red-600 bg-white', label: 'no network (none mode)' },
  { swatch: 'bg-slate-800', label: 'host (host mode, published ports)' },
  { swatch: 'h-0.5 bg-slate-400', label: 'endpoint (IP on network)' },
  { swatch: 'h-0.5 border-t-2 border-dashed border-amber-600', label: 'legacy --link' },
  { swatch: 'h-0.5 border-t-2 border-dotted border-violet-600', label: 'shares namespace (container:X)' },
  { swatch: 'h-0.5 bg-emerald-600', label: 'published port' },
  { swatch: 'rotate-45 border-2 border-teal-600 bg-teal-100', label: 'host bridge (docker0, br-…)' },
  { swatch: 'border border-teal-500 bg-teal-50', label: 'veth (host side)' },
];

export function Legend() {
  return (
    <details className="text-xs" data-testid="legend">
      <summary className="cursor-pointer select-none text-slate-600 dark:text-slate-300">Legend</summary>
      <ul className="mt-2 grid grid-cols-1 gap-1.5">
        {ITEMS.map((i) => (
          <li key={i.label} className="flex items-center gap-2">
            <span className={`inline-block h-3 w-5 shrink-0 ${i.swatch}`} aria-hidden />
            {i.label}
          </li>
        ))}
      </ul>
    </details>
  );
}
