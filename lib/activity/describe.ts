/** An activity entry in one sentence, as the timeline shows it. Pure. */
import type { ActivityEntry } from '@/lib/schemas/activity';

type Described = Pick<ActivityEntry, 'kind' | 'source' | 'network' | 'container' | 'detail' | 'undoes'>;

const CAUSE: Record<string, string> = { start: ' as it started', stop: ' as it stopped (it keeps the network configured)', remove: ' as it was removed' };

export function describeEntry(e: Described): string {
  const ctr = e.container?.name ?? 'a container';
  const net = e.network?.name ?? 'a network';
  const d = e.detail;
  const by = e.source === 'switchyard';
  const extras: string[] = [];
  if (Array.isArray(d.aliases) && d.aliases.length) extras.push(`alias ${d.aliases.join(', ')}`);
  if (typeof d.ipv4 === 'string' && d.ipv4) extras.push(`IP ${d.ipv4}`);
  if (typeof d.ipv6 === 'string' && d.ipv6) extras.push(`IPv6 ${d.ipv6}`);
  const with_ = extras.length ? ` (${extras.join('; ')})` : '';
  const cause = typeof d.cause === 'string' ? CAUSE[d.cause] ?? '' : '';
  const undo = e.undoes !== null ? `Undo of #${e.undoes}: ` : '';
  switch (e.kind) {
    case 'connect':
      return cause ? `${ctr} joined ${net}${cause}` : `${undo}${by ? 'Connected' : 'Connected (outside Switchyard)'} ${ctr} to ${net}${with_}`;
    case 'disconnect':
      return cause ? `${ctr} left ${net}${cause}` : `${undo}${by ? 'Disconnected' : 'Disconnected (outside Switchyard)'} ${ctr} from ${net}`;
    case 'network-create':
      return `${undo}Created network ${net}${typeof d.driver === 'string' ? ` (${d.driver})` : ''}`;
    case 'network-remove':
      return `${undo}Removed network ${net}`;
    case 'container-start':
      return `${ctr} started`;
    case 'container-die':
      return `${ctr} stopped${typeof d.exitCode === 'number' ? ` (exit code ${d.exitCode})` : ''}`;
    case 'container-destroy':
      return `${ctr} was removed`;
    case 'agent-start':
      return `Started Switchyard's agent (${ctr}) to read this engine's host${typeof d.imageCopiedFrom === 'string' ? ` (its image copied from ${d.imageCopiedFrom})` : ''}`;
    case 'agent-stop':
      return `Stopped and removed Switchyard's agent (${ctr})`;
    case 'plan': {
      const steps = Array.isArray(d.steps) ? d.steps as { result?: string }[] : [];
      const n = `${steps.length} step${steps.length === 1 ? '' : 's'}`;
      const left = steps.filter((x) => x.result === 'undo-failed').length;
      if (steps.length && steps.every((x) => x.result === 'done')) return `Applied a plan of ${n}`;
      return left ? `A plan of ${n} stopped; ${left} of its steps could not be taken back` : `A plan of ${n} stopped, and the steps it had done were taken back`;
    }
    case 'compose-write':
      return `${undo}${e.undoes !== null ? 'Put back' : 'Wrote'} ${typeof d.service === 'string' ? `service ${d.service}'s` : `${ctr}'s`} networks ${e.undoes !== null ? 'in' : 'into'} ${typeof d.file === 'string' ? d.file : 'its compose file'}${e.undoes !== null ? ' as they were' : ''}`;
  }
}
