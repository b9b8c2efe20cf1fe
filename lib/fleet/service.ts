/**
 * The fleet as the server has it: every engine's store asked at once for its topology, each
 * bounded as the engines overview is, then merged (./merge). An engine that is down or slow is
 * named in the answer and costs the others nothing.
 */
import 'server-only';
import { toApiError } from '@/lib/api/errors';
import { catalog } from '@/lib/engines/catalog';
import { topologyStore } from '@/lib/engines/registry';
import { mergeFleet, type Fleet, type FleetMember } from './merge';

const WAIT_MS = 600;

export async function currentFleet(waitMs = WAIT_MS): Promise<Fleet> {
  const members = await Promise.all(catalog().engines.map(async (spec): Promise<FleetMember> => {
    try {
      const t = await topologyStore(spec.name).currentWithin(waitMs);
      return { name: spec.name, topology: t, error: t ? null : `did not answer within ${waitMs / 1000} s` };
    } catch (err) {
      return { name: spec.name, topology: null, error: toApiError(err).message };
    }
  }));
  return mergeFleet(members);
}
