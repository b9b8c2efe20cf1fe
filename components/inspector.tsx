'use client';
/**
 * Details of the selected network, container or endpoint: every fact the topology has about
 * it, each copyable, and the raw inspect JSON on demand.
 */
import { AGENT_LABEL } from '@/lib/agent/protocol';
import { hostPortText } from '@/lib/net/cidr';
import type { ReactNode } from 'react';
import { ids } from '@/lib/graph/ids';
import type { Selection } from '@/lib/graph/selection';
import { useNow } from '@/lib/hooks/use-now';
import { topologyVersion } from '@/lib/hooks/use-reachability';
import { containerStatus } from '@/lib/topology/status';
import type { Topology, TopoContainer, TopoEndpoint, TopoNetwork } from '@/lib/topology/types';
import { CopyValue } from './copy-value';
import { Facts, FoldButton, Gone, LinkButton, type InspectorFolds } from './inspector-parts';
import { NodeDetails, ServiceDetails, SwarmNetworkNotes, taskRows } from './swarm-details';
import { swarmGroup } from '@/lib/graph/grouping';
import { RawInspect } from './raw-inspect';
import { MatrixSection } from './reach-matrix';
import { LivePeers } from './live-peers';
import { DriftSection } from './compose/drift-panel';
import { isComposeServiceContainer } from '@/lib/compose/drift';
import { useContainerDrift } from '@/lib/hooks/use-drift';
import { ReachPanel } from './reach-panel';

/** What the inspector can start; the dashboard opens the matching dialog. */
export interface InspectorActions {
  connect: (containerId: string) => void;
  /** Opens the connect dialog for this network and container. */
  connectTo: (networkId: string, containerId: string) => void;
  disconnect: (networkId: string, containerId: string) => void;
  /** Absent: the role here does not allow it (admin). */
  removeNetwork?: (networkId: string) => void;
  /** Whether admin's actions are offered: "Test now", compose write-back. */
  admin: boolean;
}

/** Folding of networks and compose projects in the graph (lib/hooks/use-folds). */

interface Props {
  topology: Topology;
  selection: Selection | null;
  onSelect: (s: Selection) => void;
  /** null in read-only mode: no change controls. */
  actions: InspectorActions | null;
  folds?: InspectorFolds;
  /** Draws graph elements as a reachability path (empty: none). */
  onPath?: (elementIds: string[]) => void;
}

export function Inspector({ topology, selection, onSelect, actions, folds, onPath }: Props) {
  if (!selection) {
    return <p className="text-sm text-slate-600 dark:text-slate-400">Select a network, container or connection in the graph or the list to see its details.</p>;
  }
  const netOf = (id: string) => topology.networks.find((n) => n.id === id);
  const ctrOf = (id: string) => topology.containers.find((c) => c.id === id);
  switch (selection.kind) {
    case 'network': {
      const n = netOf(selection.id);
      return n ? <NetworkDetails n={n} t={topology} onSelect={onSelect} actions={actions} folds={folds} /> : <Gone what="network" />;
    }
    case 'container': {
      const c = ctrOf(selection.id);
      return c ? <ContainerDetails c={c} t={topology} onSelect={onSelect} actions={actions} onPath={onPath} /> : <Gone what="container" />;
    }
    case 'endpoint': {
      const e = topology.endpoints.find((x) => x.networkId === selection.networkId && x.containerId === selection.containerId);
      const n = netOf(selection.networkId);
      const c = ctrOf(selection.containerId);
      if (!e || !n || !c) return <Gone what="connection" />;
      return (
        <section aria-label="Endpoint details" data-testid="inspector">
          <h2 className="text-base font-semibold">
            <LinkButton onClick={() => onSelect({ kind: 'container', id: c.id })}>{c.name}</LinkButton> on{' '}
            <LinkButton onClick={() => onSelect({ kind: 'network', id: n.id })}>{n.name}</LinkButton>
          </h2>
          <EndpointFacts e={e} n={n} />
          {actions ? <ActionButton onClick={() => actions.disconnect(n.id, c.id)} danger>Disconnect {c.name} from {n.name}</ActionButton> : null}
        </section>
      );
    }
    case 'host':
      return <HostDetails t={topology} onSelect={onSelect} />;
    case 'project': {
      const g = swarmGroup(selection.name);
      if (g?.kind === 'service') return <ServiceDetails name={g.name} t={topology} onSelect={onSelect} folds={folds} />;
      if (g?.kind === 'node') return <NodeDetails name={g.name} t={topology} onSelect={onSelect} folds={folds} />;
      return <ProjectDetails name={selection.name} t={topology} onSelect={onSelect} folds={folds} />;
    }
  }
}

function ProjectDetails({ name, t, onSelect, folds }: { name: string; t: Topology; onSelect: (s: Selection) => void; folds?: InspectorFolds }) {
  const members = t.containers.filter((c) => c.composeProject === name);
  const networks = t.networks.filter((n) => n.composeProject === name || t.endpoints.some((e) => e.networkId === n.id && members.some((c) => c.id === e.containerId)));
  if (!members.length) return <Gone what="compose project" />;
  return (
    <section aria-label="Compose project details" data-testid="inspector">
      <h2 className="text-base font-semibold">{name} <span className="text-xs font-normal text-slate-600 dark:text-slate-400">compose project</span></h2>
      <FoldButton groupId={ids.project(name)} count={members.length} folds={folds} />
      <h3 className="mt-3 text-sm font-semibold">Containers ({members.length})</h3>
      <ul className="text-xs">
        {members.map((c) => <li key={c.id}><LinkButton onClick={() => onSelect({ kind: 'container', id: c.id })}>{c.name}</LinkButton> <span className="text-slate-600 dark:text-slate-400">{c.composeService ?? ''} · {c.state}</span></li>)}
      </ul>
      <h3 className="mt-3 text-sm font-semibold">Networks ({networks.length})</h3>
      <ul className="text-xs">
        {networks.map((n) => <li key={n.id}><LinkButton onClick={() => onSelect({ kind: 'network', id: n.id })}>{n.name}</LinkButton></li>)}
      </ul>
      <MatrixSection scope={{ project: name }} what={`project ${name}`} version={topologyVersion(t)} count={members.length} onPick={(a) => onSelect({ kind: 'container', id: a })} />
    </section>
  );
}

function ActionButton({ onClick, children, danger }: { onClick: () => void; children: ReactNode; danger?: boolean }) {
  return (
    <button type="button" onClick={onClick} className={`mt-2 mr-2 rounded border px-2 py-0.5 text-xs ${danger ? 'border-red-300 text-red-700 dark:border-red-800 dark:text-red-300' : 'border-blue-300 text-blue-700 dark:border-blue-800 dark:text-blue-300'}`}>
      {children}
    </button>
  );
}

const yesNo = (b: boolean | null) => (b === null ? '—' : b ? 'yes' : 'no');
const list = (xs: string[]) => (xs.length ? <span className="flex flex-wrap gap-x-2">{xs.map((x) => <CopyValue key={x} value={x} />)}</span> : <span className="text-slate-500 dark:text-slate-400">none</span>);

function EndpointFacts({ e, n }: { e: TopoEndpoint; n: TopoNetwork }) {
  return (
    <Facts rows={[
      ['IPv4', <CopyValue key="ip" value={e.ipv4 ? `${e.ipv4}${e.ipv4PrefixLength ? `/${e.ipv4PrefixLength}` : ''}` : null} />],
      ['static IPv4', <CopyValue key="sip" value={e.staticIpv4} />],
      ['IPv6', <CopyValue key="ip6" value={e.ipv6} />],
      ['MAC', <CopyValue key="mac" value={e.mac} />],
      ['gateway', <CopyValue key="gw" value={e.gateway} />],
      ...(e.ipv6 || e.ipv6Gateway ? [['IPv6 gateway', <CopyValue key="gw6" value={e.ipv6Gateway} />] as [string, ReactNode]] : []),
      ['aliases', list(e.aliases)],
      ['DNS names', n.dns ? list(e.dnsNames) : <span className="text-slate-600 dark:text-slate-400">none: {n.name} has no DNS (use IPs, a --link, or a user-defined network)</span>],
      ['veth', e.veth ? <span key="veth" className="font-mono text-xs">{e.veth.containerInterface} ↔ {e.veth.hostInterface} (if{e.veth.hostIfindex}) on {e.veth.bridge ?? '—'}</span> : <span className="text-slate-500 dark:text-slate-400">—</span>],
    ]} />
  );
}

function NetworkDetails({ n, t, onSelect, actions, folds }: { n: TopoNetwork; t: Topology; onSelect: (s: Selection) => void; actions: InspectorActions | null; folds?: InspectorFolds }) {
  const members = t.endpoints.filter((e) => e.networkId === n.id);
  return (
    <section aria-label="Network details" data-testid="inspector">
      <h2 className="text-base font-semibold">{n.name} <span className="text-xs font-normal text-slate-600 dark:text-slate-400">network</span></h2>
      {n.builtin && n.driver === 'host' ? null : <FoldButton groupId={ids.network(n.id)} count={members.length} folds={folds} />}
      <Facts rows={[
        ['id', <CopyValue key="id" value={n.id} />],
        ['driver', `${n.driver} (${n.scope})`],
        ['subnets', n.subnets.length ? <span className="flex flex-col">{n.subnets.map((s) => <span key={s.subnet}><CopyValue value={s.subnet} /> gw <CopyValue value={s.gateway} />{s.ipRange ? <> range <CopyValue value={s.ipRange} /></> : null}</span>)}</span> : '—'],
        ['host bridge', <CopyValue key="br" value={n.bridge} />],
        ['ICC', n.icc === null ? '—' : n.icc ? 'containers may talk to each other' : 'off: members cannot reach each other'],
        ['masquerade', n.options['com.docker.network.bridge.enable_ip_masquerade'] ?? '—'],
        ['internal', n.internal ? 'yes: no traffic leaves this network' : 'no'],
        ['attachable', yesNo(n.attachable)],
        ['IPv6', yesNo(n.ipv6)],
        ['DNS by name', n.dns ? 'yes (user-defined network)' : 'no'],
        ['builtin', yesNo(n.builtin)],
        ['compose project', n.composeProject ?? '—'],
      ]} />
      <SwarmNetworkNotes n={n} t={t} onSelect={onSelect} />
      <KeyValues title="Options" values={n.options} />
      <KeyValues title="Labels" values={n.labels} />
      <h3 className="mt-3 text-sm font-semibold">Members ({members.length})</h3>
      <table className="mt-1 w-full text-left text-xs" data-testid="network-members">
        <thead><tr className="text-slate-600 dark:text-slate-400"><th>container</th><th>IP</th><th>MAC</th><th>aliases / DNS names</th><th><span className="sr-only">actions</span></th></tr></thead>
        <tbody>
          {members.map((e) => {
            const c = t.containers.find((x) => x.id === e.containerId);
            return (
              <tr key={e.containerId} className="border-t border-slate-200 align-top dark:border-slate-800">
                <td><LinkButton onClick={() => onSelect({ kind: 'container', id: e.containerId })}>{c?.name ?? e.containerId.slice(0, 12)}</LinkButton></td>
                <td className="font-mono">{e.ipv4 ?? (e.staticIpv4 ? `${e.staticIpv4} (stopped)` : '—')}</td>
                <td className="font-mono">{e.mac ?? '—'}</td>
                <td>{[...e.aliases.map((a) => `alias ${a}`), ...e.dnsNames].join(', ') || '—'}</td>
                <td>{actions && n.driver !== 'host' ? <button type="button" className="text-red-700 underline dark:text-red-300" onClick={() => actions.disconnect(n.id, e.containerId)} aria-label={`Disconnect ${c?.name ?? ''} from ${n.name}`}>disconnect</button> : null}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <MatrixSection scope={{ network: n.id }} what={n.name} version={topologyVersion(t)} count={new Set(members.map((e) => e.containerId)).size} onPick={(a) => onSelect({ kind: 'container', id: a })} />
      {actions?.removeNetwork && !n.builtin ? <ActionButton onClick={() => actions.removeNetwork?.(n.id)} danger>Remove network {n.name}</ActionButton> : null}
      <RawInspect kind="networks" id={n.id} />
    </section>
  );
}

function ContainerDetails({ c, t, onSelect, actions, onPath }: { c: TopoContainer; t: Topology; onSelect: (s: Selection) => void; actions: InspectorActions | null; onPath?: (elementIds: string[]) => void }) {
  const eps = t.endpoints.filter((e) => e.containerId === c.id);
  const now = useNow();
  const shares = c.sharesNetworkWith ? t.containers.find((x) => x.id === c.sharesNetworkWith) : null;
  const warnings = t.warnings.filter((w) => w.subject === c.id);
  return (
    <section aria-label="Container details" data-testid="inspector">
      <h2 className="text-base font-semibold">{c.name} <span className="text-xs font-normal text-slate-600 dark:text-slate-400">container</span></h2>
      {c.labels[AGENT_LABEL] !== undefined ? (
        <p className="mt-1 rounded bg-violet-50 p-2 text-xs text-violet-950 dark:bg-violet-950 dark:text-violet-100" data-testid="agent-note">
          Switchyard&apos;s agent: started by Switchyard when asked, it reads this engine&apos;s host (veth pairs, bridges, sockets, traffic) for it, through the engine&apos;s API. Stop it with &quot;Stop agent&quot; in the header.
        </p>
      ) : null}
      <Facts rows={[
        ['id', <CopyValue key="id" value={c.id} />],
        ['image', <CopyValue key="img" value={c.image} />],
        // The status line for now, not for when the server last read the container.
        ['state', `${c.state} — ${containerStatus(c, now)}`],
        ['network mode', shares ? <span key="m">shares <LinkButton onClick={() => onSelect({ kind: 'container', id: shares.id })}>{shares.name}</LinkButton>&apos;s namespace (container:)</span> : c.networkMode],
        ['compose', c.composeProject ? `${c.composeProject} / ${c.composeService ?? '—'}` : '—'],
        ['ports', c.ports.length ? <span className="flex flex-col">{c.ports.map((p) => <CopyValue key={`${p.hostIp}:${p.hostPort}:${p.containerPort}/${p.protocol}`} value={`${hostPortText(p.hostIp, p.hostPort)} → ${p.containerPort}/${p.protocol}`} />)}</span> : 'none published'],
        ['exposed', c.exposedPorts.length ? c.exposedPorts.map((p) => `${p.port}/${p.protocol}`).join(', ') : '—'],
        ['links', c.links.length ? c.links.map((l) => `${l.containerName} as ${l.alias} (legacy --link)`).join(', ') : 'none'],
        ...taskRows(c, t, onSelect),
      ]} />
      {warnings.map((w) => <p key={w.code + w.message} className="mt-2 rounded bg-amber-50 p-2 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-100">{w.message}</p>)}
      <h3 className="mt-3 text-sm font-semibold">Networks ({eps.length})</h3>
      {eps.length === 0 ? <p className="text-xs text-slate-600 dark:text-slate-400">{shares ? `Uses ${shares.name}'s networks.` : 'On no network.'}</p> : null}
      {eps.map((e) => {
        const n = t.networks.find((x) => x.id === e.networkId)!;
        return (
          <div key={e.networkId} className="mt-2 rounded border border-slate-200 p-2 dark:border-slate-800" data-testid={`endpoint-${n.name}`}>
            <LinkButton onClick={() => onSelect({ kind: 'network', id: n.id })}>{n.name}</LinkButton>
            <EndpointFacts e={e} n={n} />
            {actions && n.driver !== 'host' ? <ActionButton onClick={() => actions.disconnect(n.id, c.id)} danger>Disconnect from {n.name}</ActionButton> : null}
          </div>
        );
      })}
      {actions ? <ActionButton onClick={() => actions.connect(c.id)}>Connect to…</ActionButton> : null}
      {isComposeServiceContainer(c) ? <ComposeDrift c={c} t={t} canWrite={actions?.admin === true} /> : null}
      <LivePeers key={`peers-${c.id}`} c={c} t={t} />
      <ReachPanel key={c.id} topology={t} from={c} onConnect={actions?.connectTo} onPath={onPath} canTest={actions?.admin === true} />
      <RawInspect kind="containers" id={c.id} />
    </section>
  );
}

function ComposeDrift({ c, t, canWrite }: { c: TopoContainer; t: Topology; canWrite: boolean }) {
  const drift = useContainerDrift(c.id, topologyVersion(t));
  return <DriftSection data={drift.data} error={(drift.error as Error | undefined) ?? null} canWrite={canWrite} />;
}

function HostDetails({ t, onSelect }: { t: Topology; onSelect: (s: Selection) => void }) {
  const published = t.containers.flatMap((c) => c.ports.map((p) => ({ c, p })));
  const hostMode = t.containers.filter((c) => c.networkMode === 'host');
  return (
    <section aria-label="Host details" data-testid="inspector">
      <h2 className="text-base font-semibold">host <span className="text-xs font-normal text-slate-600 dark:text-slate-400">{t.engine.name}</span></h2>
      <Facts rows={[
        ['engine', `${t.engine.serverVersion} (API ${t.engine.apiVersion})`],
        ['OS', t.engine.os],
        ['swarm', t.engine.swarm ? `${t.engine.swarm.isManager ? 'manager' : 'worker'} ${t.engine.swarm.nodeId}` : 'not in a swarm'],
        ['host mode', hostMode.length ? hostMode.map((c) => c.name).join(', ') : 'none'],
      ]} />
      <h3 className="mt-3 text-sm font-semibold">Published ports ({published.length})</h3>
      <ul className="text-xs">
        {published.map(({ c, p }) => (
          <li key={`${c.id}${p.hostIp}${p.hostPort}${p.containerPort}${p.protocol}`}>
            <span className="font-mono">{hostPortText(p.hostIp, p.hostPort)} → {p.containerPort}/{p.protocol}</span> on{' '}
            <LinkButton onClick={() => onSelect({ kind: 'container', id: c.id })}>{c.name}</LinkButton>
          </li>
        ))}
      </ul>
    </section>
  );
}

function KeyValues({ title, values }: { title: string; values: Record<string, string> }) {
  const entries = Object.entries(values);
  if (!entries.length) return null;
  return (
    <details className="mt-2 text-xs">
      <summary className="cursor-pointer">{title} ({entries.length})</summary>
      <dl className="mt-1 grid grid-cols-[1fr_auto] gap-x-2">
        {entries.map(([k, v]) => <div key={k} className="contents"><dt className="break-all font-mono text-slate-600 dark:text-slate-400">{k}</dt><dd className="font-mono">{v}</dd></div>)}
      </dl>
    </details>
  );
}
