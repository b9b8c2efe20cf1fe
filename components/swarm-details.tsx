'use client';
/**
 * The inspector's swarm sections: a service (mode, replicas, VIPs per network, published
 * ports, its tasks with their node, state and address), a node (role, availability, its
 * tasks), the task a container runs, and what the ingress network and docker_gwbridge are.
 */
import type { ReactNode } from 'react';
import { ids } from '@/lib/graph/ids';
import { nodeNames, NODE_GROUP, SERVICE_GROUP } from '@/lib/graph/grouping';
import type { Selection } from '@/lib/graph/selection';
import type { Topology, TopoContainer, TopoNetwork, TopoSwarm, TopoTask } from '@/lib/topology/types';
import { CopyValue } from './copy-value';
import { Facts, FoldButton, Gone, LinkButton, type InspectorFolds } from './inspector-parts';

type OnSelect = (s: Selection) => void;

const muted = 'text-slate-600 dark:text-slate-400';
export const serviceSelection = (name: string): Selection => ({ kind: 'project', name: `${SERVICE_GROUP}${name}` });
export const nodeSelection = (name: string): Selection => ({ kind: 'project', name: `${NODE_GROUP}${name}` });

function netName(t: Topology, id: string): string {
  return t.networks.find((n) => n.id === id)?.name ?? id.slice(0, 12);
}

function TaskTable({ tasks, t, swarm, onSelect, show }: { tasks: TopoTask[]; t: Topology; swarm: TopoSwarm; onSelect: OnSelect; show: 'node' | 'service' }) {
  const names = nodeNames(swarm);
  if (!tasks.length) return <p className={`text-xs ${muted}`}>No tasks meant to run.</p>;
  return (
    <table className="mt-1 w-full text-left text-xs" data-testid="swarm-tasks">
      <thead><tr className={muted}><th>task</th><th>{show === 'node' ? 'node' : 'service'}</th><th>state</th><th>addresses</th></tr></thead>
      <tbody>
        {tasks.map((k) => {
          const local = k.containerId ? t.containers.find((c) => c.id === k.containerId) : undefined;
          const title = `${k.serviceName}.${k.slot ?? (k.nodeId ?? '').slice(0, 6)}`;
          const node = k.nodeId ? names.get(k.nodeId) ?? k.nodeId.slice(0, 12) : '—';
          return (
            <tr key={k.id} className="border-t border-slate-200 align-top dark:border-slate-800" data-task={k.id}>
              <td>{local ? <LinkButton onClick={() => onSelect({ kind: 'container', id: local.id })}>{title}</LinkButton> : title}</td>
              <td>{show === 'node'
                ? (k.nodeId ? <LinkButton onClick={() => onSelect(nodeSelection(node))}>{node}</LinkButton> : '—')
                : <LinkButton onClick={() => onSelect(serviceSelection(k.serviceName))}>{k.serviceName}</LinkButton>}</td>
              <td>{k.state}{k.state !== k.desiredState ? ` (wants ${k.desiredState})` : ''}{k.error ? <span className="block text-red-700 dark:text-red-300">{k.error}</span> : null}</td>
              <td className="font-mono">{k.addresses.map((a) => <span key={a.networkId + a.address} className="block">{a.address} <span className={muted}>on {netName(t, a.networkId)}</span></span>)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function ServiceDetails({ name, t, onSelect, folds }: { name: string; t: Topology; onSelect: OnSelect; folds?: InspectorFolds }) {
  const s = t.swarm?.services.find((x) => x.name === name);
  if (!t.swarm || !s) return <Gone what="swarm service" />;
  const tasks = t.swarm.tasks.filter((k) => k.serviceId === s.id);
  const members = t.containers.filter((c) => c.labels['com.docker.swarm.service.id'] === s.id).length;
  return (
    <section aria-label="Swarm service details" data-testid="inspector">
      <h2 className="text-base font-semibold">{s.name} <span className={`text-xs font-normal ${muted}`}>swarm service</span></h2>
      <FoldButton groupId={ids.project(`${SERVICE_GROUP}${s.name}`)} count={members} folds={folds} />
      <Facts rows={[
        ['id', <CopyValue key="id" value={s.id} />],
        ['mode', s.replicas === null ? `${s.mode}: one task per node` : `${s.mode}: ${s.replicas} replica${s.replicas === 1 ? '' : 's'} asked for`],
        ['running', s.replicas === null ? `${s.running}` : `${s.running} of ${s.replicas}`],
        ['image', <CopyValue key="img" value={s.image} />],
        ['stack', s.stack ?? '—'],
        ['endpoint mode', s.endpointMode === 'dnsrr' ? 'dnsrr: the name resolves to every task\'s address (no VIP)' : 'vip: the name resolves to one virtual IP per network, balanced over the tasks'],
        ['VIPs', s.vips.length
          ? <span className="flex flex-col" data-testid="service-vips">{s.vips.map((v) => <span key={v.networkId}><CopyValue value={v.address} /> on <LinkButton onClick={() => onSelect({ kind: 'network', id: v.networkId })}>{netName(t, v.networkId)}</LinkButton></span>)}</span>
          : '—'],
        ['networks', s.networks.length ? s.networks.map((n) => `${netName(t, n.networkId)}${n.aliases.length ? ` (aliases ${n.aliases.join(', ')})` : ''}`).join(', ') : '—'],
        ['published', s.ports.length
          ? <span className="flex flex-col">{s.ports.map((p) => <span key={`${p.publishedPort}/${p.protocol}`}>{p.publishedPort ?? '?'} → {p.targetPort}/{p.protocol} <span className={muted}>{p.publishMode === 'host' ? '(host mode: only on nodes running a task)' : '(ingress: on every node, through the routing mesh)'}</span></span>)}</span>
          : 'none'],
      ]} />
      <h3 className="mt-3 text-sm font-semibold">Tasks ({tasks.length})</h3>
      <TaskTable tasks={tasks} t={t} swarm={t.swarm} onSelect={onSelect} show="node" />
    </section>
  );
}

export function NodeDetails({ name, t, onSelect, folds }: { name: string; t: Topology; onSelect: OnSelect; folds?: InspectorFolds }) {
  const names = t.swarm ? nodeNames(t.swarm) : new Map<string, string>();
  const n = t.swarm?.nodes.find((x) => names.get(x.id) === name);
  if (!t.swarm || !n) return <Gone what="swarm node" />;
  const tasks = t.swarm.tasks.filter((k) => k.nodeId === n.id);
  return (
    <section aria-label="Swarm node details" data-testid="inspector">
      <h2 className="text-base font-semibold">{n.hostname} <span className={`text-xs font-normal ${muted}`}>swarm node{n.self ? ' (this engine)' : ''}</span></h2>
      {n.self ? <FoldButton groupId={ids.project(`${NODE_GROUP}${name}`)} count={t.containers.length} folds={folds} /> : null}
      <Facts rows={[
        ['id', <CopyValue key="id" value={n.id} />],
        ['role', `${n.role}${n.leader ? ' (leader)' : ''}`],
        ['availability', n.availability === 'active' ? 'active: takes new tasks' : n.availability === 'drain' ? 'drain: its tasks move elsewhere' : 'pause: keeps its tasks, takes no new ones'],
        ['state', n.state],
        ['address', <CopyValue key="addr" value={n.address} />],
        ['engine', n.engineVersion ?? '—'],
      ]} />
      {!n.self ? <p className={`mt-2 text-xs ${muted}`}>Its containers are on its own engine; add it as a docker context to draw them.</p> : null}
      <h3 className="mt-3 text-sm font-semibold">Tasks ({tasks.length})</h3>
      <TaskTable tasks={tasks} t={t} swarm={t.swarm} onSelect={onSelect} show="service" />
    </section>
  );
}

/** The task a container runs, where it runs one. */
export function taskRows(c: TopoContainer, t: Topology, onSelect: OnSelect): [string, ReactNode][] {
  const service = c.labels['com.docker.swarm.service.name'];
  if (!service) return [];
  const task = t.swarm?.tasks.find((k) => k.id === c.labels['com.docker.swarm.task.id']);
  const names = t.swarm ? nodeNames(t.swarm) : new Map<string, string>();
  const node = c.labels['com.docker.swarm.node.id'];
  return [
    ['swarm service', <LinkButton key="svc" onClick={() => onSelect(serviceSelection(service))}>{service}</LinkButton>],
    ['task', `${task ? `slot ${task.slot ?? '—'} · ${task.state}` : c.labels['com.docker.swarm.task.name'] ?? '—'}`],
    ['swarm node', node ? (names.get(node) ? <LinkButton key="node" onClick={() => onSelect(nodeSelection(names.get(node)!))}>{names.get(node)}</LinkButton> : node.slice(0, 12)) : '—'],
  ];
}

/** What the swarm's own networks are for, and the services with a VIP on a network. */
export function SwarmNetworkNotes({ n, t, onSelect }: { n: TopoNetwork; t: Topology; onSelect: OnSelect }) {
  const services = t.swarm?.services.filter((s) => s.vips.some((v) => v.networkId === n.id)) ?? [];
  const note = n.ingress
    ? 'The routing mesh: every node publishes each service\'s ingress ports and forwards a connection, over this overlay, to a task of the service (IPVS), on whichever node it runs. Tasks join it only for published ports; do not attach your own containers to it.'
    : n.name === 'docker_gwbridge' && n.driver === 'bridge'
      ? 'A bridge on each swarm node that gives containers on overlay networks their way out: every task (and each container attached to an overlay) gets an endpoint here beside its overlay ones, and the ingress sandbox sits on it too. Overlay traffic between nodes does not go through it (that is VXLAN on port 4789).'
      : n.driver === 'overlay' && !n.attachable && !n.ingress
        ? 'A swarm-scoped overlay for services only: standalone containers cannot join it (create it with --attachable for that).'
        : null;
  if (!note && !services.length) return null;
  return (
    <div className="mt-2 text-xs" data-testid="swarm-network-notes">
      {note ? <p className="rounded bg-violet-50 p-2 text-violet-950 dark:bg-violet-950 dark:text-violet-100">{note}</p> : null}
      {services.length ? (
        <>
          <h3 className="mt-2 text-sm font-semibold">Service VIPs ({services.length})</h3>
          <ul>
            {services.map((s) => (
              <li key={s.id}>
                <LinkButton onClick={() => onSelect(serviceSelection(s.name))}>{s.name}</LinkButton>{' '}
                <span className="font-mono">{s.vips.filter((v) => v.networkId === n.id).map((v) => v.address).join(', ')}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
