'use client';
/** Opens the rewiring dialog the page asked for and runs its action, marking graph elements pending. */
import { ids } from '@/lib/graph/ids';
import { useRewire, type RewireRoute } from '@/lib/hooks/use-rewire';
import type { StagedStep } from '@/lib/hooks/use-plan';
import type { Topology } from '@/lib/topology/types';
import { StagingContext } from './modal';
import { ConnectDialog, CreateNetworkDialog, DisconnectDialog, PickNetworkDialog, RemoveNetworkDialog } from './dialogs';

export type RewireDialog =
  | { kind: 'pick-network'; containerId: string }
  | { kind: 'connect'; networkId: string; containerId: string }
  | { kind: 'disconnect'; networkId: string; containerId: string }
  | { kind: 'create' }
  | { kind: 'remove'; networkId: string };

interface Props {
  topology: Topology;
  dialog: RewireDialog | null;
  setDialog: (d: RewireDialog | null) => void;
  setPending: (elementIds: string[]) => void;
  /** Where each change goes, on a page of several engines (the fleet's); its topology's SWR key. */
  route?: { route: RewireRoute; topologyKey: string };
  /** Plan mode: each change is handed here as a step instead of being made. */
  stage?: (s: StagedStep) => void;
}

export function RewireLayer(props: Props) {
  const layer = <Dialogs {...props} />;
  return props.stage ? <StagingContext.Provider value={true}>{layer}</StagingContext.Provider> : layer;
}

function Dialogs({ topology, dialog, setDialog, setPending, route, stage }: Props) {
  const real = useRewire(route);
  if (!dialog) return null;
  // In plan mode the same dialogs stage their change (names, as the CLI command says them).
  const staged = (s: StagedStep) => { stage!(s); return Promise.resolve(); };
  const api: {
    connect: (n: string, body: { container: string; aliases?: string[]; ipv4?: string | null; ipv6?: string | null }) => Promise<unknown>;
    disconnect: (n: string, c: string, force?: boolean) => Promise<unknown>;
    createNetwork: (spec: Parameters<typeof real.createNetwork>[0]) => Promise<unknown>;
    removeNetwork: (n: string) => Promise<unknown>;
  } = stage ? {
    connect: (n: string, body: { container: string; aliases?: string[]; ipv4?: string | null; ipv6?: string | null }) => staged({ step: { kind: 'connect', network: net(n)!.name, ...body, container: ctr(body.container)!.name }, elementIds: [ids.container(body.container), ids.network(n)] }),
    disconnect: (n: string, c: string, force = false) => staged({ step: { kind: 'disconnect', network: net(n)!.name, container: ctr(c)!.name, force }, elementIds: [ids.endpoint(n, c), ids.container(c)] }),
    createNetwork: (spec) => staged({ step: { kind: 'network-create', ...spec }, elementIds: [] }),
    removeNetwork: (n: string) => staged({ step: { kind: 'network-remove', network: net(n)!.name }, elementIds: [ids.network(n)] }),
  } : real;
  const close = () => setDialog(null);
  const net = (id: string) => topology.networks.find((n) => n.id === id);
  const ctr = (id: string) => topology.containers.find((c) => c.id === id);
  const pending = async <T,>(elementIds: string[], p: () => Promise<T>): Promise<T> => {
    setPending(elementIds);
    try {
      return await p();
    } finally {
      setPending([]);
    }
  };

  switch (dialog.kind) {
    case 'pick-network': {
      const c = ctr(dialog.containerId);
      return c ? <PickNetworkDialog topology={topology} container={c} onClose={close} onPick={(networkId) => setDialog({ kind: 'connect', networkId, containerId: c.id })} /> : null;
    }
    case 'connect': {
      const n = net(dialog.networkId);
      const c = ctr(dialog.containerId);
      if (!n || !c) return null;
      return (
        <ConnectDialog topology={topology} network={n} container={c} onClose={close}
          onConnect={(body) => pending([ids.container(c.id), ids.network(n.id)], () => api.connect(n.id, { ...body, container: c.id }))} />
      );
    }
    case 'disconnect': {
      const n = net(dialog.networkId);
      const c = ctr(dialog.containerId);
      if (!n || !c) return null;
      return (
        <DisconnectDialog network={n} container={c} onClose={close}
          onDisconnect={(force) => pending([ids.endpoint(n.id, c.id), ids.container(c.id)], () => api.disconnect(n.id, c.id, force))} />
      );
    }
    case 'create':
      return <CreateNetworkDialog swarmManager={topology.engine.swarm?.isManager === true} onClose={close} onCreate={(spec) => api.createNetwork(spec)} />;
    case 'remove': {
      const n = net(dialog.networkId);
      if (!n) return null;
      return <RemoveNetworkDialog topology={topology} network={n} onClose={close} onRemove={() => pending([ids.network(n.id)], () => api.removeNetwork(n.id))} />;
    }
  }
}
