'use client';
/**
 * The rewiring dialogs. Each shows the docker CLI equivalent, checks input as it is typed
 * (the request's own schema and the same preflight the server runs), and shows the engine's
 * refusal in plain words.
 */
import { useState, type FormEvent } from 'react';
import { checkConnect } from '@/lib/rewire/preflight';
import { connectCommand, createCommand, disconnectCommand, removeCommand } from '@/lib/rewire/cli';
import { useAddressCheck } from '@/lib/hooks/use-addresses';
import { checkInput } from '@/lib/schemas/common';
import { connectBodySchema, createNetworkBodySchema, type ConnectRequest, type CreateNetworkBody, type CreateNetworkRequest } from '@/lib/schemas/networks';
import type { Topology, TopoContainer, TopoNetwork } from '@/lib/topology/types';
import { Buttons, CliLine, ErrorNote, inputClass, Modal, useAction } from './modal';
import { CutsNote } from './cuts-note';

const splitList = (s: string) => s.split(/[\s,]+/).map((x) => x.trim()).filter(Boolean);

export function ConnectDialog({ topology, network, container, onConnect, onClose }: {
  topology: Topology; network: TopoNetwork; container: TopoContainer;
  onConnect: (body: ConnectRequest) => Promise<unknown>;
  onClose: () => void;
}) {
  const [aliases, setAliases] = useState('');
  const [ipv4, setIpv4] = useState('');
  const [ipv6, setIpv6] = useState('');
  const { pending, error, run } = useAction();
  const body = { container: container.name, aliases: splitList(aliases), ipv4: ipv4.trim() || null, ipv6: ipv6.trim() || null };
  const parsed = checkInput(connectBodySchema, body);
  const problem = parsed.ok ? checkConnect(topology, network, container, parsed.value) : parsed.problem;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(() => onConnect(body), onClose);
  };
  return (
    <Modal title={`Connect ${container.name} to ${network.name}`} onClose={onClose} testId="connect-dialog">
      <form onSubmit={submit} className="flex flex-col gap-2 text-sm">
        <label>Aliases (optional, comma separated)
          <input className={inputClass} name="aliases" value={aliases} onChange={(e) => setAliases(e.target.value)} placeholder="db, cache" />
        </label>
        <label>Static IPv4 (optional){network.subnets[0] ? <span className="text-slate-600 dark:text-slate-400"> in {network.subnets.map((s) => s.subnet).join(', ')}</span> : null}
          <input className={inputClass} name="ipv4" value={ipv4} onChange={(e) => setIpv4(e.target.value)} placeholder="leave empty for the next free address" />
        </label>
        {network.ipv6 ? (
          <label>Static IPv6 (optional)
            <input className={inputClass} name="ipv6" value={ipv6} onChange={(e) => setIpv6(e.target.value)} />
          </label>
        ) : null}
        {network.builtin ? <p className="text-xs text-slate-600 dark:text-slate-400">The default bridge takes no aliases or static addresses, and gives no DNS by name.</p> : null}
        {problem ? <p className="text-xs text-amber-700 dark:text-amber-300" data-testid="connect-problem">{problem.message}{problem.hint ? ` — ${problem.hint}` : ''}</p> : null}
        <CliLine command={connectCommand(network.name, container.name, body)} />
        <ErrorNote error={error} />
        <Buttons onCancel={onClose} confirm="Connect" pending={pending} />
      </form>
    </Modal>
  );
}

export function DisconnectDialog({ network, container, onDisconnect, onClose }: {
  network: TopoNetwork; container: TopoContainer; onDisconnect: (force: boolean) => Promise<unknown>; onClose: () => void;
}) {
  const [force, setForce] = useState(false);
  const { pending, error, run } = useAction();
  return (
    <Modal title={`Disconnect ${container.name} from ${network.name}`} onClose={onClose} testId="disconnect-dialog">
      <form onSubmit={(e) => { e.preventDefault(); void run(() => onDisconnect(force), onClose); }} className="text-sm">
        <p>{container.name} loses its address on {network.name}; containers there can no longer reach it by name or IP.</p>
        <CutsNote networkId={network.id} containerIds={[container.id]} />
        <label className="mt-2 flex items-center gap-2"><input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> Force (when the engine cannot reach the endpoint)</label>
        <CliLine command={disconnectCommand(network.name, container.name, force)} />
        <ErrorNote error={error} />
        <Buttons onCancel={onClose} confirm="Disconnect" pending={pending} danger />
      </form>
    </Modal>
  );
}

export function RemoveNetworkDialog({ topology, network, onRemove, onClose }: {
  topology: Topology; network: TopoNetwork; onRemove: () => Promise<unknown>; onClose: () => void;
}) {
  const { pending, error, run } = useAction();
  const members = topology.endpoints.filter((e) => e.networkId === network.id).map((e) => topology.containers.find((c) => c.id === e.containerId)?.name ?? e.containerId.slice(0, 12));
  return (
    <Modal title={`Remove network ${network.name}`} onClose={onClose} testId="remove-dialog">
      <form onSubmit={(e) => { e.preventDefault(); void run(onRemove, onClose); }} className="text-sm">
        {members.length ? <p>The engine refuses while it has members: {members.join(', ')}. Disconnect them first.</p> : <p>{network.name} has no members.</p>}
        <CutsNote networkId={network.id} containerIds={null} />
        <CliLine command={removeCommand(network.name)} />
        <ErrorNote error={error} />
        <Buttons onCancel={onClose} confirm="Remove" pending={pending} danger />
      </form>
    </Modal>
  );
}

export function CreateNetworkDialog({ swarmManager, onCreate, onClose }: {
  swarmManager: boolean; onCreate: (spec: CreateNetworkRequest) => Promise<unknown>; onClose: () => void;
}) {
  const [f, setF] = useState({ name: '', driver: 'bridge', subnet: '', gateway: '', ipRange: '', internal: false, attachable: false, ipv6: false, labels: '', acceptOverlap: false });
  const { pending, error, run } = useAction();
  // The host's address plan: a subnet that clashes with nothing, and what the typed one would clash with.
  const plan = useAddressCheck(f.subnet);
  const clashes = f.subnet.trim() && plan.data?.check?.subnet === f.subnet.trim() ? plan.data.check.clashes : [];
  const suggestion = plan.data?.suggestion ?? null;
  const labels = Object.fromEntries(splitList(f.labels).map((kv) => {
    const i = kv.indexOf('=');
    return i > 0 ? [kv.slice(0, i), kv.slice(i + 1)] : [kv, ''];
  }));
  const spec = { name: f.name.trim(), driver: f.driver as CreateNetworkBody['driver'], subnet: f.subnet.trim() || null, gateway: f.gateway.trim() || null, ipRange: f.ipRange.trim() || null, internal: f.internal, attachable: f.attachable, ipv6: f.ipv6, labels, acceptOverlap: f.acceptOverlap };
  const parsed = checkInput(createNetworkBodySchema, spec);
  const set = (k: keyof typeof f) => (e: { target: { value: string; checked?: boolean; type?: string } }) =>
    setF((s) => ({ ...s, [k]: e.target.type === 'checkbox' ? !!e.target.checked : e.target.value }));
  return (
    <Modal title="Create a network" onClose={onClose} testId="create-dialog">
      <form onSubmit={(e) => { e.preventDefault(); void run(() => onCreate(spec), onClose); }} className="grid grid-cols-2 gap-2 text-sm">
        <label className="col-span-2">Name<input className={inputClass} name="name" value={f.name} onChange={set('name')} required /></label>
        <label>Driver
          <select className={inputClass} name="driver" value={f.driver} onChange={set('driver')}>
            <option value="bridge">bridge</option>
            {swarmManager ? <option value="overlay">overlay</option> : null}
          </select>
        </label>
        <label>Subnet<input className={inputClass} name="subnet" value={f.subnet} onChange={set('subnet')} placeholder={suggestion?.subnet ?? '10.77.0.0/24'} /></label>
        <label>Gateway<input className={inputClass} name="gateway" value={f.gateway} onChange={set('gateway')} placeholder="10.77.0.1" /></label>
        <label>IP range<input className={inputClass} name="ipRange" value={f.ipRange} onChange={set('ipRange')} placeholder="10.77.0.128/25" /></label>
        <label className="col-span-2">Labels (key=value, comma separated)<input className={inputClass} name="labels" value={f.labels} onChange={set('labels')} /></label>
        <label className="flex items-center gap-1"><input type="checkbox" name="internal" checked={f.internal} onChange={set('internal')} /> internal</label>
        <label className="flex items-center gap-1"><input type="checkbox" name="attachable" checked={f.attachable} onChange={set('attachable')} /> attachable</label>
        <label className="flex items-center gap-1"><input type="checkbox" name="ipv6" checked={f.ipv6} onChange={set('ipv6')} /> IPv6</label>
        <div className="col-span-2 text-xs" data-testid="subnet-advice">
          {suggestion && f.subnet.trim() !== suggestion.subnet ? (
            <p>Free: <code>{suggestion.subnet}</code> clashes with no network, host route or interface ({suggestion.from}).{' '}
              <button type="button" className="underline underline-offset-2" onClick={() => setF((s) => ({ ...s, subnet: suggestion.subnet, gateway: suggestion.gateway, acceptOverlap: false }))}>Use it</button></p>
          ) : null}
          {clashes.length ? (
            <div role="alert" className="mt-1 rounded border-l-4 border-amber-600 bg-amber-50 px-2 py-1 text-amber-950 dark:border-amber-500 dark:bg-amber-950 dark:text-amber-100" data-testid="subnet-clashes">
              <ul className="list-disc pl-4">{clashes.map((c) => <li key={c.text}>{c.text}</li>)}</ul>
              <label className="mt-1 flex items-center gap-1"><input type="checkbox" name="acceptOverlap" checked={f.acceptOverlap} onChange={set('acceptOverlap')} /> Create it anyway</label>
            </div>
          ) : null}
        </div>
        <div className="col-span-2">
          <CliLine command={createCommand(spec)} />
          {spec.name && !parsed.ok ? <p className="text-xs text-amber-700 dark:text-amber-300" data-testid="create-problem">{parsed.problem.message}{parsed.problem.hint ? ` — ${parsed.problem.hint}` : ''}</p> : null}
          <ErrorNote error={error} />
          <Buttons onCancel={onClose} confirm="Create" pending={pending} disabled={!spec.name || (clashes.length > 0 && !f.acceptOverlap)} />
        </div>
      </form>
    </Modal>
  );
}

/** Keyboard path to connecting: choose the network first. */
export function PickNetworkDialog({ topology, container, onPick, onClose }: {
  topology: Topology; container: TopoContainer; onPick: (networkId: string) => void; onClose: () => void;
}) {
  const options = topology.networks.filter((n) => !(n.builtin && n.driver !== 'bridge'));
  const [choice, setChoice] = useState(options[0]?.id ?? '');
  return (
    <Modal title={`Connect ${container.name} to…`} onClose={onClose} testId="pick-network-dialog">
      <form onSubmit={(e) => { e.preventDefault(); if (choice) onPick(choice); }} className="text-sm">
        <label>Network
          <select className={inputClass} value={choice} onChange={(e) => setChoice(e.target.value)} autoFocus>
            {options.map((n) => <option key={n.id} value={n.id}>{n.name}{n.subnets[0] ? ` (${n.subnets[0].subnet})` : ''}</option>)}
          </select>
        </label>
        <Buttons onCancel={onClose} confirm="Next" pending={false} stageable={false} />
      </form>
    </Modal>
  );
}
