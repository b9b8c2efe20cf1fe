'use client';
/** Search, filters, layout and export controls. Plain values and callbacks only. */
import { LAYOUTS, TRAFFIC_EVERY, type LayoutName, type ViewState } from '@/lib/graph/view-state';
import { GROUPINGS, type Grouping } from '@/lib/graph/grouping';
import { SMALL_LAYOUT_MAX } from './graph/layouts';

interface Props {
  view: ViewState;
  networks: string[];
  projects: string[];
  onChange: (patch: Partial<ViewState>) => void;
  /** Nodes drawn now: Cytoscape's own layouts are offered only for small graphs. */
  nodeCount: number;
  onExport: (format: 'png' | 'svg' | 'json') => void;
  /** Absent in read-only mode. */
  onCreateNetwork?: () => void;
  /** Plan mode (changes staged, then applied as one); absent on a read-only server. */
  plan?: { on: boolean; setOn: (on: boolean) => void };
  /** The engine is a swarm manager: containers can be grouped by swarm service or node. */
  swarm?: boolean;
}

const GROUP_LABELS: Record<Grouping, string> = { project: 'compose project', service: 'swarm service', node: 'swarm node' };

const control = 'rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900';

export function Toolbar({ view, networks, projects, onChange, nodeCount, onExport, onCreateNetwork, plan, swarm = false }: Props) {
  const big = nodeCount > SMALL_LAYOUT_MAX;
  return (
    <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="View controls">
      <input
        type="search" placeholder="Find name, IP, alias…" aria-label="Search by name, IP or alias" value={view.q}
        onChange={(e) => onChange({ q: e.target.value })} className={`${control} w-52`} data-testid="search"
      />
      <select aria-label="Only one network" value={view.network ?? ''} onChange={(e) => onChange({ network: e.target.value || null })} className={control}>
        <option value="">All networks</option>
        {networks.map((n) => <option key={n} value={n}>{n}</option>)}
      </select>
      <select aria-label="Only one compose project" value={view.project ?? ''} onChange={(e) => onChange({ project: e.target.value || null })} className={control}>
        <option value="">All projects</option>
        {projects.map((p) => <option key={p} value={p}>{p}</option>)}
      </select>
      {swarm || view.group !== 'project' ? (
        <label className="flex items-center gap-1 text-sm">
          Group by
          <select aria-label="Group containers by" value={view.group} onChange={(e) => onChange({ group: e.target.value as Grouping })} className={control}>
            {GROUPINGS.map((g) => <option key={g} value={g}>{GROUP_LABELS[g]}</option>)}
          </select>
        </label>
      ) : null}
      <Toggle label="Hide stopped" checked={view.hideStopped} onChange={(v) => onChange({ hideStopped: v })} />
      <Toggle label="Hide builtin networks" checked={view.hideBuiltin} onChange={(v) => onChange({ hideBuiltin: v })} />
      <Toggle label="Host interfaces" checked={view.hostIfaces} onChange={(v) => onChange({ hostIfaces: v })} testId="toggle-host-interfaces" />
      <Toggle label="Traffic" checked={view.traffic} onChange={(v) => onChange({ traffic: v })} testId="toggle-traffic" />
      {view.traffic ? (
        <select aria-label="Read traffic every" value={view.trafficEvery} onChange={(e) => onChange({ trafficEvery: Number(e.target.value) })} className={control} data-testid="traffic-every">
          {TRAFFIC_EVERY.map((s) => <option key={s} value={s}>every {s} s</option>)}
        </select>
      ) : null}
      <Toggle label="Exposure" checked={view.exposure} onChange={(v) => onChange({ exposure: v })} testId="toggle-exposure" />
      <Toggle label="Compose drift" checked={view.drift} onChange={(v) => onChange({ drift: v })} testId="toggle-drift" />
      <select aria-label="Layout" value={view.layout} onChange={(e) => onChange({ layout: e.target.value as LayoutName })} className={control}>
        {LAYOUTS.map((l) => (
          <option key={l} value={l} disabled={big && l !== 'clusters'}>{l}{big && l !== 'clusters' ? ` (up to ${SMALL_LAYOUT_MAX} nodes)` : ''}</option>
        ))}
      </select>
      {onCreateNetwork ? <button type="button" className={control} onClick={onCreateNetwork}>New network…</button> : null}
      {plan ? <Toggle label="Plan changes" checked={plan.on} onChange={plan.setOn} testId="toggle-plan" /> : null}
      <span className="ml-auto flex gap-1">
        <button type="button" className={control} onClick={() => onExport('png')}>PNG</button>
        <button type="button" className={control} onClick={() => onExport('svg')}>SVG</button>
        <button type="button" className={control} onClick={() => onExport('json')}>JSON</button>
      </span>
    </div>
  );
}

function Toggle({ label, checked, onChange, testId }: { label: string; checked: boolean; onChange: (v: boolean) => void; testId?: string }) {
  return (
    <label className="flex items-center gap-1 text-sm">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} data-testid={testId} />
      {label}
    </label>
  );
}

/** Fit, zoom and re-layout, under the graph. */
export function GraphControls({ onFit, onZoom, onRelayout }: { onFit: () => void; onZoom: (factor: number) => void; onRelayout: () => void }) {
  const c = 'rounded border border-slate-300 bg-white px-2 py-0.5 text-sm hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800';
  return (
    <div className="flex gap-1" role="toolbar" aria-label="Graph view">
      <button type="button" className={c} onClick={onFit}>Fit</button>
      <button type="button" className={c} onClick={() => onZoom(1.25)} aria-label="Zoom in">+</button>
      <button type="button" className={c} onClick={() => onZoom(0.8)} aria-label="Zoom out">−</button>
      <button type="button" className={c} onClick={onRelayout} title="Lay the whole graph out afresh (forgets positions you dragged)">Re-layout</button>
    </div>
  );
}
