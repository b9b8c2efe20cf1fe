'use client';
/**
 * "Can it reach…?": pick another container (and a port), read the server's verdict (by IP, by
 * name, per port, with the sockets B listens on), see the path on the graph, apply the fix or
 * copy its compose YAML, and "Test now" for real from inside A. The matrix of A's compose
 * project or network is one click away.
 */
import { useState } from 'react';
import { ids } from '@/lib/graph/ids';
import { testNow, topologyVersion, useReachability, type ProbeAnswer, type ReachAnswer } from '@/lib/hooks/use-reachability';
import { checkInput } from '@/lib/schemas/common';
import { portParam } from '@/lib/schemas/reachability';
import type { Topology, TopoContainer } from '@/lib/topology/types';
import { useTrafficOf } from '@/lib/hooks/use-traffic';
import { portTraffic, type PortTraffic } from '@/lib/traffic/apply';
import { CopyValue } from './copy-value';
import { ReachMatrix } from './reach-matrix';

interface Props {
  topology: Topology;
  from: TopoContainer;
  /** Opens the connect dialog for a fix; absent in read-only mode. */
  onConnect?: (networkId: string, containerId: string) => void;
  /** Draws these graph elements as the path (empty: none). */
  onPath?: (elementIds: string[]) => void;
  /** Whether "Test now" is offered (not in read-only mode: it runs commands in containers). */
  canTest?: boolean;
}

export function ReachPanel({ topology, from, onConnect, onPath, canTest }: Props) {
  const [to, setTo] = useState('');
  const [portText, setPortText] = useState('');
  const [probe, setProbe] = useState<{ state: 'running' } | { state: 'done'; r: ProbeAnswer } | { state: 'failed'; message: string } | null>(null);
  const [matrix, setMatrix] = useState(false);
  const portCheck = checkInput(portParam, portText.trim());
  const port = portCheck.ok ? portCheck.value : null;
  const version = topologyVersion(topology);
  const { data: v, error, isLoading } = useReachability(from.id, to || null, port, version);
  const others = topology.containers.filter((c) => c.id !== from.id);
  const current = v && v.to.id === to && v.from.id === from.id ? v : null;
  const run = async () => {
    setProbe({ state: 'running' });
    try {
      setProbe({ state: 'done', r: await testNow(from.id, to, port) });
    } catch (err) {
      setProbe({ state: 'failed', message: (err as Error).message });
    }
  };
  // A's compose project, beside B's when B is in another one (the seed's two projects).
  const toProject = topology.containers.find((c) => c.id === to)?.composeProject ?? null;
  const projects = [...new Set([from.composeProject, toProject].filter((x): x is string => !!x))];
  const inScope = topology.containers.filter((c) => c.composeProject !== null && projects.includes(c.composeProject)).length;
  const scope = inScope >= 2 ? { project: projects.join(',') } : null;
  return (
    <section className="mt-3 rounded border border-slate-200 p-2 dark:border-slate-800" aria-label="Reachability" data-testid="reach-panel">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <label className="font-semibold">Can {from.name} reach…
          <select className="ml-2 rounded border border-slate-300 bg-white px-1 py-0.5 text-sm font-normal dark:border-slate-600 dark:bg-slate-900" value={to} onChange={(e) => { setTo(e.target.value); setProbe(null); }} aria-label={`Container for ${from.name} to reach`}>
            <option value="">choose a container</option>
            {others.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </label>
        <label className="font-semibold">on port
          <input className="ml-1 w-20 rounded border border-slate-300 bg-white px-1 py-0.5 text-sm font-normal dark:border-slate-600 dark:bg-slate-900" value={portText} inputMode="numeric" placeholder="any" aria-label="Port (optional)" aria-invalid={!portCheck.ok} onChange={(e) => { setPortText(e.target.value); setProbe(null); }} />
        </label>
      </div>
      {!portCheck.ok ? <p className="mt-1 text-xs text-red-700 dark:text-red-300" role="alert">{portCheck.problem.message}</p> : null}
      {error ? <p className="mt-2 text-xs text-red-700 dark:text-red-300" role="alert">Could not ask: {(error as Error).message}</p> : null}
      {to && isLoading && !current ? <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">Asking…</p> : null}
      {current ? <Verdict v={current} topology={topology} onConnect={onConnect} onPath={onPath} /> : null}
      {current && canTest ? (
        <div className="mt-2">
          <button type="button" className="rounded border border-slate-400 px-2 py-0.5 text-xs font-semibold dark:border-slate-500" onClick={run} disabled={probe?.state === 'running'} data-testid="test-now">
            {probe?.state === 'running' ? 'Testing…' : 'Test now'}
          </button>
          <span className="ml-2 text-xs text-slate-600 dark:text-slate-400">tries it for real from inside {from.name}</span>
          {probe?.state === 'failed' ? <p className="mt-1 text-xs text-red-700 dark:text-red-300" role="alert">{probe.message}</p> : null}
          {probe?.state === 'done' ? <Observed r={probe.r} /> : null}
        </div>
      ) : null}
      {scope ? (
        <div className="mt-2 border-t border-slate-200 pt-2 dark:border-slate-800">
          <button type="button" className="text-xs font-semibold text-blue-700 underline dark:text-blue-300" aria-expanded={matrix} onClick={() => setMatrix((m) => !m)}>
            {matrix ? 'Hide' : 'Show'} the matrix of project{projects.length > 1 ? 's' : ''} {projects.join(' and ')}{port ? ` on port ${port}` : ''}
          </button>
          {matrix ? <ReachMatrix scope={scope} port={port} version={version} onPick={(a, b) => { if (a === from.id) setTo(b); }} /> : null}
        </div>
      ) : null}
    </section>
  );
}

function Verdict({ v, topology, onConnect, onPath }: { v: ReachAnswer; topology: Topology; onConnect?: Props['onConnect']; onPath?: Props['onPath'] }) {
  const good = v.ports.length === 1 ? v.ports[0]!.open : v.reachable;
  const path = pathElements(topology, v);
  // What actually happens on each port (GET /api/traffic of A, while the verdict is shown).
  const { data: traffic } = useTrafficOf(v.ports.length ? { container: v.from.id } : null);
  const sharers = (id: string) => [id, ...topology.containers.filter((c) => c.sharesNetworkWith === id || topology.containers.find((x) => x.id === id)?.sharesNetworkWith === c.id).map((c) => c.id)];
  return (
    <div className="mt-2 text-sm" data-testid="reach-verdict" data-by-ip={v.byIp} data-by-name={v.byName} data-reachable={v.reachable} data-port-open={v.ports.length === 1 ? String(v.ports[0]!.open) : undefined}>
      <p className={`font-semibold ${v.undecided ? 'text-amber-800 dark:text-amber-300' : good ? 'text-emerald-700 dark:text-emerald-300' : 'text-red-700 dark:text-red-300'}`}>{v.summary}</p>
      <FirewallRules v={v} />
      {v.ports.length ? (
        <table className="mt-1 w-full text-xs" aria-label="Ports">
          <thead><tr className="text-left"><th className="pr-2">port</th><th className="pr-2">open</th><th className="pr-2">where</th>{traffic && traffic.basis !== 'none' ? <th>traffic now</th> : null}</tr></thead>
          <tbody>
            {v.ports.map((p) => (
              <tr key={p.port} data-testid="reach-port" data-port={p.port} data-open={p.open} title={p.reasons.join('\n')}>
                <td className="pr-2 font-mono">{p.port}/tcp</td>
                <td className={`pr-2 font-semibold ${p.open ? 'text-emerald-700 dark:text-emerald-300' : p.undecided ? 'text-amber-800 dark:text-amber-300' : 'text-red-700 dark:text-red-300'}`}>{p.open ? (p.byName ? 'yes, by name' : 'yes') : p.undecided ? 'unknown' : p.firewall.some((n) => n.verdict === 'drop' || n.verdict === 'reject') ? 'no (firewall)' : 'no'}</td>
                <td className="pr-2 font-mono">{p.targets.slice(0, 3).join(', ') || '—'}</td>
                {traffic && traffic.basis !== 'none' ? <PortTrafficCell mark={portTraffic(traffic.flows, sharers(v.from.id), sharers(v.to.id), p.port, p.open)} /> : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {!v.listeners.read ? <p className="mt-1 text-xs text-amber-700 dark:text-amber-300">Ports answered from the network rules only: {v.listeners.reason}</p> : null}
      {path.length && onPath ? <button type="button" className="mt-1 text-xs font-semibold text-blue-700 underline dark:text-blue-300" onClick={() => onPath(path)} data-testid="show-path">Show the path on the graph</button> : null}
      <ul className="mt-1 list-disc pl-5 text-xs">{[...v.reasons, ...v.ports.flatMap((p) => p.reasons.filter((r) => !v.reasons.includes(r)).map((r) => `${p.port}: ${r}`))].map((r) => <li key={r}>{r}</li>)}</ul>
      {v.fixes.map((f) => (
        <div key={f.command + f.text} className="mt-2 rounded bg-slate-100 p-2 text-xs dark:bg-slate-800" data-testid="reach-fix">
          <p>Fix: {f.text}</p>
          <CopyValue value={f.command} />
          {f.connect && onConnect ? (
            <button type="button" className="ml-2 rounded bg-blue-600 px-2 py-0.5 text-xs font-semibold text-white" onClick={() => onConnect(f.connect!.networkId, f.connect!.containerId)}>
              Connect now…
            </button>
          ) : null}
          {f.compose ? (
            <details className="mt-1">
              <summary className="cursor-pointer font-semibold">Make it last (compose)</summary>
              <CopyValue value={f.compose} label="the compose YAML" display={<pre className="mt-1 min-w-0 flex-1 overflow-x-auto rounded bg-white p-1 font-mono dark:bg-slate-900" data-testid="compose-fix">{f.compose}</pre>} />
            </details>
          ) : null}
        </div>
      ))}
    </div>
  );
}

function PortTrafficCell({ mark }: { mark: PortTraffic }) {
  const tone = mark === 'failing' ? 'text-red-700 dark:text-red-300' : mark === 'traffic seen' ? 'text-cyan-800 dark:text-cyan-300' : 'text-slate-600 dark:text-slate-400';
  return <td className={tone} data-testid="port-traffic" data-mark={mark}>{mark}</td>;
}

function Observed({ r }: { r: ProbeAnswer }) {
  return (
    <div className="mt-1 text-xs" data-testid="test-result" data-disagreements={r.disagreements} data-via={r.via ?? 'none'}>
      <p className={r.via === null ? 'text-amber-700 dark:text-amber-300' : r.disagreements ? 'font-semibold text-red-700 dark:text-red-300' : 'text-emerald-700 dark:text-emerald-300'}>
        {r.via === null ? `Cannot test: ${r.how}` : r.disagreements ? `${r.disagreements} observation${r.disagreements > 1 ? 's' : ''} disagree with the prediction` : `Observed as predicted (${r.checks.length} checks, ${r.ms} ms)`}
      </p>
      {r.via ? <p className="text-slate-600 dark:text-slate-400">{r.how}</p> : null}
      <ul className="mt-1">
        {r.checks.map((c) => (
          <li key={`${c.kind}:${c.target}`} data-testid="test-check" data-agrees={String(c.agrees)} className={c.agrees === false ? 'font-semibold text-red-700 dark:text-red-300' : ''}>
            {c.agrees === false ? '✗ ' : c.agrees ? '✓ ' : '– '}{c.kind === 'icmp' ? 'ping' : c.kind === 'dns' ? 'name' : 'TCP'} {c.target}: predicted {c.predicted === null ? 'unknown (a firewall rule Switchyard cannot evaluate)' : c.predicted ? 'yes' : 'no'}, observed {c.observed === null ? 'not tried' : c.observed ? 'yes' : 'no'} <span className="text-slate-600 dark:text-slate-400">({c.detail})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The graph elements a verdict's paths cross: endpoints and networks, links, shared namespaces, published ports. */
export function pathElements(t: Topology, v: ReachAnswer): string[] {
  const ctr = (id: string) => t.containers.find((c) => c.id === id);
  const a = ctr(v.from.id);
  const b = ctr(v.to.id);
  if (!a || !b) return [];
  const ea = (a.sharesNetworkWith && ctr(a.sharesNetworkWith)) || a;
  const eb = (b.sharesNetworkWith && ctr(b.sharesNetworkWith)) || b;
  const out = new Set<string>();
  const usable = v.ports.length === 1 ? v.ports[0]!.targets : null;
  for (const p of v.paths) {
    if (usable && !usable.some((x) => x.startsWith(`${p.address}:`) || p.names.some((n) => x.startsWith(`${n}:`)))) continue;
    if (p.kind === 'network' || p.kind === 'host') {
      if (!p.networkId) continue;
      out.add(ids.endpoint(p.networkId, ea.id)).add(ids.network(p.networkId)).add(ids.endpoint(p.networkId, eb.id));
    } else if (p.kind === 'link') {
      const l = ea.links.find((x) => x.containerId === eb.id && p.names.includes(x.alias));
      if (l) out.add(ids.link(ea.id, l.containerId, l.alias));
    } else if (p.kind === 'namespace') {
      if (a.sharesNetworkWith) out.add(ids.shares(a.id, a.sharesNetworkWith));
      if (b.sharesNetworkWith) out.add(ids.shares(b.id, b.sharesNetworkWith));
    } else if (p.kind === 'published') {
      const port = eb.ports.find((x) => x.containerPort === p.containerPort && x.hostPort === p.hostPort);
      if (port) out.add(ids.port(eb.id, port));
      if (p.networkId) out.add(ids.endpoint(p.networkId, ea.id)).add(ids.network(p.networkId));
    }
  }
  if (out.size) out.add(ids.container(a.id)).add(ids.container(b.id));
  return [...out];
}

/** The host firewall rules that decide this verdict (each with its chain, position and text), or why the firewall was not read. */
function FirewallRules({ v }: { v: ReachAnswer }) {
  const notes = [...v.paths.map((p) => p.firewall), ...v.ports.flatMap((p) => p.firewall)].filter((n): n is NonNullable<typeof n> => !!n && n.verdict !== 'accept');
  const seen = new Map(notes.map((n) => [n.rule ? `${n.rule.family}:${n.rule.chain}:${n.rule.position}` : n.text, n]));
  if (!v.firewall.read) return <p className="mt-1 text-xs text-amber-700 dark:text-amber-300" data-testid="firewall-unread">{v.firewall.reason ?? 'The host firewall was not read.'}</p>;
  if (!seen.size) return null;
  return (
    <ul className="mt-1 space-y-0.5 text-xs" aria-label="Firewall rules on the way" data-testid="firewall-rules">
      {[...seen.values()].map((n) => (
        <li key={n.text} className={`rounded border-l-4 px-2 py-0.5 ${n.verdict === 'unknown' ? 'border-amber-600 bg-amber-50 text-amber-950 dark:border-amber-500 dark:bg-amber-950 dark:text-amber-100' : 'border-red-600 bg-red-50 text-red-950 dark:border-red-500 dark:bg-red-950 dark:text-red-100'}`}>
          <strong>{n.verdict === 'unknown' ? 'unknown' : n.verdict === 'drop' ? 'dropped' : 'rejected'}</strong>
          {n.rule ? <> by {n.rule.chain} rule {n.rule.position} ({n.rule.family === 6 ? 'ip6tables' : 'iptables'}): <code className="break-all">{n.rule.text}</code></> : <>: {n.text}</>}
        </li>
      ))}
    </ul>
  );
}
